"""Derived tables, computed once per process with st.cache_data.

Each function takes no arguments (it reads the cached package itself), so Streamlit hashes
nothing on a rerun; filtering happens afterwards on the small results. The analyses themselves
are pure functions in `analysis.py`/`members.py`, tested without Streamlit.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from storyframes import analysis, members
from storyframes.page import cached_package

@st.cache_data(show_spinner=False)
def code_labels(field: str) -> dict[str, str]:
    """Code → human label from the codebook (e.g. capacity_resources → Capacity and resources)."""
    book = cached_package().codebook
    rows = book[book["field"] == field]
    return dict(zip(rows["code"], rows["label"]))


@st.cache_data(show_spinner=False)
def principle_coverage() -> pd.DataFrame:
    d = cached_package()
    cov = analysis.principle_coverage(d.passages, d.articles, d.passage_principles, d.principles)
    labels = dict(zip(d.principles["principle_id"], d.principles["principle_id"] + " · " + d.principles["short_label"]))
    short = dict(zip(d.outlets["outlet_id"], d.outlets["short_name"]))
    return cov.assign(principle_label=cov["principle_id"].map(labels), share_pct=(cov["share_of_words"] * 100).round(1),
                      short_name=cov["outlet_id"].map(short))


@st.cache_data(show_spinner=False)
def frame_profile() -> pd.DataFrame:
    d = cached_package()
    prof = analysis.frame_profile(d.passages, d.articles, d.passage_codes)
    return prof.assign(frame_label=prof["frame"].map(code_labels("frame")))


@st.cache_data(show_spinner=False)
def vader() -> pd.DataFrame:
    return analysis.vader_scores(cached_package().passages)


@st.cache_data(show_spinner=False)
def tone_along() -> pd.DataFrame:
    d = cached_package()
    tone = analysis.tone_along(d.passages, d.passage_codes, sentiment=vader(), articles=d.articles)
    return tone.assign(text_short=tone["text"].str.slice(0, 120))


@st.cache_data(show_spinner=False)
def voices() -> pd.DataFrame:
    d = cached_package()
    return analysis.voices(d.passages, d.articles, d.passage_people)


@st.cache_data(show_spinner=False)
def readability() -> pd.DataFrame:
    d = cached_package()
    return analysis.readability(d.passages, d.articles, d.passage_people)


@st.cache_data(show_spinner=False)
def headline_vs_body() -> pd.DataFrame:
    d = cached_package()
    return analysis.headline_vs_body(d.coverage, d.headline_codes, frame_profile())


@st.cache_data(show_spinner=False)
def member_places() -> pd.DataFrame:
    return members.member_places(cached_package().members)


@st.cache_data(show_spinner=False)
def outlets_naming_members() -> pd.DataFrame:
    d = cached_package()
    return members.outlets_naming_members(d.members, d.passage_people, d.passages, d.articles, d.coverage_people, d.coverage)


@st.cache_data(show_spinner=False)
def package_zip() -> bytes:
    """The zip download, built once per process."""
    from storyframes import export

    return export.package_zip()


@st.cache_data(show_spinner=False)
def fightin_words_for(outlets: tuple[str, ...], principles: tuple[str, ...], top: int = 8) -> pd.DataFrame:
    """Distinctive words among the chosen outlets' chosen sentences (top terms per outlet, z > 0)."""
    from storyframes.filters import Filters
    from storyframes.selection import chosen_articles, chosen_passages

    d = cached_package()
    chosen = Filters(outlets, principles)
    arts = chosen_articles(d.articles, chosen)
    words = analysis.fightin_words(chosen_passages(d.passages, d.articles, d.passage_principles, chosen), arts)
    words = words[words["z"] > 0]
    return words.sort_values("z", ascending=False, kind="stable").groupby("outlet_id", sort=False).head(top).reset_index(drop=True)


