"""Automatic coding of one article: passages, principle references, people named, lexicon terms.

`code_article(text, meta, data)` cuts the text exactly as the curated articles are cut
(`storyframes.core.text.passages_for`), marks the page furniture of any site
(`storyframes.autocode.furniture`), then codes each sentence with the rules of
`storyframes.autocode.rules` and returns the rows in the data package's own tables and types.
Frame, tone and stance are hand codes only: an auto-coded article has no `passage_codes` rows.
VADER sentiment and readability need no rows of their own: the passages carry what they are made
of (`vader_compound`, `word_count`, `syllables`, from `text.passages_for` as for the curated
ones) and the app reads them (`analysis.vader_scores`, `analysis.readability`), so an added
article gets them exactly as the curated ones do.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd

from storyframes.core import text as textlib
from storyframes.autocode import furniture, rules
from storyframes.autocode.reading import ArticleMeta, InputError
from storyframes.core.data import AUTO_ID_PREFIX
from storyframes.core.urls import link_address

TABLES = ("articles", "passages", "passage_principles", "passage_people", "lexicon")
LAUNCH_DATE = "2015-10-21"  # an article about the launch cannot be older (data/facts.csv: launch_date)
AUTO_NOTE = "auto: found in text"


@dataclass(frozen=True)
class AutoCoded:
    article_id: str  # "auto-" + first 10 hex of sha256 of the normalised text: the same text gives the same id
    tables: Mapping[str, pd.DataFrame]  # TABLES (+ "outlets": one row when the outlet is new, else none)
    found: Mapping[str, int]  # {"sentences", "principle_refs", "people", "terms"}
    text: str = field(default="", repr=False)  # the text the passages' offsets point into (raw/articles/<id>.txt)


# --- normalising and ids -------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Lower case, straight quotes, white space collapsed: what "the same text" means."""
    return " ".join(textlib.normalise_quotes(text).casefold().split())


def article_id_for(text: str) -> str:
    return AUTO_ID_PREFIX + hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:10]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", textlib.normalise_quotes(name).casefold()).strip("-")[:40].strip("-")


# --- quotation marks -----------------------------------------------------------------------------

def quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """Where the quotations of a paragraph are: (start, end) of the words between quote marks.

    Double marks: “ opens and ” closes; a straight " opens or closes by turns, and so do two single
    marks typed for one (`''`, and ``` `` ``` which only opens). A closing mark with nothing open is
    ignored; a double quotation still open at the paragraph's end runs to it (a quotation continued
    in the next paragraph). Single marks (‘ ’ and ') outside a double quotation: one opens at the
    start of a word (after a space or a bracket) and closes after a word before a space,
    punctuation or the end; an apostrophe inside a word ("it’s") is neither, and a single mark
    never closed ("the chiefs’ view", "’90s") is no quotation."""
    spans: list[tuple[int, int]] = []
    start: int | None = None  # a double quotation open since here
    single: int | None = None  # a single one
    n, i = len(paragraph), 0
    while i < n:
        ch, two = paragraph[i], paragraph[i:i + 2]
        if two in ("''", "``") or ch in "“”\"":
            width = 2 if two in ("''", "``") else 1
            opener = ch == "“" or two == "``" or (ch in "\"'" and start is None)
            if start is None and opener:
                start, single = i + width, None
            elif start is not None and ch != "“" and two != "``":
                spans.append((start, i))
                start = None
            i += width
            continue
        if start is None and ch in "‘’'":
            before = paragraph[i - 1] if i else " "
            after = paragraph[i + 1] if i + 1 < n else " "
            if single is None and ch in "‘'" and (before.isspace() or before in "([—–-") and after.isalnum():
                single = i + 1
            elif single is not None and ch in "’'" and not before.isspace() and not after.isalnum():
                spans.append((single, i))
                single = None
        i += 1
    if start is not None:
        spans.append((start, n))
    return spans


