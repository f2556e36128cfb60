"""Principles: the Statement's four priorities, who reported which, and the sentences behind it."""

import streamlit as st

from storyframes import charts, derived, evidence, findings
from storyframes.page import empty_state, footer, setup_page, table_alternative
from storyframes.selection import chosen_articles, chosen_principles

ctx = setup_page("Principles", ":material/gavel:")
data, filters = ctx.data, ctx.filters

st.title("The four principles, and who reported them")
st.markdown(
    "On launch day the group published a *Statement of Principles* with four priorities. "
    "Below: each priority in the Statement's own words, then which outlets reported it — "
    "quoting the Statement, paraphrasing it, or leaving it out."
)

principles = chosen_principles(data.principles, filters)
articles = chosen_articles(data.articles, filters)
if principles.empty:
    empty_state("no principle is selected (the 'No principle' option alone has no Statement wording)")
    footer(data)
    st.stop()

cols = st.columns(len(principles))
for col, row in zip(cols, principles.itertuples()):
    with col.container(border=True):
        st.markdown(f"**{row.principle_id} · {row.short_label}**")
        st.caption(row.heading)
        st.markdown(f"> “{evidence.safe(row.launch_wording)}”")
        st.caption(f"[Source]({row.wording_source_url}) — {evidence.safe(row.wording_source_note)}")

st.header("Which outlet reported which principle")
if articles.empty:
    empty_state("none of the selected outlets has a full text to read (choose Dabs Magazine, Gawker or CBS News)")
    footer(data)
    st.stop()



def follow_click() -> None:
    """A click on a matrix cell opens that principle's sentences below."""
    rows = evidence.picked(st.session_state.get("principle_matrix"), "cell")
    if rows and rows[0].get("principle_id"):
        st.session_state["principle_to_read"] = rows[0]["principle_id"]


coverage = findings.filter_coverage(derived.principle_coverage(), articles, principles)
st.altair_chart(
    charts.principle_matrix_chart(coverage, findings.short_names(articles, data.outlets), findings.matrix_title(coverage)),
    key="principle_matrix",
    on_select=follow_click,
    alt=findings.matrix_alt_text(coverage),
)
table_alternative(findings.matrix_table(coverage))

st.header("Read the sentences side by side")
labels = dict(zip(principles["principle_id"], principles["principle_id"] + " · " + principles["short_label"]))
if st.session_state.get("principle_to_read") not in labels:
    st.session_state["principle_to_read"] = next(iter(labels))
pid = st.radio("Principle", list(labels), format_func=labels.get, horizontal=True, key="principle_to_read")
st.caption(findings.side_by_side_caption(coverage, pid))
side_cols = st.columns(len(articles))
for col, art in zip(side_cols, articles.itertuples()):
    with col:
        st.subheader(art.outlet)
        sentences = evidence.principle_sentences(data.passages, data.passage_principles, art.article_id, pid)
        if sentences.empty:
            st.info(f"{art.outlet} does not mention this principle.", icon=":material/visibility_off:")
        for s in sentences.itertuples():
            with st.container(border=True):
                st.markdown(evidence.safe(s.text))
                st.caption(f"{s.where} · {s.reference}")
footer(data)
