"""The rules of the automatic coding, as data: one table per kind of code, one comment per rule.

Principle rules (`principle_rules.csv`, one row per rule with its comment in `basis`) are derived
from the wording of the Statement of Principles (data/principles.csv: each principle's heading and
launch wording) and from the reasons the hand coder wrote (data/passage_principles.csv),
generalised to the words a reporter uses for the same idea. Each is a case-insensitive regular
expression over one sentence (curly quotes made straight first); a sentence refers to a principle
when any of its rules matches. data/README.md ("Codebook: the automatic codes")
lists them for readers; `storyframes.autocode.accuracy` measures them against the hand codes.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Rule:
    rule_id: str
    principle_id: str
    pattern: re.Pattern[str]
    basis: str  # the Statement's wording (or the coder's reason) the rule stands for
    asks: bool = False  # counts only in a sentence that asks for a change (ASKING)
    example: str = ""  # a sentence the rule finds (tests/unit/test_autocode_rules.py checks it does)
    words: str = ""  # a "words near words" rule, as written in the table ("" for a pattern rule)
    near: str = ""
    within: int = 0


RULES_FILE = Path(__file__).with_name("principle_rules.csv")


def term_pattern(terms: str) -> str:
    """A list of terms as written in the rules table ("reduc*, cut*, criminal law*") as one regular
    expression: a `*` stands for any ending of the word, the words of a term follow one another."""
    alternatives = []
    for term in (t.strip() for t in terms.split(",")):
        if term:
            words = [re.escape(w).replace(r"\*", r"\w*") for w in term.split()]
            alternatives.append(r"\W+".join(words))
    return r"\b(?:" + "|".join(alternatives) + r")\b"


def near_pattern(words: str, near: str, within: int) -> str:
    """One of `words` and one of `near` with at most `within` words between them, in either order."""
    a, b = term_pattern(words), term_pattern(near)
    gap = rf"(?:\W+\w+){{0,{within}}}?\W+"
    return rf"{a}{gap}{b}|{b}{gap}{a}"


def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    """The principle rules, one per row of `principle_rules.csv`:
    - rule_id, principle_id;
    - words, near, within: the rule finds one of `words` with one of `near` at most `within` words
      apart, in either order (terms comma-separated, `*` any ending: "reduc*" is reduce, reducing,
      reduction); or, when they are empty,
    - pattern: one regular expression (matched case-insensitively);
    - asks: "yes" when the words alone name the topic, not a change ("mandatory minimums"), so the
      rule counts only in a sentence that asks for a change (`ASKING`);
    - basis: the Statement's wording, or the hand coder's reason, the rule stands for;
    - example: a sentence it finds.
    Kept as data beside the code, so no principle id is typed in the app (tests/test_one_source.py)
    and a reader can read the rules as a table (data/README.md shows it)."""
    with path.open(encoding="utf-8", newline="") as f:
        out = []
        for row in csv.DictReader(f):
            within = int(row["within"] or 0)
            source = near_pattern(row["words"], row["near"], within) if row["words"] else row["pattern"]
            out.append(Rule(row["rule_id"], row["principle_id"], re.compile(source, re.IGNORECASE), row["basis"],
                            row["asks"] == "yes", row["example"], row["words"], row["near"], within))
        return tuple(out)


# Who acts. A principle's words in a sentence about another body's action or a past policy, with
# nothing of the group in it, are background, not the group's proposal: "Last year, the U.S.
# Sentencing Commission reduced sentences …", "Mandatory minimums gave prosecutors leverage …".
# OTHER_ACTOR: another body, or a time in the past; GROUP_ACTOR: the group, its members, its
# statement, or a reference back to its proposal ("such an approach"). A member's name found in the
# sentence also counts as the group (coding.principle_refs).
OTHER_ACTOR = re.compile(
    r"\b(?:sentencing\s+commission|congress|legislat\w*|lawmakers|senate|house\s+of\s+representatives|administration|"
    r"justice\s+department|department\s+of\s+justice|voters|governor|supreme\s+court|commissioners|city\s+council|"
    r"in\s+(?:19|20)\d\d|last\s+(?:year|month)|earlier\s+this\s+year|in\s+the\s+(?:19|20)?\d0s|years\s+ago)\b", re.IGNORECASE)
# ... unless the other body is told what it should do ("Congress should eliminate petty offenses"):
# a call, reported in an article about the group's calls.
CALL_ON_OTHER = re.compile(r"\b(?:should|must|ought\s+to)\b", re.IGNORECASE)
GROUP_ACTOR = re.compile(
    r"\b(?:group|coalition|organi[sz]ation|members?|leaders|chiefs?|sheriffs?|prosecutors?|police|law\s+enforcement|statement|"
    r"principles?|priorit\w*|propos\w*|we|our|us|they|their|it\s+(?:wants|calls|urges|asks|says|also)|"
    r"such\s+an?\s+(?:approach|idea|change|step|policy|reform))\b", re.IGNORECASE)
# A sentence that asks for a change (what a rule with asks = yes needs): a call, a proposal, a
# verb of change. "Mandatory minimum sentences played a vital role in increasing the prison
# population" asks for nothing.
ASKING = re.compile(
    r"\b(?:reduc\w*|cut\w*|fewer|less|lower\w*|shorten\w*|shorter|end|ending|eliminat\w*|repeal\w*|reform\w*|rethink\w*|revis\w*|"
    r"rewrit\w*|loosen\w*|eas(?:e|es|ed|ing)|scal\w*\s+back|roll\w*\s+back|overhaul\w*|abolish\w*|rid|no\s+more|alternativ\w*|instead|"
    r"rather|divert\w*|diversion|restor\w*|better|more|strength\w*|improv\w*|build\w*|earn\w*|train\w*|want\w*|call\w*|"
    r"urg\w*|push\w*|support\w*|back|backs|favou?r\w*|propos\w*|recommend\w*|priorit\w*|adopt\w*|should|must|need\w*|ask\w*|"
    r"seek\w*|advocat\w*|commit\w*|allow\w*|give|given|giving|offer\w*|expand\w*|increas\w*\s+(?:alternatives|access|use)|"
    r"work\s+(?:with|within)|encourag\w*|send\w*|steer\w*|get\s+help|treat\w*)\b", re.IGNORECASE)


# P1: "adopt policies that prioritize mental health and drug treatment instead of arrests and
#     prosecution" (heading: Increasing Alternatives to Arrest and Prosecution);
# P2: "restore balance to our criminal laws through efforts such as the reclassification of crimes
#     … reclassify nonviolent felonies as misdemeanors or eliminate petty or duplicative offenses";
# P3: "reduce mandatory minimum sentences … reduce maximum sentences; Judges should be allowed more
#     flexibility in sentencing" (heading: Reforming Mandatory Minimums);
# P4: "train officers and prosecutors in procedural justice and police legitimacy to more
#     effectively engage with community members" (heading: Strengthening Community-Law Enforcement Ties).
PRINCIPLE_RULES: tuple[Rule, ...] = load_rules()

# Words that introduce reported speech: a name with one of these and a quotation in its sentence
# is "quoted"; without, "named".
SPEECH_VERBS = re.compile(
    r"\b(?:said|says|say|saying|told|tells|tell|according\s+to|added|adds|asked|asks|wrote|writes|stated|states|explained|explains|"
    r"acknowledg\w*|argu\w*|noted|notes|insisted|insists|urged|urges|warned|warns|declared|declares|announced|announces|"
    r"vowed|vows|recalled|recalls|put\s+it|in\s+a\s+statement|in\s+its\s+statement)\b",
    re.IGNORECASE,
)
# Where a quotation came from: the group's written statement, or another outlet's reporting.
STATEMENT_CHANNEL = re.compile(
    r"\b(?:in|according\s+to)\s+(?:a|its|his|her|their|the)\s+(?:joint\s+|written\s+|news\s+)?(?:statement|press\s+release|news\s+release)\b"
    r"|\b(?:statement|press\s+release|news\s+release)\b[^\"]{0,80}?\b(?:said|says|read|reads|stated|states|added|declared|noted)\b",
    re.IGNORECASE)
OTHER_OUTLET_CHANNEL = re.compile(r"\b(?:told|tells|said\s+to|in\s+an\s+interview\s+with|according\s+to)\s+(?:the\s+)?$", re.IGNORECASE)
# An outlet not in the package, by the form of its name, after the words that introduce a source:
# "told the Times", "according to the Los Angeles Times", "told Channel 2", "told NPR". Its last word
# is a word outlets are named with, or it is a broadcaster's capitals ("NPR", "WSB-TV").
OUTLET_WORDS = ("Times|Post|Journal|News|Tribune|Herald|Globe|Press|Radio|Magazine|Gazette|Chronicle|Sun|Star|Review|Report|Bee|"
                "Inquirer|Observer|Examiner|Register|Courant|Dispatch|Wire|TV|Daily|Reflector|Picayune|Appeal|Miner|Monitor|Standard|"
                "Mercury|Record|Ledger|Telegraph|Guardian|Independent|Leader|Courier|Sentinel|Advocate|Weekly|Blade|Reuters|Bloomberg|"
                "Politico|Atlantic|Slate|Vox|Salon|Newsweek|Time")
OUTLET_AFTER_VERB = re.compile(
    r"\b(?:told|tells|said\s+to|speaking\s+to|in\s+an\s+interview\s+with|according\s+to|reported\s+by)\s+"
    rf"(?P<outlet>(?:the\s+)?(?:(?-i:[A-Z][\w.&'-]*)\s+){{0,4}}(?-i:{OUTLET_WORDS})\b(?:-[A-Z][\w-]*)?"
    r"|(?-i:[A-Z]{2,5}(?:-TV|-FM|-AM)?)\b|(?-i:Channel)\s+\d+)",
    re.IGNORECASE)
# A transcript's speaker label before a quotation: "MCCLELLAND: “…”", "GARRY MCCARTHY, CHICAGO POLICE SUPERINTENDENT: “…”".
SPEAKER_LABEL = re.compile(r"^(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})(?:,[^:\"]{0,60})?:\s")

# "The group said", "the organization's statement": the event's group (data/facts.csv group_name)
# as the speaker of a quotation. Only as a speaker: a passing "the group" is not counted as named.
GROUP_ANAPHORA = re.compile(r"\b[Tt]he\s+(?:group|organi[sz]ation|coalition)(?:'s\s+leaders)?(?![\w-])")

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