def _inside(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


# --- principles ----------------------------------------------------------------------------------

def background(sentence: str, members_named: bool = False) -> bool:
    """Whether the sentence is about another body's action or a past policy, with nothing of the
    group in it (rules.OTHER_ACTOR without rules.GROUP_ACTOR, a member named or a call such as
    "should", rules.CALL_ON_OTHER): its principle words are background, not the group's proposal."""
    plain = textlib.normalise_quotes(sentence)
    return (bool(rules.OTHER_ACTOR.search(plain)) and not members_named and not rules.GROUP_ACTOR.search(plain)
            and not rules.CALL_ON_OTHER.search(plain))


def principle_refs(sentence: str, quotes: list[tuple[int, int]], *, members_named: bool = False) -> list[tuple[str, str, str, str]]:
    """(principle_id, reference, rule_id, matched words) for each principle the sentence refers to.

    `quotes` are the quotation spans in the sentence's own offsets. A principle is "quoted" when the
    words of its first matching rule are inside quotation marks, else "paraphrased". A rule that
    `asks` counts only in a sentence asking for a change, naming a member or quoting the words it
    matched; no rule counts in a sentence of `background` (`members_named`: a member of the group
    is named in it)."""
    plain = textlib.normalise_quotes(sentence)  # same length: offsets hold
    found: dict[str, tuple[str, str, str, str]] = {}
    if background(plain, members_named):
        return []
    asking = bool(rules.ASKING.search(plain)) or members_named  # a member's words on the topic are the group's
    for rule in rules.PRINCIPLE_RULES:
        m = rule.pattern.search(plain)
        if not m:
            continue
        quoted = _inside(m.start(), quotes)
        if rule.asks and not (asking or quoted):  # quoted words on the topic are someone's position
            continue
        pid = rule.principle_id
        if pid not in found or (quoted and found[pid][1] != "quoted"):
            found[pid] = (pid, "quoted" if quoted else "paraphrased", rule.rule_id, sentence[m.start():m.end()])
    return sorted(found.values())


# --- people ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Known:
    """One person, organisation or outlet the coder can recognise, with the names that find it."""

    person: str
    person_kind: str  # person | organization | outlet
    member_id: str
    full_names: tuple[tuple[str, ...], ...]  # lower-case word tuples ("garry", "mccarthy")
    surname: str  # lower case; "" for organisations and outlets
    exact: tuple[str, ...] = ()  # organisations and outlets: names matched exactly (case as written)


_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def _name_words(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", textlib.normalise_quotes(name).strip()) if w]


def person_variants(name: str) -> tuple[tuple[tuple[str, ...], ...], str]:
    """The full-name forms of a person's name and the surname, all lower case.

    "Charlie (Charles) Beck" → charlie beck, charles beck, chuck beck; "Garry F. McCarthy" →
    garry f. mccarthy, garry mccarthy, gary mccarthy; "Cyrus R. Vance Jr." → cyrus vance …"""
    words = [w for w in _name_words(name) if w.casefold().strip(",") not in _SUFFIXES]
    alt_first = [w.strip("()") for w in words if w.startswith("(") and w.endswith(")")]
    words = [w for w in words if not (w.startswith("(") and w.endswith(")"))]
    if not words:
        return (), ""
    surname = words[-1].casefold()
    given = [w for w in words[:-1] if not re.fullmatch(r"(?:[A-Za-z]\.)+", w)]  # initials dropped
    firsts = {w.casefold() for w in ([given[0]] if given else []) + alt_first}
    for f in list(firsts):
        firsts.update(rules.NICKNAMES.get(f, ()))
    forms = {tuple(w.casefold() for w in words)}
    forms.update((f, surname) for f in firsts)
    if not given and len(words) > 1:  # "T.J. Donovan", "B. Todd Jones": keep initials as written
        forms.add(tuple(w.casefold() for w in words))
    if len(given) > 1:  # "B. Todd Jones" → todd jones
        forms.add((given[-1].casefold(), surname))
    return tuple(sorted(f for f in forms if len(f) >= 2)), surname


def known_people(data, *, leave_out: str = "") -> list[Known]:
    """Members (members.csv) and everyone already named in the hand codes (passage_people.csv),
    leaving out the codes of article `leave_out` (the accuracy report measures each article with
    the names the *other* articles taught)."""
    out: dict[str, Known] = {}
    people = data.passage_people
    # a member is called what the hand codes call them ("Charlie Beck" for "Charlie (Charles) Beck"),
    # so the views count an auto-coded article's voices with the curated ones
    label = dict(zip(people.loc[people["member_id"] != "", "member_id"][::-1], people.loc[people["member_id"] != "", "person"][::-1]))
    for member_id, name in zip(data.members["member_id"], data.members["name"]):
        forms, surname = person_variants(name)
        person = label.get(member_id, name)
        if person != name:
            forms = tuple(sorted(set(forms) | set(person_variants(person)[0])))
        out[person] = Known(person, "person", member_id, forms, surname)
    if leave_out:
        article_of = dict(zip(data.passages["passage_id"], data.passages["article_id"]))
        people = people[[article_of.get(p) != leave_out for p in people["passage_id"]]]
    for row in people.itertuples(index=False):
        names = [n for n in (row.name_in_source, row.person) if n and n[:1].isupper() and not n.casefold().startswith("the group")
                 and n.casefold() not in ("the organization", "the group")]
        if row.person_kind == "person":
            old = out.get(row.person)
            forms, surname = person_variants(row.person)
            extra = set(forms)
            for n in names:
                f, _ = person_variants(n)
                extra.update(f)
            if old is not None:
                extra.update(old.full_names)
            out[row.person] = Known(row.person, "person", old.member_id if old else row.member_id, tuple(sorted(extra)), surname)
        else:
            old = out.get(row.person)
            exact = set(old.exact if old else ())
            for n in names:
                n = re.sub(r"^(?:The|Launch of)\s+", "", n)
                if len(n.split()) >= 2:
                    exact.add(n)
            out[row.person] = Known(row.person, row.person_kind, row.member_id, (), "", tuple(sorted(exact, key=len, reverse=True)))
    for name in data.outlets["outlet"]:  # outlets with names of two words or more (one-word names are common words)
        bare = re.sub(r"^The\s+", "", re.sub(r"\s*\(.*\)$", "", name))
        if len(bare.split()) >= 2 and name not in out:
            out[name] = Known(name, "outlet", "", (), "", (bare,))
    return list(out.values())


_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’-]*")


@dataclass(frozen=True)
class NameHit:
    start: int  # offsets in the sentence
    end: int
    known: Known
    full: bool  # matched by a full name (not a lone surname)


def _tokens(sentence: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(sentence):
        word, end = m.group(), m.end()
        for tail in ("’s", "'s"):
            if word.endswith(tail):
                word, end = word[: -len(tail)], end - len(tail)
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+", word) and word.casefold() not in _SUFFIXES | rules.TITLES:
            word, end = word[:-1], end - 1
        out.append((m.start(), end, word))
    return out


@dataclass(frozen=True)
class NameIndex:
    """The known names arranged for matching: exact names as compiled patterns, longest first;
    full-name forms by their number of words (what rapidfuzz compares a window of words with)."""

    exact: tuple[tuple[re.Pattern[str], Known], ...]
    forms: Mapping[int, tuple[tuple[str, ...], tuple[Known, ...]]]
    people: tuple[Known, ...]


def name_index(known: list[Known]) -> NameIndex:
    exact = sorted(((name, k) for k in known for name in k.exact), key=lambda nk: -len(nk[0]))
    patterns = tuple((re.compile(rf"(?<![\w-]){re.escape(textlib.normalise_quotes(name))}(?![\w-])"), k) for name, k in exact)
    people = tuple(k for k in known if k.person_kind == "person")
    forms: dict[int, tuple[list[str], list[Known]]] = {}
    for k in people:
        for form in k.full_names:
            strings, owners = forms.setdefault(len(form), ([], []))
            strings.append(" ".join(form))
            owners.append(k)
    return NameIndex(patterns, {n: (tuple(a), tuple(b)) for n, (a, b) in forms.items()}, people)


def find_names(sentence: str, known: list[Known] | NameIndex, named_before: set[str]) -> list[NameHit]:
    """Everyone `known` named in the sentence. Full names match fuzzily (rapidfuzz ratio ≥
    FULL_NAME_RATIO, so "Gary McCarthy" finds Garry F. McCarthy); a lone surname matches when the
    person was named in full earlier in the article or a title stands before it ("President
    Obama"), fuzzily only from six letters ("McCarty"). Organisations and outlets match exactly."""
    from rapidfuzz import fuzz, process

    index = known if isinstance(known, NameIndex) else name_index(known)
    hits: list[NameHit] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    plain = textlib.normalise_quotes(sentence)
    for pattern, k in index.exact:
        for m in pattern.finditer(plain):
            if free(m.start(), m.end()):
                hits.append(NameHit(m.start(), m.end(), k, True))
                taken.append((m.start(), m.end()))
    toks = _tokens(sentence)
    caps = [t[2][:1].isupper() for t in toks]
    people = index.people
    for size in (4, 3, 2):
        strings, owners = index.forms.get(size, ((), ()))
        if not strings:
            continue
        for i in range(len(toks) - size + 1):
            if not all(caps[i:i + size]):
                continue
            s, e = toks[i][0], toks[i + size - 1][1]
            if not free(s, e):
                continue
            window = " ".join(t[2].casefold() for t in toks[i:i + size])
            last = toks[i + size - 1][2][:1].casefold()
            best = process.extractOne(window, strings, scorer=fuzz.ratio, score_cutoff=rules.FULL_NAME_RATIO,
                                      processor=None)
            # the surname must start with the same letter (ratio alone lets "Bill Brattle" pass for a short name)
            if best is not None and strings[best[2]].split()[-1][:1] == last:
                hits.append(NameHit(s, e, owners[best[2]], True))
                taken.append((s, e))
    for i, (s, e, word) in enumerate(toks):
        if not caps[i] or not free(s, e) or len(word) < 3:
            continue
        titled = i > 0 and toks[i - 1][2].casefold() in rules.TITLES and caps[i - 1]
        low = word.casefold()
        best, score = None, 0.0
        for k in people:
            if not k.surname or (k.person not in named_before and not titled):
                continue
            if low == k.surname:
                r = 100.0
            elif len(k.surname) >= rules.FUZZY_SURNAME_MIN_LEN and low[:1] == k.surname[:1]:
                r = fuzz.ratio(low, k.surname, score_cutoff=rules.SURNAME_RATIO)
            else:
                r = 0.0
            if r > score:
                best, score = k, r
        if best is not None:
            hits.append(NameHit(s, e, best, False))
            taken.append((s, e))
    return sorted(hits, key=lambda h: h.start)


_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she)\s+(?:said|says|added|told|asked|wrote|explained|noted|argued)\b|"
                              r"\b(?:said|says|added|asked)\s+(?:he|she)\b", re.IGNORECASE)


