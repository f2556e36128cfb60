"""The analyses behind every chart: pure functions, DataFrame in, tidy DataFrame out.

No Streamlit here, so each function can be tested on a tiny hand-made table and cached by the
caller (`derived.py`). Conventions shared by every function:

* **Prose only.** Page furniture (`is_furniture`: navigation, credits, the repeated headline)
  is left out unless a docstring says otherwise; it is not the outlet's own writing.
* **Outlet order** is the order of first appearance in `articles` (the dashboard passes its
  articles in the reader's chosen order); within an outlet, reading order (`sentence`).
  Every other tie is broken by a stated key, so the same input always gives the same rows.
* **Position** of a prose sentence = (rank among the article's prose sentences − 1) / (number
  of prose sentences − 1): 0 is the first sentence, 1 the last (0 when there is only one).
  Its label is "lede" when position ≤ 0.2, "closing" when position ≥ 0.8, else "body".
* **Words** are counted with `text.count_words` (what a reader counts), **tokens** for the
  word statistics with `text.tokenize` (stopwords dropped, multi-word terms kept whole).
* An empty input gives an empty result with the documented columns, never an exception.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from storyframes.core.data import StoryData
from storyframes.core.text import count_words, normalise_quotes, tokenize, vader_compound

# --- code lists (the order is the tie-break order wherever codes are ranked) -----------------

FRAMES: tuple[str, ...] = (
    "economic", "capacity_resources", "morality", "fairness_equality", "legality", "policy",
    "crime_punishment", "security_defense", "health_safety", "quality_of_life", "cultural_identity",
    "public_opinion", "political", "external_regulation", "other",
)
TONE_SCORES: dict[str, int] = {"mocking": -2, "critical": -1, "neutral": 0, "favourable": 1}  # not_applicable -> NA
STANCE_SCORES: dict[str, int] = {"sceptical": -1, "neutral": 0, "supportive": 1}  # not_applicable -> NA
TARGETS: tuple[str, ...] = ("police", "offenders", "reform", "incarceration", "group")
REGISTERS: tuple[str, ...] = ("formal", "neutral", "slang", "pejorative", "figurative")
LEDE_UNTIL, CLOSING_FROM = 0.2, 0.8
VADER_POSITIVE, VADER_NEGATIVE = 0.05, -0.05  # the thresholds recommended by VADER's authors
OMITTED_LABEL = "—"

_TRUE = {"true", "1", "yes"}


# --- shared helpers ---------------------------------------------------------------------------

def _typed(rows: list[dict] | pd.DataFrame, spec: dict[str, str]) -> pd.DataFrame:
    """A frame with exactly the columns of `spec`, in that order and with those dtypes."""
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows, columns=list(spec))
    frame = frame.reindex(columns=list(spec))
    return frame.astype(spec).reset_index(drop=True)


def as_bool(values: pd.Series) -> pd.Series:
    """A column of yes/no values as bools: bools as they are, and "true", "1" or "yes" (any case,
    spaces around) as True, anything else False. The loader types the package's boolean columns
    already; this also takes a table built by hand (a test's, a script's) with them as text."""
    if values.dtype == bool:
        return values
    return values.map(lambda v: v if isinstance(v, bool) else str(v).strip().lower() in _TRUE).astype(bool)


def _order(values: Iterable[str]) -> dict[str, int]:
    """Rank of each value by first appearance."""
    return {v: i for i, v in enumerate(dict.fromkeys(values))}


def _join(values: Iterable[str], sep: str = ", ") -> str:
    return sep.join(v for v in values if v)


def position_label(position: float) -> str:
    """'lede' (first 20% of the article's prose), 'closing' (last 20%) or 'body'."""
    if position <= LEDE_UNTIL:
        return "lede"
    if position >= CLOSING_FROM:
        return "closing"
    return "body"


def prose(passages: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The prose sentences (furniture dropped) in outlet and reading order, with their place.

    Adds: outlet_id and outlet (when `articles` is given; passages of articles not in it are
    dropped, which is how the outlet filter reaches every analysis), prose_rank (1-based),
    n_prose, position (0..1), position_label and words. Without `articles` the article order
    is the order of first appearance in `passages`.
    """
    frame = passages.copy()
    if articles is not None:
        arts = articles[["article_id", "outlet_id", "outlet"]].drop_duplicates("article_id")
        frame = frame.merge(arts, on="article_id", how="inner")
        art_rank = _order(arts["article_id"])
    else:
        art_rank = _order(frame["article_id"])
    frame = frame[~as_bool(frame["is_furniture"])] if len(frame) else frame
    frame = frame.assign(_a=frame["article_id"].map(art_rank), _s=pd.to_numeric(frame["sentence"]))
    frame = frame.sort_values(["_a", "_s"], kind="stable").drop(columns=["_a", "_s"]).reset_index(drop=True)
    rank = frame.groupby("article_id", sort=False).cumcount() + 1
    n = frame.groupby("article_id", sort=False)["passage_id"].transform("size")
    position = [(r - 1) / (k - 1) if k > 1 else 0.0 for r, k in zip(rank, n)]
    return frame.assign(
        prose_rank=rank.astype("int64"),
        n_prose=n.astype("int64"),
        position=pd.Series(position, index=frame.index, dtype="float64"),
        position_label=[position_label(p) for p in position],
        words=frame["text"].map(count_words).astype("int64"),
    )


# --- 1. distinctive words ---------------------------------------------------------------------

FIGHTIN_COLUMNS = {"outlet_id": "str", "outlet": "str", "term": "str", "count": "int64", "count_others": "int64",
                   "delta": "float64", "variance": "float64", "z": "float64", "low_count": "bool"}


def fightin_words(passages: pd.DataFrame, articles: pd.DataFrame, *, prior_scale: float = 1.0, min_count: int = 3) -> pd.DataFrame:
    """Words that set each outlet apart from the others pooled: Monroe, Colaresi & Quinn (2008).

    Weighted log-odds ratio with an informative Dirichlet prior (natural log). For outlet i
    against all other outlets pooled (j) and term w, with y = counts and n = token totals:

        delta = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
        variance ≈ 1/(y_iw + a_w) + 1/(y_jw + a_w);   z = delta / sqrt(variance)

    Prior: the compared corpus itself. a0 = prior_scale × N (N = all tokens of all compared
    outlets) and a_w = a0 × y_w / N = prior_scale × y_w (y_w = the term's corpus count). With
    the default prior_scale = 1 the prior weighs as much as the data, which shrinks the many
    one-off words of three short articles towards "not distinctive" instead of ranking them top.
    Every term of the vocabulary gets a row for every outlet (count may be 0, negative z = the
    others' word). `low_count` (count < min_count) lets the page warn that a high z rests on a
    handful of uses. Fewer than two outlets with tokens, or a one-word vocabulary: empty result.
    """
    if prior_scale <= 0:
        raise ValueError("prior_scale must be positive (a zero prior leaves log(0) for unused words)")
    text = prose(passages, articles)
    counts: dict[str, Counter] = {}
    names: dict[str, str] = {}
    for outlet_id, outlet, sentence in zip(text["outlet_id"], text["outlet"], text["text"]):
        counts.setdefault(outlet_id, Counter()).update(tokenize(sentence))
        names[outlet_id] = outlet
    counts = {o: c for o, c in counts.items() if c}
    total: Counter = sum(counts.values(), Counter())
    if len(counts) < 2 or len(total) < 2:
        return _typed([], FIGHTIN_COLUMNS)
    big_n = sum(total.values())
    a0 = prior_scale * big_n
    vocab = sorted(total)
    rows = []
    for outlet_id, own in counts.items():
        n_i = sum(own.values())
        n_j = big_n - n_i
        for w in vocab:
            a_w = prior_scale * total[w]
            y_i, y_j = own[w], total[w] - own[w]
            delta = math.log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - math.log((y_j + a_w) / (n_j + a0 - y_j - a_w))
            variance = 1 / (y_i + a_w) + 1 / (y_j + a_w)
            rows.append({"outlet_id": outlet_id, "outlet": names[outlet_id], "term": w, "count": y_i, "count_others": y_j,
                         "delta": delta, "variance": variance, "z": delta / math.sqrt(variance), "low_count": y_i < min_count})
    frame = pd.DataFrame(rows, columns=list(FIGHTIN_COLUMNS))
    outlet_rank = _order(articles["outlet_id"])
    frame = frame.assign(_o=frame["outlet_id"].map(outlet_rank), _nz=-frame["z"])
    frame = frame.sort_values(["_o", "_nz", "term"], kind="stable").drop(columns=["_o", "_nz"])
    return _typed(frame, FIGHTIN_COLUMNS)


# --- 2. frames --------------------------------------------------------------------------------

FRAME_PROFILE_COLUMNS = {"outlet_id": "str", "outlet": "str", "frame": "str", "n": "int64", "n_prose": "int64", "share": "float64"}
FRAME_DIFF_COLUMNS = {"frame": "str", "n_a": "int64", "n_b": "int64", "share_a": "float64", "share_b": "float64", "diff": "float64"}


def frame_profile(passages: pd.DataFrame, articles: pd.DataFrame, passage_codes: pd.DataFrame) -> pd.DataFrame:
    """How much of each outlet's prose is told through each frame (Media Frames Corpus codes).

    One row per outlet and frame with n > 0: n sentences coded with that frame, n_prose (the
    outlet's prose sentences) and share = n / n_prose, so outlets of different lengths compare.
    Uncoded prose sentences stay in the denominator (shares then sum to less than 1). Order:
    outlet, n descending, frame code order.
    """
    text = prose(passages, articles)
    n_prose = text.groupby("outlet_id")["passage_id"].size()
    codes = passage_codes[passage_codes["frame"] != ""][["passage_id", "frame"]].drop_duplicates("passage_id")
    coded = text[["passage_id", "outlet_id", "outlet"]].merge(codes, on="passage_id")
    if coded.empty:
        return _typed([], FRAME_PROFILE_COLUMNS)
    grouped = coded.groupby(["outlet_id", "outlet", "frame"], as_index=False).agg(n=("passage_id", "size"))
    grouped["n_prose"] = grouped["outlet_id"].map(n_prose)
    grouped["share"] = grouped["n"] / grouped["n_prose"]
    frame_rank = {f: i for i, f in enumerate(FRAMES)}
    grouped = grouped.assign(_o=grouped["outlet_id"].map(_order(articles["outlet_id"])), _n=-grouped["n"],
                             _f=grouped["frame"].map(frame_rank).fillna(len(FRAMES)))
    grouped = grouped.sort_values(["_o", "_n", "_f"], kind="stable")
    return _typed(grouped, FRAME_PROFILE_COLUMNS)


def frame_difference(profile: pd.DataFrame, outlet_a: str, outlet_b: str) -> pd.DataFrame:
    """Frame by frame, how far two outlets' shares differ: diff = share_a − share_b.

    Frames used by either outlet; a frame the other never used counts as share 0. Sorted by
    |diff| descending, then frame code order.
    """
    frames = [f for f in dict.fromkeys(profile.loc[profile["outlet_id"].isin([outlet_a, outlet_b]), "frame"])]
    frame_rank = {f: i for i, f in enumerate(FRAMES)}

    def pick(outlet: str, col: str) -> dict[str, float]:
        rows = profile[profile["outlet_id"] == outlet]
        return dict(zip(rows["frame"], rows[col]))

    na, nb, sa, sb = pick(outlet_a, "n"), pick(outlet_b, "n"), pick(outlet_a, "share"), pick(outlet_b, "share")
    rows = [{"frame": f, "n_a": int(na.get(f, 0)), "n_b": int(nb.get(f, 0)), "share_a": float(sa.get(f, 0.0)),
             "share_b": float(sb.get(f, 0.0))} for f in frames]
    for r in rows:
        r["diff"] = r["share_a"] - r["share_b"]
    rows.sort(key=lambda r: (-abs(r["diff"]), frame_rank.get(r["frame"], len(FRAMES)), r["frame"]))
    return _typed(rows, FRAME_DIFF_COLUMNS)


# --- 3. principles ----------------------------------------------------------------------------

PRINCIPLE_COLUMNS = {"outlet_id": "str", "outlet": "str", "article_id": "str", "principle_id": "str", "status": "str",
                     "n_sentences": "int64", "n_quoted": "int64", "words": "int64", "share_of_words": "float64",
                     "first_sentence": "Int64", "first_position": "Float64", "first_passage_id": "str",
                     "position_label": "str", "passage_ids": "str"}


def principle_coverage(passages: pd.DataFrame, articles: pd.DataFrame, passage_principles: pd.DataFrame,
                       principles: pd.DataFrame) -> pd.DataFrame:
    """Which outlet reported which principle, how, how much and how early: omissions included.

    One row per outlet with prose × principle (every combination). An outlet with several
    articles is counted over all of them (`article_id` names its first; first_* is the first
    referring sentence in reading order, article by article).
    status: "quoted" if any referring sentence quotes the Statement's wording, else
    "paraphrased" if any refers to it, else "omitted". n_sentences / n_quoted count distinct
    prose sentences; share_of_words = their words / the article's prose words. first_*: the
    earliest referring sentence (its `sentence` number, position 0..1 and passage id; NA / ""
    when omitted); position_label lede/body/closing, "—" when omitted. passage_ids lists the
    referring sentences in reading order (the evidence behind the cell).
    """
    text = prose(passages, articles)
    # One merge and one groupby, not a scan per article × principle: a corpus of thousands of
    # articles made the loop take tens of seconds (benchmarks/bench_scale.py).
    arts = text.drop_duplicates("outlet_id")[["article_id", "outlet_id", "outlet"]]
    prose_words = text.groupby("outlet_id", sort=False)["words"].sum()
    grid = arts.merge(pd.DataFrame({"principle_id": principles["principle_id"].tolist()}), how="cross")
    refs = passage_principles[["passage_id", "principle_id", "reference"]].drop_duplicates(["passage_id", "principle_id"])
    hits = text[["passage_id", "outlet_id", "words", "sentence", "position", "position_label"]].merge(refs, on="passage_id")
    hits = hits.assign(_quoted=hits["reference"] == "quoted")
    by = hits.groupby(["outlet_id", "principle_id"], sort=False)
    agg = by.agg(n_sentences=("passage_id", "size"), n_quoted=("_quoted", "sum"), words=("words", "sum"),
                 first_sentence=("sentence", "first"), first_position=("position", "first"),
                 first_passage_id=("passage_id", "first"), position_label=("position_label", "first"),
                 passage_ids=("passage_id", _join)).reset_index()
    out = grid.merge(agg, on=["outlet_id", "principle_id"], how="left")
    hit = out["n_sentences"].notna()
    n_quoted = out["n_quoted"].fillna(0).astype("int64")
    words = out["words"].fillna(0).astype("int64")
    total = out["outlet_id"].map(prose_words).astype("int64")
    out = out.assign(
        n_sentences=out["n_sentences"].fillna(0).astype("int64"), n_quoted=n_quoted, words=words,
        status=np.where(n_quoted > 0, "quoted", np.where(hit, "paraphrased", "omitted")),
        share_of_words=np.where(total > 0, words / total.where(total > 0, 1), 0.0),
        first_sentence=pd.array(out["first_sentence"].where(hit, None), dtype="Int64"),
        first_position=pd.array(out["first_position"].where(hit, None), dtype="Float64"),
        first_passage_id=out["first_passage_id"].where(hit, ""), position_label=out["position_label"].where(hit, OMITTED_LABEL),
        passage_ids=out["passage_ids"].where(hit, ""))
    return _typed(out, PRINCIPLE_COLUMNS)



def principle_matrix(data: StoryData, outlet_ids: Iterable[str], principle_ids: Iterable[str]) -> pd.DataFrame:
    """The principle matrix's cells for these outlets × principles, in the outlets' given order
    (then principle id), labelled for readers: principle_label, short_name, share_pct (share of the
    outlet's prose words, in per cent, one decimal) and cell_text ("3 sentences" / "omitted").

    The whole package's matrix (`principle_coverage`) is counted once per package and kept on it
    (`StoryData.memo`); a selection only picks its cells, so every page counts a cell the same way."""
    def whole(d: StoryData) -> pd.DataFrame:
        cov = principle_coverage(d.passages, d.articles, d.passage_principles, d.principles)
        v = d.vocab
        return cov.assign(principle_label=cov["principle_id"].map(v.principle), short_name=cov["outlet_id"].map(v.short),
                          share_pct=(cov["share_of_words"] * 100).round(1),
                          cell_text=cov["n_sentences"].map(lambda n: f"{n} sentence{'s' if n != 1 else ''}" if n else "omitted"))
    cov = data.memo("principle_coverage", whole)
    order = {o: i for i, o in enumerate(outlet_ids)}
    kept = cov[cov["outlet_id"].isin(order) & cov["principle_id"].isin(set(principle_ids))]
    return (kept.assign(_o=kept["outlet_id"].map(order)).sort_values(["_o", "principle_id"], kind="stable")
            .drop(columns="_o").reset_index(drop=True))


def omissions(coverage: pd.DataFrame) -> pd.DataFrame:
    """The cells of a principle matrix (`principle_matrix`) that are omitted, one row per outlet
    that leaves at least one of its principles out: outlet_id, outlet, principle_ids (a tuple, in
    the matrix's order); the outlets in the matrix's order. Read from the matrix, not from the
    sentences a filter keeps, so an outlet with no selected sentence still counts as leaving out."""
    left = coverage[coverage["status"] == "omitted"]
    rows = [{"outlet_id": o, "outlet": str(g["outlet"].iloc[0]), "principle_ids": tuple(g["principle_id"])}
            for o, g in left.groupby("outlet_id", sort=False)]
    return pd.DataFrame(rows, columns=["outlet_id", "outlet", "principle_ids"])


# --- 4. voices --------------------------------------------------------------------------------

VOICES_COLUMNS = {"outlet_id": "str", "outlet": "str", "person": "str", "person_kind": "str", "member": "bool",
                  "member_ids": "str", "n_named": "int64", "n_quoted": "int64", "quote_words": "int64",
                  "channels": "str", "channel_outlets": "str", "passage_ids": "str"}
QUOTE_RATE_COLUMNS = {"outlet_id": "str", "outlet": "str", "words": "int64", "n_quotes": "int64", "quote_words": "int64",
                      "quotes_per_100_words": "float64", "quoted_word_share": "float64"}


def _people_in_prose(passages: pd.DataFrame, articles: pd.DataFrame, passage_people: pd.DataFrame) -> pd.DataFrame:
    text = prose(passages, articles)[["passage_id", "outlet_id", "outlet", "prose_rank"]]
    people = passage_people.merge(text, on="passage_id")
    person = people["person"].where(people["person"] != "", people["name_in_source"]) if len(people) else people["person"]
    return people.assign(person=person, quote_words=people["quote_text"].map(count_words).astype("int64"))


def voices(passages: pd.DataFrame, articles: pd.DataFrame, passage_people: pd.DataFrame) -> pd.DataFrame:
    """Who gets to speak in each outlet: people, organisations and outlets named or quoted.

    Per outlet and person (`person`, or `name_in_source` when blank): person_kind, member
    (any non-empty member_id) and member_ids, n_named (distinct prose sentences naming or
    quoting them), n_quoted (sentences quoting them), quote_words (words of their quote_text),
    channels (sorted unique quote_channel, ", "), channel_outlets (the outlets a quote was
    borrowed from) and passage_ids. Order: outlet, n_quoted desc, n_named desc, person.
    """
    people = _people_in_prose(passages, articles, passage_people)
    rows = []
    for (outlet_id, person), grp in people.groupby(["outlet_id", "person"], sort=False):
        grp = grp.sort_values("prose_rank", kind="stable")
        kinds = [k for k in grp["person_kind"] if k]
        rows.append({
            "outlet_id": outlet_id, "outlet": grp["outlet"].iloc[0], "person": person,
            "person_kind": Counter(kinds).most_common(1)[0][0] if kinds else "",
            "member": bool((grp["member_id"] != "").any()), "member_ids": _join(sorted(set(grp["member_id"]))),
            "n_named": grp["passage_id"].nunique(),
            "n_quoted": grp.loc[grp["mention"] == "quoted", "passage_id"].nunique(),
            "quote_words": int(grp["quote_words"].sum()),
            "channels": _join(sorted(set(grp["quote_channel"]))),
            "channel_outlets": _join(sorted(set(grp["channel_outlet"]))),
            "passage_ids": _join(dict.fromkeys(grp["passage_id"])),
        })
    frame = pd.DataFrame(rows, columns=list(VOICES_COLUMNS))
    frame = frame.assign(_o=frame["outlet_id"].map(_order(articles["outlet_id"])), _q=-frame["n_quoted"], _n=-frame["n_named"])
    frame = frame.sort_values(["_o", "_q", "_n", "person"], kind="stable")
    return _typed(frame, VOICES_COLUMNS)


INDIVIDUAL = "person"  # the person_kind of an individual (not an organisation or an outlet)
VOICE_SEP = "; "  # between names in one cell (a name may hold a comma: "Vance, Jr.")
WHO_IS_QUOTED_COLUMNS = {"outlet_id": "str", "outlet": "str", "n_individuals": "int64", "individuals": "str", "n_other_voices": "int64",
                         "other_voices": "str", "other_channels": "str", "n_quoted": "int64", "no_individual": "bool"}


def who_is_quoted(voices: pd.DataFrame, outlets: pd.DataFrame) -> pd.DataFrame:
    """Whom each outlet quotes, from a `voices` table: one row per outlet of `outlets` (outlet_id,
    outlet; in its order, each once), with the individuals quoted (person_kind "person"; n and
    names, VOICE_SEP-joined, most quoted words first), the other voices quoted (organisations, outlets)
    and the channels their quotes come through (sorted codes, ", "), n_quoted (quoting sentences,
    summed over the voices) and no_individual: True when the outlet quotes someone but no individual."""
    quoted = voices[voices["n_quoted"] > 0].sort_values("quote_words", ascending=False, kind="stable")
    rows = []
    for r in outlets[["outlet_id", "outlet"]].drop_duplicates("outlet_id").itertuples():
        mine = quoted[quoted["outlet_id"] == r.outlet_id]
        individual = mine["person_kind"] == INDIVIDUAL
        rows.append({"outlet_id": r.outlet_id, "outlet": r.outlet, "n_individuals": int(individual.sum()),
                     "individuals": _join(mine.loc[individual, "person"], VOICE_SEP), "n_other_voices": int((~individual).sum()),
                     "other_voices": _join(mine.loc[~individual, "person"], VOICE_SEP),
                     "other_channels": _join(sorted({c for cs in mine.loc[~individual, "channels"] for c in cs.split(", ") if c})),
                     "n_quoted": int(mine["n_quoted"].sum()),
                     "no_individual": bool(len(mine)) and not individual.any()})
    return _typed(rows, WHO_IS_QUOTED_COLUMNS)


def quotes_per_100_words(passages: pd.DataFrame, articles: pd.DataFrame, passage_people: pd.DataFrame) -> pd.DataFrame:
    """How quote-heavy each outlet is, normalised by length.

    n_quotes = passage_people rows in the prose with mention "quoted" and a quote_text (a
    quotation running over three sentences counts three times, once per sentence);
    quotes_per_100_words = 100 × n_quotes / prose words; quoted_word_share = quote words / prose
    words. Every outlet with prose gets a row (zeros when it quotes no one).
    """
    text = prose(passages, articles)
    people = _people_in_prose(passages, articles, passage_people)
    quotes = people[(people["mention"] == "quoted") & (people["quote_text"] != "")]
    rows = []
    for outlet_id, art in text.groupby("outlet_id", sort=False):
        words = int(art["words"].sum())
        mine = quotes[quotes["outlet_id"] == outlet_id]
        rows.append({"outlet_id": outlet_id, "outlet": art["outlet"].iloc[0], "words": words, "n_quotes": len(mine),
                     "quote_words": int(mine["quote_words"].sum()),
                     "quotes_per_100_words": 100 * len(mine) / words if words else 0.0,
                     "quoted_word_share": mine["quote_words"].sum() / words if words else 0.0})
    return _typed(rows, QUOTE_RATE_COLUMNS)


# --- 5. lexicon -------------------------------------------------------------------------------

LEXICON_COLUMNS = {"target": "str", "register": "str", "term": "str", "outlet_id": "str", "outlet": "str", "article_id": "str",
                   "first_passage_id": "str", "note": "str"}
TERM_COUNT_COLUMNS = {"article_id": "str", "term": "str", "target": "str", "register": "str", "count": "int64",
                      "n_sentences": "int64", "passage_ids": "str"}


def lexicon_table(lexicon: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The words each outlet chose for the police, offenders, the reform…: one row per term.

    Columns target, register, term, outlet (plus ids, first_passage_id and note). Only the
    given articles' terms. Order: target and register in code order, term (case-folded), outlet.
    """
    arts = articles[["article_id", "outlet_id", "outlet"]].drop_duplicates("article_id")
    frame = lexicon.merge(arts, on="article_id")
    t_rank, r_rank = {t: i for i, t in enumerate(TARGETS)}, {r: i for i, r in enumerate(REGISTERS)}
    frame = frame.assign(_t=frame["target"].map(t_rank).fillna(len(TARGETS)), _r=frame["register"].map(r_rank).fillna(len(REGISTERS)),
                         _w=frame["term"].str.casefold(), _o=frame["outlet_id"].map(_order(arts["outlet_id"])))
    frame = frame.sort_values(["_t", "_r", "_w", "_o"], kind="stable")
    return _typed(frame, LEXICON_COLUMNS)


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    words = normalise_quotes(term).casefold().split()
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")


def count_term(term: str, text: str) -> int:
    """Occurrences of `term` in `text`: whole words, case-insensitive, curly = straight quotes."""
    if not term.strip():
        return 0
    return len(_term_pattern(term).findall(normalise_quotes(text).casefold()))


def term_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of `terms` in `text`, by count_term's rule (whole words,
    any case, curly = straight quotes), as positions in `text` itself, to highlight them."""
    shown = normalise_quotes(text)  # one character for one: positions stay those of `text`
    return sorted(m.span() for term in dict.fromkeys(terms) if term.strip()
                  for m in re.compile(_term_pattern(term).pattern, re.IGNORECASE).finditer(shown))


def term_counts(lexicon: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """How often each lexicon term occurs in its own article's prose, and in which sentences.

    Whole-word, case-insensitive matches with curly and straight quotes treated alike ("cops"
    does not count inside "copse"; "top brass" matches across any whitespace). Order: article
    (first appearance in passages), then term (case-folded), target, register.
    """
    text = prose(passages)
    # Each sentence normalised once and each pattern compiled once, not once per term and
    # sentence: a 3,000-article corpus has 54,000 lexicon rows (20 s before, benchmarks/RESULTS.md).
    folded = [normalise_quotes(t).casefold() for t in text["text"]]
    by_article: dict[str, list[tuple[str, str]]] = {}
    for article_id, pid, t in zip(text["article_id"], text["passage_id"], folded):
        by_article.setdefault(article_id, []).append((pid, t))
    rows = []
    for r in lexicon.itertuples(index=False):
        pattern = _term_pattern(r.term) if r.term.strip() else None
        first = normalise_quotes(r.term).casefold().split()[0] if pattern else ""
        # a plain substring test first: most sentences lack the term's first word altogether
        hits = [(pid, len(pattern.findall(t))) for pid, t in by_article.get(r.article_id, ()) if first in t] if pattern else []
        hits = [(pid, k) for pid, k in hits if k]
        rows.append({"article_id": r.article_id, "term": r.term, "target": r.target, "register": r.register,
                     "count": sum(k for _, k in hits), "n_sentences": len(hits), "passage_ids": _join(pid for pid, _ in hits)})
    frame = pd.DataFrame(rows, columns=list(TERM_COUNT_COLUMNS))
    frame = frame.assign(_a=frame["article_id"].map(_order(text["article_id"])).fillna(len(by_article)), _w=frame["term"].str.casefold())
    frame = frame.sort_values(["_a", "_w", "target", "register"], kind="stable")
    return _typed(frame, TERM_COUNT_COLUMNS)


# --- 6. tone ----------------------------------------------------------------------------------

VADER_COLUMNS = {"passage_id": "str", "vader_compound": "float64", "vader_label": "str"}


def vader_label(compound: float) -> str:
    """positive (≥ 0.05), negative (≤ −0.05) or neutral: VADER's own recommended cut-offs."""
    if compound >= VADER_POSITIVE:
        return "positive"
    if compound <= VADER_NEGATIVE:
        return "negative"
    return "neutral"


def vader_scores(passages: pd.DataFrame) -> pd.DataFrame:
    """VADER's automated sentiment for every passage (furniture included), with its label.

    The scores are the passages' `vader_compound` column, computed when the package is built
    (`text.vader_compound`); passages without that column (a hand-made test frame) are scored
    here with the same function. Kept apart from `tone_along` so the caller can cache it.
    """
    if "vader_compound" in passages.columns:
        compounds = [float(x) for x in passages["vader_compound"]]
    else:
        compounds = [vader_compound(t) for t in passages["text"]]
    rows = [{"passage_id": pid, "vader_compound": c, "vader_label": vader_label(c)} for pid, c in zip(passages["passage_id"], compounds)]
    return _typed(rows, VADER_COLUMNS)


TONE_COLUMNS = {"article_id": "str", "passage_id": "str", "paragraph": "int64", "sentence": "int64", "position": "float64",
                "position_label": "str", "text": "str", "frame": "str", "tone_police": "str", "tone_score": "Float64",
                "stance_reform": "str", "stance_score": "Float64", "vader_compound": "Float64", "vader_label": "str",
                "disagreement": "bool"}


def tone_along(passages: pd.DataFrame, passage_codes: pd.DataFrame, *, sentiment: pd.DataFrame | None = None,
               articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Hand-coded tone and stance sentence by sentence, beside VADER's automated score.

    One row per prose sentence in reading order. tone_score: mocking −2, critical −1, neutral 0,
    favourable +1 (not_applicable or uncoded: NA); stance_score: sceptical −1, neutral 0,
    supportive +1 (NA likewise). `sentiment` is `vader_scores(passages)` (computed here when
    None). disagreement: the hand code says mocking/critical but VADER says positive, or the hand
    code says favourable but VADER says negative: where a word list misses sarcasm. Uncoded
    sentences keep "" codes. With `articles`, outlet_id and outlet lead the columns and only
    those articles are kept, in their order.
    """
    text = prose(passages, articles)
    if sentiment is None:
        sentiment = vader_scores(text)
    codes = passage_codes[["passage_id", "frame", "tone_police", "stance_reform"]].drop_duplicates("passage_id")
    text = text.drop(columns=["vader_compound"], errors="ignore")  # the passages' own score comes back from `sentiment`
    frame = text.merge(codes, on="passage_id", how="left").merge(sentiment[["passage_id", "vader_compound", "vader_label"]],
                                                                on="passage_id", how="left")
    for col in ("frame", "tone_police", "stance_reform", "vader_label"):
        frame[col] = frame[col].fillna("") if len(frame) else frame[col]
    frame["tone_score"] = pd.array([TONE_SCORES.get(t, pd.NA) for t in frame["tone_police"]], dtype="Float64")
    frame["stance_score"] = pd.array([STANCE_SCORES.get(s, pd.NA) for s in frame["stance_reform"]], dtype="Float64")
    frame["disagreement"] = [
        (t in ("mocking", "critical") and v == "positive") or (t == "favourable" and v == "negative")
        for t, v in zip(frame["tone_police"], frame["vader_label"])
    ]
    spec = ({"outlet_id": "str", "outlet": "str"} if articles is not None else {}) | TONE_COLUMNS
    return _typed(frame, spec)


def tone_disagreements(tone_df: pd.DataFrame) -> pd.DataFrame:
    """Only the sentences where the hand code and VADER disagree (sarcasm fools word lists)."""
    return tone_df[tone_df["disagreement"].astype(bool)].reset_index(drop=True)


# --- 7. headlines -----------------------------------------------------------------------------

HEADLINE_COLUMNS = {"coverage_id": "str", "outlet_id": "str", "outlet": "str", "headline": "str", "article_id": "str",
                    "frame": "str", "key_terms": "str", "headline_stance": "str", "body_dominant_frame": "str",
                    "body_share": "Float64", "agrees": "boolean"}


def dominant_frames(frame_profile_df: pd.DataFrame) -> pd.DataFrame:
    """Each outlet's most frequent body frame (ties: frame code order): outlet_id, frame, share."""
    frame_rank = {f: i for i, f in enumerate(FRAMES)}
    ranked = frame_profile_df.assign(_n=-frame_profile_df["n"], _f=frame_profile_df["frame"].map(frame_rank).fillna(len(FRAMES)))
    top = ranked.sort_values(["outlet_id", "_n", "_f"], kind="stable").drop_duplicates("outlet_id")
    return top[["outlet_id", "frame", "share"]].reset_index(drop=True)


def headline_vs_body(coverage: pd.DataFrame, headline_codes: pd.DataFrame, frame_profile_df: pd.DataFrame) -> pd.DataFrame:
    """Does the headline frame the story the way the article body does?

    One row per coverage item, in the coverage table's order: the headline's hand-coded frame,
    key_terms ("; "-separated) and stance. For the full texts (article_id non-empty) also the
    body's dominant frame (see `dominant_frames`), its share and agrees (headline frame ==
    body frame; NA when the headline is uncoded). Headline-only items, or a full text whose outlet is not in the profile (e.g.
    filtered out): body_dominant_frame "", body_share and agrees NA. Uncoded headlines: "" codes.
    """
    codes = headline_codes[["coverage_id", "frame", "key_terms", "headline_stance"]].drop_duplicates("coverage_id")
    frame = coverage[["coverage_id", "outlet_id", "outlet", "headline", "article_id"]].merge(codes, on="coverage_id", how="left")
    for col in ("frame", "key_terms", "headline_stance"):
        frame[col] = frame[col].fillna("") if len(frame) else frame[col]
    top = dominant_frames(frame_profile_df).set_index("outlet_id")
    has_body = (frame["article_id"] != "") & frame["outlet_id"].isin(top.index)
    body_frame = frame["outlet_id"].map(top["frame"])
    frame["body_dominant_frame"] = body_frame.where(has_body, "").fillna("")
    frame["body_share"] = pd.array([s if b else pd.NA for s, b in zip(frame["outlet_id"].map(top["share"]), has_body)], dtype="Float64")
    frame["agrees"] = pd.array([(f == bf) if b and f else pd.NA for f, bf, b in zip(frame["frame"], body_frame, has_body)], dtype="boolean")
    return _typed(frame, HEADLINE_COLUMNS)


# --- 8. readability ---------------------------------------------------------------------------

READABILITY_COLUMNS = {"outlet_id": "str", "outlet": "str", "words": "int64", "sentences": "int64", "avg_sentence_length": "float64",
                       "syllables_per_word": "float64", "flesch_kincaid_grade": "float64", "flesch_reading_ease": "float64",
                       "quotes_per_100_words": "float64"}


def readability(passages: pd.DataFrame, articles: pd.DataFrame, passage_people: pd.DataFrame) -> pd.DataFrame:
    """How hard each outlet's prose is to read, and how quote-heavy it is.

    words and sentences are the prose counts (our sentence cut, so "D.C." does not end a
    sentence); avg_sentence_length = words / sentences; syllables_per_word from the passages'
    `syllables` column (text.count_syllables, computed when the data package is built: textstat's
    CMU-dictionary counter costs seconds to load, which no reader's request should pay). The
    standard formulas, as textstat applies them:
        Flesch–Kincaid grade = 0.39 × words/sentence + 11.8 × syllables/word − 15.59
        Flesch reading ease  = 206.835 − 1.015 × words/sentence − 84.6 × syllables/word
    The sentence and word counts are ours, because textstat's own sentence count would end a
    sentence at "D.C.". quotes_per_100_words: see `quotes_per_100_words`.
    """
    text = prose(passages, articles)
    rates = quotes_per_100_words(passages, articles, passage_people).set_index("outlet_id")["quotes_per_100_words"]
    rows = []
    for outlet_id, art in text.groupby("outlet_id", sort=False):
        n_words, n_sent = int(art["words"].sum()), len(art)
        wps = n_words / n_sent if n_sent else 0.0
        spw = float(art["syllables"].sum()) / n_words if n_words else 0.0
        rows.append({"outlet_id": outlet_id, "outlet": art["outlet"].iloc[0], "words": n_words, "sentences": n_sent,
                     "avg_sentence_length": wps, "syllables_per_word": spw,
                     "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59 if n_words else math.nan,
                     "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw if n_words else math.nan,
                     "quotes_per_100_words": float(rates.get(outlet_id, 0.0))})
    return _typed(rows, READABILITY_COLUMNS)


# --- 10. summary ------------------------------------------------------------------------------

def _leaders(table: pd.DataFrame, value: str) -> pd.DataFrame:
    """Rows holding the (positive) maximum of `value`; empty when every value is 0."""
    if table.empty or not (table[value] > 0).any():
        return table.iloc[0:0]
    return table[table[value] == table[value].max()]


def _ids(values: Iterable[str]) -> list[str]:
    return [p for s in values for p in s.split(", ") if p]


def summary_facts(passages: pd.DataFrame, articles: pd.DataFrame, passage_codes: pd.DataFrame,
                  passage_principles: pd.DataFrame, passage_people: pd.DataFrame, lexicon: pd.DataFrame, *,
                  principle_id: str, coverage: pd.DataFrame | None = None) -> dict[str, dict]:
    """The numbers behind the page's plain-language summary, computed from the tables.

    Returns four facts, each a dict with `table` (per outlet, with passage_ids), the leading or
    qualifying `outlet_ids`/`outlets` (ties: all, in outlet order) and `passage_ids` (evidence):

    * "statement_quotes": prose sentences quoting the group's Statement: a principle coded
      `quoted`, or a passage_people row quoting an organisation (person_kind "organization")
      through its statement (quote_channel "statement"). A member's own press statement does not
      count. Extra key `n_sentences` (the leader's count).
    * "police_slang": lexicon terms for the police in slang or pejorative register. Extra key
      `terms` {outlet_id: [terms]}. table: one row per term with its occurrences.
    * "principle_mentions": how each outlet reported `principle_id` (the caller picks it): the rows of
      `principle_coverage`, or `coverage` when given (the principle's cells of `principle_matrix`:
      whole articles, so an outlet a filter leaves with no sentence still counts as leaving it
      out). Extra keys `principle_id` and `how` {outlet_id: status}.
    * "mocking": share of each outlet's prose sentences whose tone toward the police is coded
      mocking. Extra keys `share` and `n` (the leader's).
    """
    text = prose(passages, articles)
    outlets = text[["outlet_id", "outlet"]].drop_duplicates()
    pid_outlet = dict(zip(text["passage_id"], text["outlet_id"]))

    def per_outlet(passage_set: set[str], name: str) -> pd.DataFrame:
        rows = []
        for o, outlet in zip(outlets["outlet_id"], outlets["outlet"]):
            ids = [p for p in text.loc[text["outlet_id"] == o, "passage_id"] if p in passage_set]
            rows.append({"outlet_id": o, "outlet": outlet, name: len(ids), "passage_ids": _join(ids)})
        return _typed(rows, {"outlet_id": "str", "outlet": "str", name: "int64", "passage_ids": "str"})

    def fact(table: pd.DataFrame, leaders: pd.DataFrame, **extra) -> dict:
        return {"table": table, "outlet_ids": leaders["outlet_id"].tolist(), "outlets": leaders["outlet"].tolist(),
                "passage_ids": _ids(leaders["passage_ids"]), **extra}

    # Statement quotes
    quoted_principle = set(passage_principles.loc[passage_principles["reference"] == "quoted", "passage_id"])
    pp = passage_people
    group_statement = set(pp.loc[(pp["mention"] == "quoted") & (pp["quote_channel"] == "statement")
                                 & (pp["person_kind"] == "organization"), "passage_id"])
    statement = per_outlet((quoted_principle | group_statement) & set(pid_outlet), "n_sentences")
    lead = _leaders(statement, "n_sentences")
    facts = {"statement_quotes": fact(statement, lead, n_sentences=int(lead["n_sentences"].max()) if len(lead) else 0)}

    # Police slang / pejoratives
    police = lexicon[(lexicon["target"] == "police") & lexicon["register"].isin(["slang", "pejorative"])]
    police = police[police["article_id"].isin(text["article_id"])]
    found = term_counts(police, passages).drop(columns=["target"]).drop_duplicates(["article_id", "term", "register"])
    slang = lexicon_table(police, articles)[["outlet_id", "outlet", "article_id", "term", "register", "first_passage_id"]]
    slang = slang.merge(found, on=["article_id", "term", "register"], how="left")
    slang["passage_ids"] = [_join(dict.fromkeys([f, *_ids([p if isinstance(p, str) else ""])]))
                            for f, p in zip(slang["first_passage_id"], slang["passage_ids"])]
    slang = _typed(slang, {"outlet_id": "str", "outlet": "str", "term": "str", "register": "str", "first_passage_id": "str",
                           "count": "int64", "passage_ids": "str"})
    users = slang.drop_duplicates("outlet_id")
    users = users.assign(_o=users["outlet_id"].map(_order(articles["outlet_id"]))).sort_values("_o", kind="stable")
    facts["police_slang"] = fact(slang, users.assign(passage_ids=[_join(slang.loc[slang["outlet_id"] == o, "passage_ids"])
                                                                  for o in users["outlet_id"]]),
                                 terms={o: slang.loc[slang["outlet_id"] == o, "term"].tolist() for o in users["outlet_id"]})

    # One principle (P4)
    if coverage is None:
        cov = principle_coverage(passages, articles, passage_principles, pd.DataFrame({"principle_id": [principle_id]}))
    else:
        cov = coverage[coverage["principle_id"] == principle_id].reset_index(drop=True)
    mention = cov[cov["status"] != "omitted"]
    facts["principle_mentions"] = fact(cov, mention, principle_id=principle_id, how=dict(zip(cov["outlet_id"], cov["status"])))

    # Mocking tone
    mocking_ids = set(passage_codes.loc[passage_codes["tone_police"] == "mocking", "passage_id"])
    mock = per_outlet(mocking_ids & set(pid_outlet), "n_mocking")
    n_prose = text.groupby("outlet_id").size()
    mock.insert(3, "n_prose", mock["outlet_id"].map(n_prose).astype("int64"))
    mock.insert(4, "share_mocking", (mock["n_mocking"] / mock["n_prose"]).astype("float64"))
    lead = _leaders(mock, "share_mocking")
    facts["mocking"] = fact(mock, lead, share=float(lead["share_mocking"].max()) if len(lead) else 0.0,
                            n=int(lead["n_mocking"].max()) if len(lead) else 0)
    return facts


def term_hits(data) -> pd.DataFrame:
    """Every lexicon term's prose sentences in its own article, one row per term and sentence
    (article_id, term, target, register, passage_id), by term_counts' rule, once per package:
    word choice, the quiz's cues and anything else that asks which terms a sentence holds."""
    def build(d) -> pd.DataFrame:
        found = term_counts(d.lexicon, d.passages)
        rows = [(a, t, g, r, p) for a, t, g, r, ids in zip(found["article_id"], found["term"], found["target"], found["register"], found["passage_ids"])
                for p in ids.split(", ") if p]
        return pd.DataFrame(rows, columns=["article_id", "term", "target", "register", "passage_id"])
    return data.memo("term_hits", build)
