"""Compare outlets: the selected outlets side by side, then the wider coverage by headline."""

import pandas as pd
import streamlit as st

from storyframes import charts, derived, evidence, findings
from storyframes.page import empty_state, footer, setup_page, table_alternative
from storyframes.selection import chosen_coverage, describe

ctx = setup_page("Compare outlets", ":material/compare:")
data, filters = ctx.data, ctx.filters
names = ctx.outlet_names

st.title("One event, told three ways")
st.caption(describe(filters, ctx.default, names))

# The same per-filter tables (and frame chart) the framing page derives, computed once per choice.
views = derived.framing_views(tuple(filters.outlets), tuple(filters.principles))
articles, passages = views["articles"], views["passages"]

if articles.empty:
    empty_state("none of the selected outlets has a full text (choose Dabs Magazine, Gawker or CBS News)")
else:
    cards = findings.outlet_cards(articles, derived.readability(), derived.voices())
    cards = findings.add_principles_to_cards(cards, derived.principle_coverage())
    for col, card in zip(st.columns(len(cards)), cards):
        with col.container(border=True):
            st.markdown(f"#### {evidence.safe(card['outlet'])}")
            st.markdown(f"**“{evidence.safe(card['headline'])}”**")
            st.caption(card["byline"])
            st.markdown(f"**{card['words']}** words · **{card['sentences']}** sentences · **{card['quotes_per_100']}** quotes per 100 words")
            st.markdown(f"**Quoted:** {evidence.safe(card['quoted'])}")
            st.markdown(f"**Principles:** {card['principles']}")

    st.header("Words for the police, the offenders and the reform")
    words = findings.lexicon_side_by_side(data.lexicon, articles)
    st.table(words, hide_index=True)
    st.caption("Register: formal, neutral, slang, pejorative or figurative (definitions in Sources & method).")

    st.header("How each outlet framed it")
    if passages.empty:
        empty_state("no sentence of the selected outlets matches the principle filter")
    else:
        profile = views["profile"]
        st.vega_lite_chart(
            derived.framing_specs(tuple(filters.outlets), tuple(filters.principles))["frames"],
            key="compare_frames",
            on_select="rerun",
            alt=findings.frame_alt_text(profile),
        )
        table_alternative(profile[["outlet", "frame_label", "n", "share"]])
        bars = evidence.picked(st.session_state.get("compare_frames"), "frame_bar")
        if bars:
            ids = findings.passages_for_frame(passages, data.articles, data.passage_codes, bars[0].get("outlet_id"), bars[0].get("frame"))
            st.markdown(f"**The sentences behind the bar** ({len(ids)}):")
            for row in evidence.sentences_by_id(data.passages, data.articles, ids).itertuples():
                st.markdown(f"- {evidence.safe(row.text)}  \n  *{row.outlet}, {row.where}*")

        st.header("Tone and stance along the article")
        tone = views["tone"]
        st.altair_chart(
            charts.tone_chart(tone, articles["outlet"].tolist(), findings.tone_title(tone)),
            key="compare_tone",
            on_select="rerun",
            alt=findings.tone_alt_text(tone),
        )
        table_alternative(tone[["outlet", "sentence", "tone_police", "stance_reform", "text"]])
        points = evidence.picked(st.session_state.get("compare_tone"), "tone_point")
        if points:
            for row in evidence.sentences_by_id(data.passages, data.articles, [p.get("passage_id") for p in points]).itertuples():
                st.markdown(f"> {evidence.safe(row.text)}\n\n*{row.outlet}, {row.where}*")

st.header("The wider coverage, by headline")
coverage = chosen_coverage(data.coverage, filters)
if coverage.empty:
    empty_state("no outlet is selected")
else:
    headlines = findings.headline_table(coverage, data.headline_codes, derived.code_labels("frame"))
    st.altair_chart(
        charts.headline_dates_chart(coverage, findings.headline_dates_title(coverage, pd.Timestamp(findings.fact_value(data.facts, "launch_date"))), names),
        alt=findings.headline_dates_alt_text(coverage),
    )
    st.caption(findings.undated_note(coverage))
    st.dataframe(headlines, hide_index=True, width="stretch", row_height=56,
                 column_config={"Outlet": st.column_config.TextColumn(width=140), "Published": st.column_config.TextColumn(width=85),
                                "Headline": st.column_config.TextColumn(width=250), "Key words": st.column_config.TextColumn(width=150),
                                "Frame · stance": st.column_config.TextColumn(width=115),
                                "Address": st.column_config.LinkColumn("Address", width=45, display_text="open")})
footer(data)