def _speaker(sentence: str, quotes: list[tuple[int, int]], hits: list[NameHit], last_person: Known | None,
             group: Known | None = None) -> tuple[Known | None, NameHit | None]:
    """Who a quotation in this sentence is attributed to: the name nearest a speech verb outside the
    quotation marks ("the group" standing for the event's group), or the last person named, for
    "he said" / "she said"."""
    plain = textlib.normalise_quotes(sentence)
    outside = [(m.start(), m.end()) for m in rules.SPEECH_VERBS.finditer(plain) if not _inside(m.start(), quotes)]
    label = rules.SPEAKER_LABEL.match(plain)
    if label and quotes and quotes[0][0] >= label.end():  # a transcript's "MCCLELLAND: “…”"
        named = [h for h in hits if h.end <= label.end() and h.known.person_kind == "person"]
        if named:
            return named[0].known, named[0]
    if not outside:
        return None, None
    # an outlet after "told (the)" / "according to" is where the words were said, not who said them
    def audience(h: NameHit) -> bool:
        return h.known.person_kind == "outlet" and bool(rules.OTHER_OUTLET_CHANNEL.search(plain[max(0, h.start - 40):h.start]))

    free_hits = [h for h in hits if not _inside(h.start, quotes) and not audience(h)]
    if not free_hits and group is not None:  # no name: "the group said" stands for the event's group
        free_hits = [NameHit(m.start(), m.end(), group, False) for m in rules.GROUP_ANAPHORA.finditer(plain)
                     if not _inside(m.start(), quotes)]
    if free_hits:
        verb = outside[0]
        hit = min(free_hits, key=lambda h: min(abs(h.start - verb[1]), abs(verb[0] - h.end)))
        return hit.known, hit
    if last_person is not None and _PRONOUN_SPEAKER.search(sentence):
        return last_person, None
    return None, None


