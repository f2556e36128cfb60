"""A hostile copy of the data package, for tests: Markdown, HTML, directive, maths, autolink and
`javascript:`/image payloads in every free-text column of every table, and link-breaking payloads
in every URL column, in a package that still passes the loader's checks.

What stays as it is: ids, codes, enums, patterns, dates and numbers (the app keys on them), blank
cells (a blank means "none"), and `name_in_source` (a fragment that must be in its sentence).
Every other text gets a payload appended to it, one mapping per value, so a name that recurs across
tables (an outlet, a person, a place) still names one thing. Sentences are rewritten in the raw
article files too, with the offsets and SHA-256 the loader checks; quotes, lexicon terms and
codebook examples (which must be fragments of their sentence) become the payload appended to it.

Use: `build(tmp_path / "data", pixel="http://127.0.0.1:PORT/pixel.png")`, then point the app at it
with STORYFRAMES_DATA_DIR. URL columns get `LOADER_URL_PAYLOADS` (what the loader's URL rule lets
through); pass `url_payloads=` for others.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from storyframes.core.urls import link_address
from storyframes.core.data import DATA_DIR
from storyframes.core.text import count_syllables, count_words, vader_compound

SENTINEL = "window.__pwned"  # every script payload sets it; a test asserts it stays undefined

# Markers: words that appear in the payloads and nowhere in the real data, so a test can find a
# payload's text, and can tell an element made from data (<strong>B0LD</strong>) from our own.
BOLD, ITALIC, STRIKE, CODE, RED, MATHS, HEADING, ITEM, ICON = "B0LD", "1TAL", "D3L", "C0DE", "R3D", "M4TH", "H34D", "L15T", "bug_report"


def long_payload(pixel: str) -> str:
    """Every attack in one line (sentences must stay one line)."""
    host = pixel.split("/")[2]
    return (f"**{BOLD}** _{ITALIC}_ ~~{STRIKE}~~ `{CODE}` <img src=x onerror=\"{SENTINEL}=1\"><script>{SENTINEL}=1</script> "
            f"[CL1CK](javascript:{SENTINEL}=1) ![P1X]({pixel}) <{pixel}> :red[{RED}] :material/{ICON}: :material_home: :streamlit: "
            f":smile: ${MATHS}^2$ http://{host}/auto www.example.com me@example.com &lt;b&gt;&amp; a -- b -> c \\*")


def short_payload() -> str:
    """For short labels (pills, axis labels): emphasis, HTML with a script, a directive."""
    return f"**{BOLD}** <img src=x onerror={SENTINEL}=1> :red[{RED}]"


def note_payload(pixel: str) -> str:
    """For notes and definitions: the long payload after a line break, then block Markdown."""
    return f"\n# {HEADING}\n- {ITEM}\n> {long_payload(pixel)}\n1. | a | b |\n---"


# Address payloads, tried in order; the loader (storyframes.core.urls.link_address) refuses the break-outs,
# and tests/unit/test_data_package.py checks that it does.
URL_PAYLOADS = (
    "https://x.org/a) ![P1X]({pixel})",  # ends the Markdown link and adds an image (has a space)
    "https://x.org/a)![P1X]({pixel})",  # the same with no space
    "https://x.org/?q=&lt;img&gt;&amp;r=1",  # character references, which Markdown decodes in a link
    f"https://x.org/:material/{ICON}:/:streamlit:/*{BOLD}*_{ITALIC}_",  # icons and emphasis, all legal
    "https://x.org/a_(b)/!(P1X)*x*?q=$y$&r=:red",  # balanced brackets and Markdown characters, legal
    "https://?q=no-host",  # no host: must not become a link
    "http://[::1/broken",  # does not parse
)
# What the loader lets through: each URL of the package (table by table, row by row) gets the next.
LOADER_URL_PAYLOADS = tuple(u for u in URL_PAYLOADS if link_address(u.format(pixel="http://127.0.0.1:1/p.png")))

# Columns that hold no free text: ids, codes, enums, patterns, dates, numbers, paths, fragments.
KEEP = {
    "outlets": {"outlet_id", "has_full_text", "home_state"},
    "articles": {"article_id", "outlet_id", "headline_confidence", "author_confidence", "published_earliest", "published_latest",
                 "published_confidence", "raw_file", "raw_sha256", "word_count", "sentence_count"},
    "passages": {"passage_id", "article_id", "paragraph", "sentence", "sentence_in_paragraph", "char_start", "char_end", "is_furniture",
                 "furniture_kind", "word_count", "syllables", "vader_compound"},
    "principles": {"principle_id"},
    "passage_principles": {"passage_id", "principle_id", "reference"},
    "passage_codes": {"passage_id", "frame", "tone_police", "stance_reform"},
    "second_coding": {"passage_id", "principles", "frame", "tone_police", "stance_reform"},
    "passage_people": {"passage_id", "name_in_source", "person_kind", "member_id", "mention", "quote_channel"},
    "lexicon": {"article_id", "target", "register", "first_passage_id"},
    "members": {"member_id", "state", "place_state", "place_basis", "latitude", "longitude", "geonames_id", "role_type", "launch_era",
                "confidence"},
    "coverage_cities": {"state", "latitude", "longitude", "geonames_id", "status"},
    "coverage": {"coverage_id", "outlet_id", "published_earliest", "published_latest", "headline_confidence", "article_id"},
    "coverage_people": {"coverage_id", "member_id"},
    "headline_codes": {"coverage_id", "frame", "headline_stance"},
    "facts": {"fact_id", "topic", "confidence"},
    "timeline": {"event_id", "start", "end", "precision", "kind", "confidence"},
    "codebook": {"field", "code", "example_passage_id"},
    "autocode_accuracy": {"sample", "measure", "scope", "sentences", "hand", "auto", "agree", "alike"},  # codes, ids and counts; shown by their labels
}
SHORT = {("outlets", "short_name"), ("principles", "short_label"), ("codebook", "label"), ("timeline", "short_label")}
NOTES = {("articles", "headline_basis"), ("articles", "published_basis"), ("passage_principles", "reason"), ("passage_codes", "rationale"), ("second_coding", "note"),
         ("lexicon", "note"), ("members", "evidence"), ("members", "confidence_note"), ("coverage_cities", "evidence"),
         ("coverage", "angle_note"), ("coverage", "headline_confidence_note"), ("coverage_people", "evidence"),
         ("headline_codes", "rationale"), ("facts", "note"), ("codebook", "definition"), ("codebook", "edge_rule")}
FRAGMENTS = {("passage_people", "quote_text"), ("lexicon", "term"), ("codebook", "example_text")}  # rebuilt from the sentences
_DATE_OR_NUMBER = re.compile(r"\d{4}-\d{2}-\d{2}|[\d.,]+")


@dataclass(frozen=True)
class HostilePackage:
    path: Path
    pixel: str
    urls: tuple[str, ...]  # every URL the package holds (each a link only where it is a valid web address)
    long: str
    short: str


def _payload(table: str, column: str, pixel: str) -> str:
    if (table, column) in SHORT:
        return short_payload()
    if (table, column) in NOTES:
        return note_payload(pixel)
    return long_payload(pixel)


def _url_columns(resource: dict) -> list[str]:
    return [f["name"] for f in resource["schema"]["fields"] if f.get("constraints", {}).get("pattern", "").startswith("https?://")]


def build(dest: Path, pixel: str = "http://127.0.0.1:9/pixel.png", *, url_payloads: tuple[str, ...] = LOADER_URL_PAYLOADS,
          source: Path = DATA_DIR) -> HostilePackage:
    """Copy the package at `source` to `dest` with payloads in it; returns what a test needs."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest)
    descriptor = json.loads((dest / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"] if "schema" in r}
    tables = {name: pd.read_csv(dest / r["path"], dtype=str, keep_default_na=False, na_filter=False) for name, r in resources.items()}
    sentence_payload = long_payload(pixel)
    urls: list[str] = []
    next_url = iter(range(10**6))

    # 1. Sentences: each gets the payload appended, in its raw article file as in passages.csv.
    passages, articles = tables["passages"], tables["articles"]
    for i, art in articles.iterrows():
        raw_path = dest / art["raw_file"]
        raw = raw_path.read_text(encoding="utf-8")
        mine = passages[passages["article_id"] == art["article_id"]].assign(_s=lambda f: f["char_start"].astype(int)).sort_values("_s")
        out, cursor = [], 0
        for j, p in mine.iterrows():
            start, end = int(p["char_start"]), int(p["char_end"])
            assert raw[start:end] == p["text"], p["passage_id"]
            text = f"{p['text']} {sentence_payload}"
            out.append(raw[cursor:start])
            new_start = sum(map(len, out))
            out.append(text)
            passages.loc[j, ["char_start", "char_end", "text", "word_count", "syllables", "vader_compound"]] = [
                str(new_start), str(new_start + len(text)), text, str(count_words(text)), str(count_syllables(text)), str(vader_compound(text))]
            cursor = end
        out.append(raw[cursor:])
        raw_path.write_text("".join(out), encoding="utf-8")
        articles.loc[i, "raw_sha256"] = hashlib.sha256(raw_path.read_bytes()).hexdigest()

    # 2. Fragments of a sentence: quotes and codebook examples become the payload in it; each
    #    article gets one more lexicon term, the payload, used as police slang in every sentence.
    people = tables["passage_people"]
    people.loc[people["quote_text"] != "", "quote_text"] = sentence_payload
    book = tables["codebook"]
    book.loc[book["example_passage_id"] != "", "example_text"] = sentence_payload
    prose = passages[passages["is_furniture"].str.lower() != "true"]
    extra = [{"article_id": a, "term": sentence_payload, "target": "police", "register": "slang",
              "first_passage_id": prose.loc[prose["article_id"] == a, "passage_id"].iloc[0], "note": ""} for a in articles["article_id"]]
    tables["lexicon"] = pd.concat([tables["lexicon"], pd.DataFrame(extra)], ignore_index=True)

    # 3. Every other free-text column; one mapping per value, so recurring names stay one name.
    for name, frame in tables.items():
        url_cols = _url_columns(resources[name])
        for col in frame.columns:
            if col in url_cols:
                frame[col] = [url_payloads[next(next_url) % len(url_payloads)].format(pixel=pixel) for _ in range(len(frame))]
                urls.extend(frame[col])
            elif col in KEEP.get(name, set()) or (name, col) in FRAGMENTS or (name == "passages" and col == "text"):
                continue
            elif name == "facts" and col == "value":  # dates and counts are read as such
                frame[col] = [v if not v or _DATE_OR_NUMBER.fullmatch(v) else f"{v} {long_payload(pixel)}" for v in frame[col]]
            else:
                payload = _payload(name, col, pixel)
                frame[col] = [f"{v} {payload}" if v else v for v in frame[col]]
        frame.to_csv(dest / resources[name]["path"], index=False, lineterminator="\n")

    descriptor["version"] = f"1.0.0 {short_payload()}"  # shown in the citation (a code block)
    (dest / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return HostilePackage(dest, pixel, tuple(dict.fromkeys(urls)), sentence_payload, short_payload())
