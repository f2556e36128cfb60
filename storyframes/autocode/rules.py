"""The rules of the automatic coding, as data: one table per kind of code, one comment per rule.

Principle rules are derived from the wording of the Statement of Principles (data/principles.csv:
each principle's heading and launch wording) and from the reasons the hand coder wrote
(data/passage_principles.csv), generalised to the words a reporter uses for the same idea. Each is
a case-insensitive regular expression over one sentence (curly quotes made straight first); a
sentence refers to a principle when any of its rules matches. Data/README.md ("Automatic coding")
lists them for readers; `storyframes.autocode.accuracy` measures them against the hand codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    rule_id: str
    principle_id: str
    pattern: re.Pattern[str]
    basis: str  # the Statement's wording (or the coder's reason) the rule stands for


def _r(rule_id: str, principle_id: str, pattern: str, basis: str) -> Rule:
    return Rule(rule_id, principle_id, re.compile(pattern, re.IGNORECASE), basis)


_W = r"(?:[\w'-]+\W+)"  # one word and what follows it, for "within a few words"

PRINCIPLE_RULES: tuple[Rule, ...] = (
    # P1 — "adopt policies that prioritize mental health and drug treatment instead of arrests and
    # prosecution"; heading "Increasing Alternatives to Arrest and Prosecution".
    _r("P1-alternatives", "P1", r"\balternatives?\s+to\s+(?:arrests?|prosecutions?|incarceration|jail|prison)",
       "heading: alternatives to arrest and prosecution"),
    _r("P1-treatment", "P1",
       r"\b(?:drug|mental[- ]health|substance[- ]abuse|addiction)\b[^.;]{0,60}?\btreatment|\btreatment\b[^.;]{0,60}?\b(?:drugs?|mental[- ]health|addiction)\b",
       "mental health and drug treatment (either order: 'treatment-focused approach to offenders with drug problems')"),
    _r("P1-instead-of-arrest", "P1", r"\binstead\s+of\s+(?:arrests?|arresting|prosecution|prosecuting|jail|incarcerat\w*)",
       "treatment instead of arrests and prosecution"),
    _r("P1-diversion", "P1", r"\bdiver(?:sion|t|ts|ted|ting)\b", "diversion: the usual name of alternatives to arrest"),
    # P2 — "restore balance to our criminal laws through efforts such as the reclassification of
    # crimes … reclassify nonviolent felonies as misdemeanors or eliminate petty or duplicative
    # offenses from criminal codes".
    _r("P2-reclassify", "P2", r"\breclassif\w*", "reclassification of crimes; reclassify felonies"),
    _r("P2-felony-to-misdemeanor", "P2", rf"\bfelon\w*\s+{_W}{{0,3}}?(?:as|into|to)\s+{_W}?misdemeanou?rs?\b",
       "nonviolent felonies as misdemeanors"),
    _r("P2-restore-balance", "P2", r"\b(?:restor\w*|bring\w*|brought)\s+(?:\w+\s+)?balance\b", "restore balance to our criminal laws"),
    _r("P2-fewer-offenses", "P2",
       rf"\b(?:eliminat|remov|reduc|repeal|cut)\w*\s+{_W}{{0,4}}?(?:petty|duplicative|criminal\s+penalt|offen[cs]es\s+from)",
       "eliminate petty or duplicative offenses from criminal codes ('reducing the number of criminal penalties')"),
    _r("P2-soften-laws", "P2",
       rf"\b(?:un-?harsh\w*|soften\w*|eas(?:e|es|ed|ing)|loosen\w*|relax\w*|rebalanc\w*)\s+{_W}{{0,3}}?(?:drug|criminal)\s+(?:laws|codes?)\b",
       "balance in criminal laws, said as making drug or criminal laws less harsh ('un-harshing drug laws')"),
    _r("P2-proposition-47", "P2", r"\bProp(?:osition|\.)?\s*47\b",
       "California's Proposition 47 (2014) reclassified drug and property felonies as misdemeanors: the reclassification named"),
    # P3 — "reduce mandatory minimum sentences set by law, and also reduce maximum sentences;
    # Judges should be allowed more flexibility in sentencing"; heading "Reforming Mandatory Minimums".
    _r("P3-mandatory-minimums", "P3", r"\bmandatory[- ]minimums?\b", "mandatory minimum sentences"),
    _r("P3-maximum-sentences", "P3", r"\bmaximum\s+(?:prison\s+)?sentences?\b", "reduce maximum sentences"),
    _r("P3-sentencing-discretion", "P3",
       r"\b(?:flexib\w*|discretion)\b[^.;]{0,40}?\bsentenc\w*|\bsentenc\w*[^.;]{0,40}?\b(?:flexib\w*|discretion)\b",
       "judges should be allowed more flexibility in sentencing"),
    _r("P3-proportional", "P3", r"\bproportion\w*\s+(?:sentenc|punish)\w*", "proportional sentences"),
    _r("P3-shorter-sentences", "P3", rf"\b(?:reduc|shorten|cut|lower)\w*\s+{_W}{{0,3}}?sentence(?:s|\s+lengths?)\b",
       "reduce sentences ('reduce both sentence lengths')"),
    _r("P3-sentencing-reform", "P3", r"\bsentencing\s+(?:reform|laws?\s+reform)", "reforming sentencing (the heading's 'reforming')"),
    # P4 — "train officers and prosecutors in procedural justice and police legitimacy to more
    # effectively engage with community members"; heading "Strengthening Community-Law Enforcement Ties".
    _r("P4-procedural-justice", "P4", r"\bprocedural\s+justice\b|\b(?:police\s+)?legitimacy\b", "procedural justice and police legitimacy"),
    _r("P4-community-ties", "P4",
       r"\b(?:ties|trust|relationships?|collaborat\w*|partnerships?|dialogue|engag\w*|outreach)\b[^.;]{0,80}?\b(?:communit\w*|neighbou?rhoods?|residents)\b"
       r"|\b(?:communit\w*|neighbou?rhoods?|residents)\b[^.;]{0,80}?\b(?:ties|trust|relationships?|collaborat\w*|partnerships?|dialogue|engag\w*|outreach)\b",
       "ties between law enforcement and the community; collaboration with neighborhood residents; engage with community members"),
    _r("P4-community-voice", "P4", r"\bcommunity\s+(?:concerns|input|priorities|policing|problems|members)\b|\bwork\s+within\s+communities\b",
       "policies informed by community concerns; prosecutors should work within communities"),
)

# Words that introduce reported speech: a name with one of these and a quotation in its sentence
# is "quoted"; without, "named".
SPEECH_VERBS = re.compile(
    r"\b(?:said|says|say|saying|told|tells|tell|according\s+to|added|adds|asked|asks|wrote|writes|stated|states|explained|explains|"
    r"acknowledg\w*|argu\w*|noted|notes|insisted|insists|urged|urges|warned|warns|declared|declares|announced|announces|"
    r"vowed|vows|recalled|recalls|put\s+it|in\s+a\s+statement|in\s+its\s+statement)\b",
    re.IGNORECASE,
)
# Where a quotation came from: the group's written statement, or another outlet's reporting.
STATEMENT_CHANNEL = re.compile(r"\b(?:in\s+(?:a|its|his|her|their|the)\s+statement|statement\s+(?:said|says|read))\b", re.IGNORECASE)
OTHER_OUTLET_CHANNEL = re.compile(r"\b(?:told|tells|said\s+to|in\s+an\s+interview\s+with|according\s+to)\s+(?:the\s+)?$", re.IGNORECASE)

# Titles before a surname that make a lone surname a person ("President Obama", "Chief Beck").
TITLES = frozenset("""president chief commissioner superintendent sheriff attorney prosecutor director mayor governor
senator sen. rep. representative mr. mrs. ms. dr. judge justice officer sgt. lt. capt. captain detective secretary da
general co-chair chairman chair""".split())

# Common English short forms of first names, so "Bill Bratton" finds William J. Bratton.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "william": ("bill", "will", "billy"), "charles": ("charlie", "chuck"), "robert": ("bob", "rob", "bobby"),
    "richard": ("rich", "rick", "dick"), "thomas": ("tom", "tommy"), "michael": ("mike",), "james": ("jim", "jimmy"),
    "joseph": ("joe",), "benjamin": ("ben",), "anthony": ("tony",), "steven": ("steve",), "stephen": ("steve",),
    "kenneth": ("ken",), "cyrus": ("cy",), "ronald": ("ron",), "ronal": ("ron",), "david": ("dave",), "daniel": ("dan",),
    "edward": ("ed", "ted"), "peter": ("pete",), "samuel": ("sam",), "salvatore": ("sal",), "timothy": ("tim",),
    "bradley": ("brad",), "catherine": ("cathy", "kate"), "cathy": ("catherine",), "elizabeth": ("liz", "beth"),
    "jennifer": ("jen", "jenny"), "patricia": ("pat",), "patrick": ("pat",), "gregory": ("greg",), "jeffrey": ("jeff",),
    "matthew": ("matt",), "nicholas": ("nick",), "andrew": ("andy",), "alexander": ("alex",), "christopher": ("chris",),
    "jonathan": ("jon",), "lawrence": ("larry",), "gerald": ("jerry",), "donald": ("don",), "raymond": ("ray",),
    "frederick": ("fred",), "eugene": ("gene",), "douglas": ("doug",), "theodore": ("ted",), "garry": ("gary",),
    "harold": ("harry",), "henry": ("hank", "harry"), "brett": ("bret",), "dean": (), "bonnie": (),
}

# Fuzzy thresholds (rapidfuzz.fuzz.ratio, 0-100): a full name may differ by a letter or two
# ("Gary McCarthy"); a lone surname needs six letters or more to be matched fuzzily ("McCarty"),
# shorter ones must be spelled exactly.
FULL_NAME_RATIO = 90
SURNAME_RATIO = 85
FUZZY_SURNAME_MIN_LEN = 6

# Duplicates: two texts are the same article when their normalised texts (lower case, quotes made
# straight, white space collapsed) have a rapidfuzz ratio at or above this.
DUPLICATE_RATIO = 90