def _channel(sentence: str, hits: list[NameHit], speaker_hit: NameHit | None,
             quotes: list[tuple[int, int]] = ()) -> tuple[str, str]:
    """Where the quoted words came from: the group's statement ("said in a statement", "a statement
    from the group … said"), another outlet ("told the Times", "according to the New York Times":
    a known outlet, or a name that reads as one) or, by default, the speaker's own words. Only
    the words outside the quotation marks are read."""
    plain = textlib.normalise_quotes(sentence)
    outside = "".join(" " if _inside(i, quotes) else c for i, c in enumerate(plain))
    if rules.STATEMENT_CHANNEL.search(outside):
        return "statement", ""
    for h in hits:
        if h.known.person_kind == "outlet" and (speaker_hit is None or h is not speaker_hit):
            before = outside[max(0, h.start - 40):h.start]
            if rules.OTHER_OUTLET_CHANNEL.search(before):
                return "other_outlet", h.known.person
    m = rules.OUTLET_AFTER_VERB.search(outside)
    if m:
        name = " ".join(m.group("outlet").split())
        return "other_outlet", name[:1].upper() + name[1:]
    return "own_words", ""


# --- the article -----------------------------------------------------------------------------------

def _check_meta(meta: ArticleMeta) -> ArticleMeta:
    if not isinstance(meta, ArticleMeta):
        raise InputError("Say which outlet published the article.")
    outlet = " ".join(str(meta.outlet or "").split())
    if not outlet:
        raise InputError("Say which outlet published the article (its name, e.g. “NPR”): it is required.")
    if len(outlet) > 200:
        raise InputError("The outlet's name is too long (at most 200 characters).")
    headline = " ".join(str(meta.headline or "").split())
    if len(headline) > 500:
        raise InputError("The headline is too long (at most 500 characters).")
    published = str(meta.published or "").strip()
    if published:
        try:
            day = dt.date.fromisoformat(published)
        except ValueError:
            raise InputError(f"The date {published!r} is not a date as YYYY-MM-DD (e.g. 2015-10-21). "
                             "Correct it or leave it empty.") from None
        if not (dt.date(2015, 1, 1) <= day <= dt.date.today()):
            raise InputError(f"The date {published} is not possible for an article about the October 2015 launch. "
                             "Correct it or leave it empty.")
        published = day.isoformat()
    url = str(meta.url or "").strip()
    if url and link_address(url) is None:
        raise InputError("The address is not a plain web address (http:// or https://, with a host name). Correct it or leave it empty.")
    return ArticleMeta(outlet, headline, published, url)