@st.cache_data(show_spinner=False)
def summary_facts_for(outlets: tuple[str, ...]) -> dict:
    """The numbers behind the framing page's summary, for the chosen outlets."""
    d = cached_package()
    arts = d.articles[d.articles["outlet_id"].isin(outlets)]
    arts = arts.set_index("outlet_id").reindex([o for o in outlets if o in set(arts["outlet_id"])]).reset_index()
    return analysis.summary_facts(d.passages, arts, d.passage_codes, d.passage_principles, d.passage_people, d.lexicon)


@st.cache_data(show_spinner=False)
def group_name() -> str:
    """The group's full name, from facts.csv."""
    facts = cached_package().facts
    return str(facts[facts["fact_id"] == "group_name"]["value"].iloc[0])


@st.cache_data(show_spinner=False)
def members_map_spec() -> dict:
    """The member map as a Vega-Lite spec, built once: its inputs are static, and building and
    serialising the inline state shapes costs about a second and a half on every rerun."""
    from storyframes import charts

    d = cached_package()
    chart = charts.members_map(d.geo, member_places(), d.coverage_cities, members.map_title(d.members))
    return chart.to_dict()


@st.cache_data(show_spinner=False, max_entries=256)
def framing_views(outlets: tuple[str, ...], principles: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """Every table the framing page shows, for one choice of filters, computed once."""
    from storyframes import findings
    from storyframes.filters import Filters
    from storyframes.selection import chosen_articles, chosen_passages, chosen_principles

    d = cached_package()
    chosen = Filters(outlets, principles)
    arts = chosen_articles(d.articles, chosen)
    passages = chosen_passages(d.passages, d.articles, d.passage_principles, chosen)
    profile = analysis.frame_profile(passages, arts, d.passage_codes)
    coverage = findings.filter_coverage(principle_coverage(), arts, chosen_principles(d.principles, chosen))
    chosen_voices = voices()[lambda v: v["outlet_id"].isin(arts["outlet_id"])]
    tone = tone_along()[lambda t: t["passage_id"].isin(passages["passage_id"])]
    return {
        "articles": arts,
        "passages": passages,
        "words": fightin_words_for(outlets, principles),
        "profile": profile.assign(frame_label=profile["frame"].map(code_labels("frame"))),
        "coverage": coverage,
        "voices": findings.speaker_labels(chosen_voices, d.outlets, group_name()),
        "lexicon": analysis.lexicon_table(d.lexicon, arts),
        "tone": tone,
        "readability": readability()[lambda r: r["outlet_id"].isin(arts["outlet_id"])],
    }


@st.cache_data(show_spinner=False, max_entries=256)
def framing_specs(outlets: tuple[str, ...], principles: tuple[str, ...]) -> dict[str, dict]:
    """The framing page's charts as Vega-Lite specs, built once per choice of filters
    (building and serialising ten Altair charts costs more than half a second per rerun)."""
    from storyframes import charts, findings

    v = framing_views(outlets, principles)
    ids, outlet_names = v["articles"]["outlet_id"].tolist(), v["articles"]["outlet"].tolist()
    short = dict(zip(cached_package().outlets["outlet_id"], cached_package().outlets["short_name"]))
    specs = {f"words_{o}": charts.distinctive_words_chart(v["words"][v["words"]["outlet_id"] == o], o, short[o]).to_dict() for o in ids}
    specs["frames"] = charts.frame_profile_chart(v["profile"], ids, findings.frame_title(v["profile"])).to_dict()
    if not v["coverage"].empty:
        specs["position"] = charts.principle_position_chart(v["coverage"], ids, findings.position_title(v["coverage"])).to_dict()
    specs["voices"] = charts.voices_chart(v["voices"], findings.voices_title(v["voices"])).to_dict()
    specs["register"] = charts.register_chart(v["lexicon"], outlet_names, findings.register_title(v["lexicon"])).to_dict()
    specs["tone"] = charts.tone_vs_vader_chart(v["tone"], outlet_names, findings.tone_vader_title(v["tone"])).to_dict()
    specs["readability"] = charts.readability_chart(v["readability"], ids, findings.readability_title(v["readability"])).to_dict()
    return specs
