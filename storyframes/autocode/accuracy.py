"""How well the automatic coding agrees with the hand codes, on the three curated articles.

    python -m storyframes.autocode.accuracy

Each curated article's raw capture (data/raw/) is coded by the same code a reader's article goes
through (`coding.code_passages`: the same cut, so the passage ids are the curated ones) and the
codes are compared with the hand codes:
- principle references: the pairs (sentence, principle) found by the rules against the pairs in
  passage_principles.csv, per principle and overall (prose sentences only: furniture is not coded);
- people named: the pairs (sentence, person) for people (person_kind "person", so the group and
  the outlets are not counted) against passage_people.csv, per article and overall. The names the
  coder knows for article A are the members plus the people the hand codes of the *other* articles
  name: an article never teaches the coder its own names.
precision = found and hand-coded / found; recall = found and hand-coded / hand-coded. The rules
were written reading these three articles and the Statement, so these figures are in-sample: an
upper bound of what to expect on a new article, not a measure of it.

Out of sample: the invented development texts of data/dev_texts/ (hand-coded before the rules were
tuned) are coded as pasted articles and compared unit by unit (`dev_texts`, `dev_rows`): principle
references, members named and who is quoted, for the tuning half (whose errors were read to tune
the rules) and the untouched half (whose errors were not). Every row says which `sample` it is and
how many `sentences` it was counted over; the pages and the command line show both samples
(`samples_table`, `summary`). The differences this module prints are the curated articles' only.

Coding every hand-coded article again is build work, not a reader's: it grows with the square of
the corpus (each article is coded knowing the names all the others teach it; on the benchmark's
3,000-article corpus one article's list of known names took 1.5 s to build). So `--write` stores the counts in the data package
(data/autocode_accuracy.csv, beside the README block it also writes), the app reads them from
there (`stored`), and `--check` (run by a unit test) fails when either is out of date.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from storyframes.autocode import dev_texts
from storyframes.autocode.coding import code_passages, known_people, text_from_passages
from storyframes.core.csvtext import csv_text

COLUMNS = ["sample", "measure", "scope", "sentences", "hand", "auto", "agree", "precision", "recall", "same_kind"]
# What data/autocode_accuracy.csv stores: the counts only; every ratio is computed from them in `table`.
COUNT_COLUMNS = ["sample", "measure", "scope", "sentences", "hand", "auto", "agree", "alike"]
PRINCIPLES, SECOND, PEOPLE = "principle references", "principle references, against the second coder", "people named"
MEMBERS, SPEAKERS = "members named", "who is quoted"
# The samples: the curated articles the rules were written from (in-sample), and the invented
# development texts (data/dev_texts/): the half the rules were tuned on, and the half never used.
IN_SAMPLE, TUNING, UNTOUCHED = "in-sample", dev_texts.TUNING, dev_texts.UNTOUCHED


def _ratio(n: int, d: int) -> float:
    return n / d if d else float("nan")


def _row(measure: str, scope: str, hand: set, auto: set, hand_kind: dict, auto_kind: dict, *, sample: str = IN_SAMPLE,
         sentences: int = 0) -> dict:
    """The counts of `auto` against `hand`; alike: of the pairs both found, how many also agree on
    their kind (quoted or paraphrased; quoted or named; the channel of a quotation). `sentences`:
    how many prose sentences the pairs were counted over."""
    both = hand & auto
    alike = sum(1 for x in both if hand_kind.get(x) == auto_kind.get(x))
    return {"sample": sample, "measure": measure, "scope": scope, "sentences": sentences,
            "hand": len(hand), "auto": len(auto), "agree": len(both), "alike": alike}


def table(counts: pd.DataFrame) -> pd.DataFrame:
    """COLUMNS from COUNT_COLUMNS: precision = agree / auto, recall = agree / hand, same_kind =
    alike / agree (each undefined, NaN, when its denominator is 0). The one place they are computed."""
    n = {c: [int(x) for x in counts[c]] for c in ("sentences", "hand", "auto", "agree", "alike")}
    return pd.DataFrame({"sample": [str(x) for x in counts["sample"]],
                         "measure": [str(x) for x in counts["measure"]], "scope": [str(x) for x in counts["scope"]],
                         "sentences": n["sentences"], "hand": n["hand"], "auto": n["auto"], "agree": n["agree"],
                         "precision": [_ratio(a, b) for a, b in zip(n["agree"], n["auto"])],
                         "recall": [_ratio(a, b) for a, b in zip(n["agree"], n["hand"])],
                         "same_kind": [_ratio(a, b) for a, b in zip(n["alike"], n["agree"])]}, columns=COLUMNS)


def stored(data) -> pd.DataFrame:
    """The figures as the data package stores them (data/autocode_accuracy.csv), as COLUMNS."""
    return table(data.autocode_accuracy)


def value(figures: pd.DataFrame, measure: str, scope: str, column: str, sample: str = IN_SAMPLE) -> float:
    row = figures[(figures["sample"] == sample) & (figures["measure"] == measure) & (figures["scope"] == scope)]
    return float(row[column].iloc[0])


def in_sample(figures: pd.DataFrame) -> pd.DataFrame:
    """The rows measured on the curated articles."""
    return figures[figures["sample"] == IN_SAMPLE].reset_index(drop=True)


def auto_codes(data) -> dict[str, dict[str, list[dict]]]:
    """The automatic codes of every curated article, by article id (its own names left out).

    The article is coded on its curated passages (the same cut `passages_for` makes of the raw
    capture: `scripts/build_passages.py --check` proves it) and the text they rebuild, so the
    report needs neither the raw files nor the syllable counter."""
    out = {}
    for art in data.articles[data.articles["article_id"].isin(data.hand_coded_articles)].itertuples(index=False):
        rows = data.passages[data.passages["article_id"] == art.article_id].sort_values("sentence")
        passages = [{k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()} for r in rows.to_dict("records")]
        text = text_from_passages(passages)
        out[art.article_id] = code_passages(art.article_id, text, art.headline, data, passages=passages,
                                            known=known_people(data, leave_out=art.article_id))
    return out


@dataclass(frozen=True)
class Accuracy:
    counts: pd.DataFrame  # COUNT_COLUMNS: one row per principle, per article and overall (what the package stores)
    principle_pairs: pd.DataFrame  # every (passage, principle) pair: hand, auto, rule
    people_pairs: pd.DataFrame  # every (passage, person) pair: hand, auto

    @property
    def table(self) -> pd.DataFrame:
        return table(self.counts)

    def value(self, measure: str, scope: str, column: str, sample: str = IN_SAMPLE) -> float:
        return value(self.table, measure, scope, column, sample)


def _second_coder(data) -> tuple[set, dict]:
    pairs, kinds = set(), {}
    for pid, cell in zip(data.second_coding["passage_id"], data.second_coding["principles"]):
        for item in filter(None, cell.split(";")):
            principle, _, kind = item.partition(":")
            pairs.add((pid, principle))
            kinds[(pid, principle)] = kind
    return pairs, kinds


def measure(data, data_dir: Path | None = None) -> Accuracy:
    """Precision and recall of the automatic codes against the hand codes (and, for principles, against
    the independent second coder too: data/second_coding.csv, which the rules were not written from),
    then on the development texts of `data_dir` (`dev_rows`: out of sample), when it has them."""
    codes = auto_codes(data)
    article_of = dict(zip(data.passages["passage_id"], data.passages["article_id"]))
    articles = set(data.hand_coded_articles)
    prose = set(data.passages.loc[data.passages["article_id"].isin(articles) & ~data.passages["is_furniture"], "passage_id"])
    pp_ = data.passage_principles
    hand_kind = {(p, q): r for p, q, r in zip(pp_["passage_id"], pp_["principle_id"], pp_["reference"]) if p in prose}
    hand_p = set(hand_kind)
    auto_kind = {(r["passage_id"], r["principle_id"]): r["reference"] for c in codes.values() for r in c["passage_principles"]}
    auto_p = set(auto_kind)
    n = len(prose)
    rows = [_row(PRINCIPLES, pid, {x for x in hand_p if x[1] == pid}, {x for x in auto_p if x[1] == pid}, hand_kind, auto_kind,
                 sentences=n)
            for pid in data.principles["principle_id"]]
    rows.append(_row(PRINCIPLES, "overall", hand_p, auto_p, hand_kind, auto_kind, sentences=n))
    second_p, second_kind = _second_coder(data)
    second_ids = set(data.second_coding["passage_id"])
    rows.append(_row(SECOND, "overall", second_p, {x for x in auto_p if x[0] in second_ids},
                     second_kind, auto_kind, sentences=len(second_ids & prose)))
    pp = data.passage_people
    # a person is their member_id when they are a member, else their name
    key = lambda member_id, person: member_id or person  # noqa: E731
    hand_m = {(p, key(m, n)): mention
              for p, n, m, k, mention in zip(pp["passage_id"], pp["person"], pp["member_id"], pp["person_kind"], pp["mention"])
              if k == "person" and article_of.get(p) in articles}
    auto_m = {(r["passage_id"], key(r["member_id"], r["person"])): r["mention"] for c in codes.values() for r in c["passage_people"]
              if r["person_kind"] == "person"}
    hand_n, auto_n = set(hand_m), set(auto_m)
    for aid in data.hand_coded_articles:
        mine = lambda pairs: {x for x in pairs if article_of.get(x[0]) == aid}  # noqa: E731
        rows.append(_row(PEOPLE, aid, mine(hand_n), mine(auto_n), hand_m, auto_m,
                         sentences=sum(1 for p in prose if article_of.get(p) == aid)))
    rows.append(_row(PEOPLE, "overall", hand_n, auto_n, hand_m, auto_m, sentences=n))
    if data_dir is not None:
        rows += dev_rows(dev_texts.coded_units(data, data_dir))
    found = pd.DataFrame([r for c in codes.values() for r in c["passage_principles"]], columns=list(pp_.columns))
    rule_of = {(r.passage_id, r.principle_id): r.reason for r in found.itertuples(index=False)}  # .reason: also an outlet's id
    ppairs = pd.DataFrame([dict(passage_id=p, principle_id=q, hand=hand_kind.get((p, q), ""), auto=auto_kind.get((p, q), ""),
                                reason=rule_of.get((p, q), "")) for p, q in sorted(hand_p | auto_p)])
    npairs = pd.DataFrame([{"passage_id": p, "person": n, "hand": hand_m.get((p, n), ""), "auto": auto_m.get((p, n), "")}
                           for p, n in sorted(hand_n | auto_n)])
    return Accuracy(pd.DataFrame(rows, columns=COUNT_COLUMNS), ppairs, npairs)


def dev_rows(units: pd.DataFrame) -> list[dict]:
    """The counts on the development texts (`dev_texts.coded_units`), per half: pairs of unit ×
    principle (per principle and overall), unit × member (members named or quoted) and unit × who is
    quoted (alike: the same channel). Every unit counts, furniture too (a code found in a line of
    furniture is a code too many); `sentences` counts the units the hand codes call prose."""
    rows = []
    for half in (TUNING, UNTOUCHED):
        d = units[units["half"] == half] if len(units) else units
        if not len(d):
            continue
        n = int((~d["furniture"].astype(bool)).sum())

        def pairs(side: str, attr: str) -> dict:
            out = {}
            for key, codes in zip(zip(d["text_id"], d["unit"]), d[side]):
                got = getattr(codes, attr)
                for x in got:
                    out[(*key, x)] = got[x] if isinstance(got, dict) else ""
            return out

        hp, ap = pairs("hand", "principles"), pairs("auto", "principles")
        for pid in sorted({x[2] for x in hp} | {x[2] for x in ap}):
            rows.append(_row(PRINCIPLES, pid, {x for x in hp if x[2] == pid}, {x for x in ap if x[2] == pid}, hp, ap,
                             sample=half, sentences=n))
        rows.append(_row(PRINCIPLES, "overall", set(hp), set(ap), hp, ap, sample=half, sentences=n))
        hm, am = pairs("hand", "members"), pairs("auto", "members")
        rows.append(_row(MEMBERS, "overall", set(hm), set(am), hm, am, sample=half, sentences=n))
        hs, as_ = pairs("hand", "speakers"), pairs("auto", "speakers")
        rows.append(_row(SPEAKERS, "overall", set(hs), set(as_), hs, as_, sample=half, sentences=n))
    return rows


def _pct(x: float) -> str:
    return "—" if pd.isna(x) else f"{x:.0%}"


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _articles(figures: pd.DataFrame) -> str:
    """"three articles": how many curated articles the figures were measured on, in words."""
    figures = in_sample(figures)
    n = int(((figures["measure"] == PEOPLE) & (figures["scope"] != "overall")).sum())
    return f"{_NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else f'{n:,}'} article{'' if n == 1 else 's'}"


def articles_measured(figures: pd.DataFrame) -> str:
    """"the three curated articles"."""
    return "the " + _articles(figures).replace(" article", " curated article", 1)


def summary(figures: pd.DataFrame) -> str:
    """One plain sentence of the overall figures (`figures`: COLUMNS, from `stored` or `Accuracy.table`)."""
    v = lambda m, c: _pct(value(figures, m, "overall", c))  # noqa: E731
    n = int(value(figures, PRINCIPLES, "overall", "sentences"))
    text = (f"We tried the rules on {articles_measured(figures)} ({n:,} sentences). For principle references, precision is "
            f"{v(PRINCIPLES, 'precision')} and recall {v(PRINCIPLES, 'recall')}. For people named, precision is "
            f"{v(PEOPLE, 'precision')} and recall {v(PEOPLE, 'recall')}. "
            "These are in-sample figures. The rules were written from these articles and the Statement, so expect less on "
            "a new article.")
    out = out_of_sample_summary(figures)
    return f"{text} {out}" if out else text


def out_of_sample_summary(figures: pd.DataFrame) -> str:
    """The figures on the untouched half of the development texts, in one sentence ("" without them)."""
    if not ((figures["sample"] == UNTOUCHED) & (figures["measure"] == PRINCIPLES)).any():
        return ""
    v = lambda m, c: _pct(value(figures, m, "overall", c, UNTOUCHED))  # noqa: E731
    n = int(value(figures, PRINCIPLES, "overall", "sentences", UNTOUCHED))
    return (f"Out of sample, we also tried them on made-up texts never used to tune the rules ({n:,} sentences). "
            f"For principle references, precision is {v(PRINCIPLES, 'precision')} and recall {v(PRINCIPLES, 'recall')}. "
            f"For members named, precision is {v(MEMBERS, 'precision')} and recall {v(MEMBERS, 'recall')}.")


SAMPLE_LABELS = {IN_SAMPLE: "In-sample: the curated articles (the rules were written reading them)",
                 TUNING: "Development texts, tuning half (the rules were tuned on them)",
                 UNTOUCHED: "Out-of-sample: development texts never used to tune the rules"}
MEASURE_LABELS = {PRINCIPLES: "Principle references", PEOPLE: "People named", MEMBERS: "Members named",
                  SPEAKERS: "Who is quoted"}
# The samples table's columns, as a reader sees them (Sources & method, Add an article, the command line).
SAMPLE_COLUMNS = {"sample": "Measured on", "measure": "What", "sentences": "Sentences", "precision_text": "Precision",
                  "recall_text": "Recall"}


def samples_table(figures: pd.DataFrame) -> pd.DataFrame:
    """In-sample and out-of-sample side by side: the overall figures of each sample, with the number
    of sentences behind each (SAMPLE_COLUMNS)."""
    t = figures[(figures["scope"] == "overall") & figures["measure"].isin(list(MEASURE_LABELS))]
    order = {k: i for i, k in enumerate(SAMPLE_LABELS)}
    t = t.assign(_o=t["sample"].map(order)).sort_values("_o", kind="stable")
    return pd.DataFrame({"sample": t["sample"].map(SAMPLE_LABELS), "measure": t["measure"].map(MEASURE_LABELS),
                         "sentences": t["sentences"].map(lambda n: f"{int(n):,}"),
                         "precision_text": t["precision"].map(_pct), "recall_text": t["recall"].map(_pct)}).reset_index(drop=True)


def samples_lines(figures: pd.DataFrame) -> list[str]:
    """samples_table as plain lines (the command line's report)."""
    return [f"{r.sample} — {r.measure}: precision {r.precision_text}, recall {r.recall_text} ({r.sentences} sentences)"
            for r in samples_table(figures).itertuples(index=False)]


# The display table's columns, as a reader sees them (Sources & method, data/README.md).
DISPLAY_COLUMNS = {"scope": "Measured on", "sentences": "Sentences", "hand": "Hand codes", "auto": "Found", "agree": "Both",
                   "precision_text": "Precision", "recall_text": "Recall", "same_kind_text": "Same kind"}


def display_table(figures: pd.DataFrame, data) -> pd.DataFrame:
    """The in-sample figures worded for a reader: principles by their label, articles by outlet,
    percentages."""
    figures = in_sample(figures)
    v = data.vocab
    outlet_of = dict(zip(data.articles["article_id"], data.articles["outlet_id"]))
    every = "all " + _articles(figures)

    def scope(measure: str, value: str) -> str:
        what = "Principles" if measure.startswith("principle") else "People"
        if value == "overall":
            return f"{what}: {every}" + (", against the second coder" if measure == SECOND else "")
        if measure.startswith("principle"):
            return f"{what}: {v.principle(value)}"
        return f"{what}: {v.outlet(outlet_of[value]) if value in outlet_of else value}"

    t = figures
    return pd.DataFrame({"scope": [scope(m, x) for m, x in zip(t["measure"], t["scope"])], "sentences": t["sentences"],
                         "hand": t["hand"], "auto": t["auto"], "agree": t["agree"],
                         "precision_text": t["precision"].map(_pct), "recall_text": t["recall"].map(_pct),
                         "same_kind_text": t["same_kind"].map(_pct)})


# --- data/README.md ---------------------------------------------------------------------------------

BEGIN = "<!-- BEGIN AUTOCODE: generated by `python -m storyframes.autocode.accuracy --write`; do not edit by hand -->"
END = "<!-- END AUTOCODE -->"


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def finds(rule) -> str:
    """What a rule looks for, as a reader reads it."""
    if rule.words:
        text = f"{rule.words} — within {rule.within} words of — {rule.near}"
    else:
        text = f"pattern {rule.pattern.pattern}"
    return text + (" (asks)" if rule.asks else "")


def readme_block(figures: pd.DataFrame, data) -> str:
    """The rules and the measured figures, as Markdown for data/README.md's codebook part."""
    from storyframes.autocode import rules

    lines = [BEGIN, "", "#### The principle rules", "",
             "A sentence refers to a principle when one of its rules matches (case-insensitive; curly quotes read as straight). "
             "The `reason` column of an auto-coded row names the rule and the words it matched.", "",
             "A rule of words near words finds one of its words with one of its other words at most so many words apart, in "
             "either order (`*` stands for any ending: `reduc*` is reduce, reducing, reduction). A rule marked *asks* counts "
             "only in a sentence that asks for a change, and no rule counts in a sentence about another body or a past "
             "policy with nothing of the group in it (`storyframes/autocode/rules.py`: `OTHER_ACTOR`, `GROUP_ACTOR`, `ASKING`).", "",
             "| Rule | Principle | Finds | Stands for (the Statement's wording or the hand coder's reason) | Example |",
             "| --- | --- | --- | --- | --- |"]
    lines += [f"| `{r.rule_id}` | {r.principle_id} | {_md(finds(r))} | {_md(r.basis)} | {_md(r.example)} |" for r in rules.PRINCIPLE_RULES]
    lines += ["", "#### How well it agrees with the hand codes", "",
              "Computed by `python -m storyframes.autocode.accuracy --write`, which stores the counts in `autocode_accuracy.csv` "
              "(the app reads them there) and writes this block; a unit test recomputes both and fails if either is out of date. "
              "Principle references: pairs of prose sentence × principle. People named: pairs of sentence × person "
              "(people only, not the group or outlets; a member counts as their `member_id`); each article is coded knowing "
              "only the members and the people the *other* articles' hand codes name. *Same kind*: of the pairs "
              "both found, the share also coded alike as quoted or paraphrased (principles), quoted or named (people).", "",
              "| " + " | ".join(DISPLAY_COLUMNS.values()) + " |", "| " + " | ".join("---" for _ in DISPLAY_COLUMNS) + " |"]
    for row in display_table(figures, data).itertuples(index=False):
        lines.append("| " + " | ".join(_md(x) for x in row) + " |")
    if (figures["sample"] != IN_SAMPLE).any():
        lines += ["", "In-sample and out-of-sample. The development texts (`data/dev_texts/`, invented for this purpose and "
                  "hand-coded before the rules were tuned) are split by the SHA-256 of their ids into a tuning half, whose errors "
                  "were read to change the rules, and an untouched half, whose errors were not. Members named: pairs of unit × "
                  "member (named or quoted); who is quoted: pairs of unit × speaker.", "",
                  "| " + " | ".join(SAMPLE_COLUMNS.values()) + " |", "| " + " | ".join("---" for _ in SAMPLE_COLUMNS) + " |"]
        for row in samples_table(figures).itertuples(index=False):
            lines.append("| " + " | ".join(_md(x) for x in row) + " |")
    lines += ["", summary(figures), "", END]
    return "\n".join(lines)


def updated_readme(text: str, block: str) -> str:
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + block + text[end:]


def counts_csv(acc: Accuracy) -> str:
    """data/autocode_accuracy.csv's text: UTF-8, LF line ends, as the build scripts write their tables
    (through the package's one CSV writer, storyframes.core.csvtext)."""
    return csv_text(acc.counts)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from storyframes.core.data import DATA_DIR, load_package

    parser = argparse.ArgumentParser(description="Precision and recall of the automatic coding against the hand codes.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="rewrite data/autocode_accuracy.csv and the generated block of data/README.md")
    group.add_argument("--check", action="store_true", help="write nothing; exit 1 if either is out of date")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="the data package (default: data/)")
    args = parser.parse_args(argv)
    data = load_package(args.data_dir)
    acc = measure(data, args.data_dir)
    if args.write or args.check:
        readme, counts = args.data_dir / "README.md", args.data_dir / "autocode_accuracy.csv"
        current = readme.read_text(encoding="utf-8")
        wanted = {readme: updated_readme(current, readme_block(acc.table, data)), counts: counts_csv(acc)}
        stale = [path for path, text in wanted.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
        if args.check:
            print(f"out of date: {', '.join('data/' + p.name for p in stale)} (run python -m storyframes.autocode.accuracy --write)"
                  if stale else "up to date")
            return 1 if stale else 0
        for path in stale:
            path.write_text(wanted[path], encoding="utf-8")
        print(f"wrote {', '.join('data/' + p.name for p in stale)}" if stale else "up to date: nothing to write")
        return 0
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(acc.table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        # differences are listed for the curated articles only: the untouched half's are not for reading to tune
        missed = acc.principle_pairs[(acc.principle_pairs["hand"] == "") != (acc.principle_pairs["auto"] == "")]
        if len(missed):
            print("\nprinciple pairs where the coding differs:\n" + missed.to_string(index=False))
        missed = acc.people_pairs[(acc.people_pairs["hand"] == "") != (acc.people_pairs["auto"] == "")]
        if len(missed):
            print("\npeople pairs where the coding differs:\n" + missed.to_string(index=False))
    print("\n" + summary(acc.table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