def _outlet(data, name: str) -> tuple[str, dict | None]:
    """The outlet_id for `name`: a known outlet's (by name, short name or id, ignoring case), else
    a new id made from the name, with its outlets.csv row."""
    o = data.outlets

    def bare(value: str) -> str:  # "The New York Times" = "new york times"; "CBS News (The Crime Report)" = "cbs news"
        value = re.sub(r"\s*\(.*\)\s*$", "", textlib.normalise_quotes(value).casefold()).strip()
        return " ".join(re.sub(r"^the\s+", "", value).split())

    key = bare(name)
    for col in ("outlet", "short_name", "outlet_id"):
        hit = o[[bare(v) == key for v in o[col]]]
        if key and len(hit):
            return hit["outlet_id"].iloc[0], None
    base = _slug(name) or "outlet"
    oid, n = base, 2
    while oid in set(o["outlet_id"]):
        oid, n = f"{base}-{n}", n + 1
    return oid, {"outlet_id": oid, "outlet": name, "short_name": name if len(name) <= 16 else name[:15] + "…",
                 "outlet_kind": "not stated (added by a reader)", "has_full_text": True, "home_city": "", "home_state": ""}


def _normalised_texts(data) -> tuple[tuple[str, str], ...]:
    """(article_id, normalised text) of every article in `data`, for the near-duplicate check."""
    passages = data.passages.sort_values(["article_id", "sentence"])
    return tuple((article_id, normalise(" ".join(group["text"]))) for article_id, group in passages.groupby("article_id", sort=False))


def _duplicate_of(data, text: str) -> str:
    """The outlet of an article in `data` whose text is near-identical to `text`, else ""."""
    from rapidfuzz import fuzz

    mine = normalise(text)
    outlet_of = dict(zip(data.articles["article_id"], data.articles["outlet"]))
    for article_id, theirs in data.memo("autocode_normalised_texts", _normalised_texts):
        shorter, longer = sorted((len(mine), len(theirs)))
        if longer == 0 or 200 * shorter / (shorter + longer) < rules.DUPLICATE_RATIO:
            continue  # too different in length to reach the ratio
        if fuzz.ratio(mine, theirs, score_cutoff=rules.DUPLICATE_RATIO):
            return outlet_of.get(article_id, article_id)
    return ""


def _group_name(data) -> str:
    facts = data.facts
    hit = facts.loc[facts["fact_id"] == "group_name", "value"]
    return hit.iloc[0] if len(hit) else ""


def text_from_passages(passages: Iterable[dict]) -> str:
    """An article's text rebuilt from its passages: each sentence at its offsets, one paragraph per
    line, single spaces between sentences. Equal to the captured text but for white space (a data
    test proves the passages rebuild each article), which is all the coding reads."""
    rows = sorted(passages, key=lambda p: p["char_start"])
    out: list[str] = []
    pos, par = 0, None
    for p in rows:
        gap = int(p["char_start"]) - pos
        sep = "\n" if par is not None and p["paragraph"] != par else " "
        out.append((sep * max(gap, 0)) if gap > 0 else "")
        out.append(p["text"])
        pos, par = int(p["char_end"]), p["paragraph"]
    return "".join(out)


def code_passages(article_id: str, text: str, headline: str, data, *, known: list[Known] | None = None,
                  passages: list[dict] | None = None) -> dict[str, list[dict]]:
    """Passages and their automatic codes (rows as dicts) for one text. `passages`: the text's rows
    already cut (the curated ones, for the accuracy report), else cut here with `passages_for`."""
    if passages is None:  # a reader's article: the one cut, and the furniture of any site marked
        passages = furniture.mark(textlib.passages_for(article_id, text, headline))
    if known is None:  # what the package teaches (its people, their index): worked out once per package, not per article
        known = data.memo("autocode_known_people", known_people)
        index = data.memo("autocode_name_index", lambda d: name_index(d.memo("autocode_known_people", known_people)))
    else:
        index = name_index(known)
    group_name = _group_name(data)
    group = next((k for k in known if k.person == group_name), None)
    principle_rows: list[dict] = []
    people_rows: list[dict] = []
    named_before: set[str] = set()
    last_person: Known | None = None
    Speaker = tuple[Known, tuple[str, str]]  # who, and (quote_channel, channel_outlet)
    prev_par_speaker: Speaker | None = None
    by_par: dict[int, list[dict]] = {}
    for p in passages:
        by_par.setdefault(p["paragraph"], []).append(p)
    for rows_in_par in by_par.values():
        # the paragraph runs from its first sentence to its last (its lines' white space aside)
        par_start = min(int(p["char_start"]) for p in rows_in_par)
        par_text = text[par_start:max(int(p["char_end"]) for p in rows_in_par)]
        spans = [(par_start + s, par_start + e) for s, e in quote_spans(par_text)]
        # pass 1: names and the speaker of each quotation in this paragraph
        info = []
        span_speaker: dict[tuple[int, int], Speaker] = {}
        for p in rows_in_par:
            s0, sent = int(p["char_start"]), p["text"]
            local = [(max(a, s0) - s0, min(b, p["char_end"]) - s0) for a, b in spans if a < p["char_end"] and b > s0]
            hits = [] if p["is_furniture"] else find_names(sent, index, named_before)
            for h in hits:
                if h.full and h.known.person_kind == "person":
                    named_before.add(h.known.person)
            speaker, speaker_hit = (None, None) if p["is_furniture"] or not local else _speaker(sent, local, hits, last_person, group)
            if speaker is not None:
                channel = _channel(sent, hits, speaker_hit, local)
                for a, b in spans:
                    if a < p["char_end"] and b > s0 and (a, b) not in span_speaker:
                        span_speaker[(a, b)] = (speaker, channel)
                # a quotation just before this sentence in the paragraph, ended without its own attribution
                before = [sp for sp in spans if sp[1] <= s0 and sp not in span_speaker]
                if before:
                    span_speaker[before[-1]] = (speaker, channel)
            info.append((p, local, hits, speaker_hit))
            person_hits = [h for h in hits if h.known.person_kind == "person"]
            if person_hits:
                last_person = person_hits[-1].known
        # quotations of the paragraph with no attribution: the paragraph's speaker, else (when the
        # paragraph opens with a quotation) the speaker of the previous paragraph's last quotation
        par_speaker = next(iter(span_speaker.values()), None)
        if par_speaker is None and spans and spans[0][0] <= par_start + 1 and prev_par_speaker is not None:
            par_speaker = prev_par_speaker
        for sp in spans:
            if sp not in span_speaker and par_speaker is not None:
                span_speaker[sp] = par_speaker
        if spans:
            last_span = spans[-1]
            prev_par_speaker = span_speaker.get(last_span)
        else:
            prev_par_speaker = None
        # pass 2: rows
        for p, local, hits, speaker_hit in info:
            if p["is_furniture"]:
                continue
            pid, sent, s0 = p["passage_id"], p["text"], p["char_start"]
            members_named = any(h.known.member_id for h in hits)
            for principle_id, reference, rule_id, words in principle_refs(sent, local, members_named=members_named):
                # keywords, not quoted column names: "reason" is also an outlet's id (tests/test_one_source.py)
                principle_rows.append(dict(passage_id=pid, principle_id=principle_id, reference=reference,
                                           reason=f"auto: rule {rule_id} matched “{words}”"))
            rows: dict[str, dict] = {}
            for sp in spans:
                if not (sp[0] < p["char_end"] and sp[1] > s0) or sp not in span_speaker:
                    continue
                who, (channel, channel_outlet) = span_speaker[sp]
                quoted = text[max(sp[0], s0):min(sp[1], p["char_end"])].strip(" “”\"")
                if not quoted.strip() or who.person in rows:
                    continue
                hit = next((h for h in hits if h.known is who), None)
                if hit is None and speaker_hit is not None and speaker_hit.known is who:  # "the group said"
                    hit = speaker_hit
                rows[who.person] = {"passage_id": pid, "name_in_source": sent[hit.start:hit.end] if hit else "", "person": who.person,
                                    "person_kind": who.person_kind, "member_id": who.member_id, "mention": "quoted",
                                    "quote_channel": channel, "channel_outlet": channel_outlet, "quote_text": quoted}
            for h in hits:
                if h.known.person not in rows:
                    rows[h.known.person] = {"passage_id": pid, "name_in_source": sent[h.start:h.end], "person": h.known.person,
                                            "person_kind": h.known.person_kind, "member_id": h.known.member_id, "mention": "named",
                                            "quote_channel": "", "channel_outlet": "", "quote_text": ""}
            people_rows.extend(rows.values())
    return {"passages": passages, "passage_principles": principle_rows, "passage_people": people_rows}


@functools.lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern:
    """A lexicon term's pattern, compiled once per process (re's own cache of 512 is filled by the
    sentence splitter's many patterns, so every article compiled every term again)."""
    return re.compile(rf"(?<![\w-]){re.escape(textlib.normalise_quotes(term))}(?![\w-])", re.IGNORECASE)


def lexicon_rows(article_id: str, passages: list[dict], lexicon: pd.DataFrame) -> list[dict]:
    """The curated lexicon's terms (from every article) found in the text, each at its first
    passage, written as it is written there; target and register as the curated row says."""
    rows, seen = [], set()
    terms = lexicon.drop_duplicates("term")
    searched = [textlib.normalise_quotes(p["text"]) for p in passages]  # once per passage, not once per term
    for term, target, register in zip(terms["term"], terms["target"], terms["register"]):
        key = normalise(term)
        if key in seen:
            continue
        pattern = _term_pattern(term)
        for p, text in zip(passages, searched):
            m = pattern.search(text)
            if m:
                seen.add(key)
                rows.append({"article_id": article_id, "term": p["text"][m.start():m.end()], "target": target,
                             "register": register, "first_passage_id": p["passage_id"], "note": AUTO_NOTE})
                break
    return rows


def code_article(text: str, meta: ArticleMeta, data) -> AutoCoded:
    """Cut and code one article. InputError when no sentence is recognised, when nothing of this
    event is found (no principle, member or lexicon term of more than one word), or when the text
    duplicates an article already in `data` (the same text, or a near-identical one)."""
    meta = _check_meta(meta)
    if not isinstance(text, str) or not text.strip():
        raise InputError("The article's text is empty. Paste the text, or choose a file that holds it.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    article_id = article_id_for(text)
    if article_id in set(data.articles["article_id"]):
        raise InputError("This article is already shown (the same text was added before). Add a different article.")
    coded = code_passages(article_id, text, meta.headline, data)
    passages = coded["passages"]
    prose = [p for p in passages if not p["is_furniture"] and p["word_count"] > 0]
    if not prose:
        raise InputError("No sentence was recognised in this text (it holds no words, or only page furniture). "
                         "Paste the article's own text.")
    twin = _duplicate_of(data, text)
    if twin:
        raise InputError(f"This text is nearly identical to the article from {twin} already shown "
                         f"(rapidfuzz ratio ≥ {rules.DUPLICATE_RATIO} of 100). Add a different article.")
    terms = lexicon_rows(article_id, passages, data.lexicon)
    members_named = {r["member_id"] for r in coded["passage_people"] if r["member_id"]}
    event_terms = [t for t in terms if len(t["term"].split()) >= 2]
    if not coded["passage_principles"] and not members_named and not event_terms:
        raise InputError("Nothing of this event was found in the text: no principle of the Statement, no member of the group "
                         "and no term of the curated lexicon. Add an article about the October 2015 launch of Law Enforcement "
                         "Leaders to Reduce Crime and Incarceration.")
    outlet_id, outlet_row = _outlet(data, meta.outlet)
    known_outlet = data.outlets[data.outlets["outlet_id"] == outlet_id]
    outlet_name = meta.outlet if outlet_row else known_outlet["outlet"].iloc[0]
    outlet_kind = outlet_row["outlet_kind"] if outlet_row else known_outlet["outlet_kind"].iloc[0]
    today = dt.date.today().isoformat()
    article = {
        "article_id": article_id, "outlet_id": outlet_id, "outlet": outlet_name, "outlet_kind": outlet_kind,
        "headline": meta.headline or "(no headline given)", "headline_confidence": "unverified",
        "headline_basis": "given when the article was added (auto-coded, not checked by a person)" if meta.headline
        else "none given when the article was added",
        "author": "", "author_confidence": "unknown",
        "published": meta.published or "not given",
        "published_earliest": meta.published or LAUNCH_DATE, "published_latest": meta.published or today,
        "published_confidence": "unverified",
        "published_basis": "given when the article was added (not checked by a person)" if meta.published
        else f"no date given: bounded by the launch ({LAUNCH_DATE}) and the day it was added ({today})",
        "url": meta.url, "source_file": f"{article_id}.txt", "raw_file": f"raw/articles/{article_id}.txt",
        "raw_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "word_count": sum(p["word_count"] for p in prose), "sentence_count": len(prose), "republished_from": "",
    }
    tables = {
        "articles": data.typed_rows("articles", [article]),
        "passages": data.typed_rows("passages", passages),
        "passage_principles": data.typed_rows("passage_principles", coded["passage_principles"]),
        "passage_people": data.typed_rows("passage_people", coded["passage_people"]),
        "lexicon": data.typed_rows("lexicon", terms),
        "outlets": data.typed_rows("outlets", [outlet_row] if outlet_row else []),
    }
    found = {"sentences": len(prose), "principle_refs": len(coded["passage_principles"]),
             "people": len({r["person"] for r in coded["passage_people"]}), "terms": len(terms)}
    return AutoCoded(article_id, MappingProxyType(tables), MappingProxyType(found), text)
