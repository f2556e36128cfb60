"""Home: the event at a glance, the four principles, the timeline, and how to use the dashboard."""

import streamlit as st

from storyframes import charts, derived, evidence, findings
from storyframes.page import footer, setup_page, table_alternative
from storyframes.selection import chosen_principles

ctx = setup_page("Home", ":material/newspaper:")
data, filters = ctx.data, ctx.filters

st.title("Same Story, Different Frames")
st.markdown(
    "#### How the press told the launch of *Law Enforcement Leaders to Reduce Crime and Incarceration* — "
    "police chiefs, sheriffs and prosecutors calling for less incarceration, October 2015."
)

glance = findings.at_a_glance(data.facts, data.members)
for col, card in zip(st.columns(4), glance):
    with col.container(border=True):
        st.markdown(f"**{card['label']}**")
        st.markdown(f"#### {evidence.safe(card['headline'])}")
        st.caption(card["detail"])

st.subheader("How many? The press counted differently")
counts = findings.member_counts(data.facts)
st.markdown(findings.member_counts_sentence(counts, findings.fact_value(data.facts, "member_count_announced"), findings.member_growth(data.facts)))
table_alternative(counts, "Show each outlet's count and its source")

st.header("The four principles")
principles = chosen_principles(data.principles, filters)
if principles.empty:
    st.info("No principle is selected in the sidebar, so no card is shown.", icon=":material/filter_alt_off:")
else:
    reach = findings.principle_reach(derived.principle_coverage())
    for col, row in zip(st.columns(len(principles)), principles.itertuples()):
        with col.container(border=True):
            st.markdown(f"**{row.principle_id} · {row.short_label}**")
            st.caption(row.heading)
            st.markdown(reach.get(row.principle_id, ""))
    st.page_link("pages/1_Principles.py", label="Read each principle and the sentences that report it", icon=":material/arrow_forward:")

st.header("Timeline")
timeline = data.timeline
st.altair_chart(charts.timeline_chart(timeline, findings.timeline_title(timeline, data.articles)), alt=findings.timeline_alt_text(timeline))
table_alternative(timeline[["start", "end", "label", "kind", "confidence", "source"]], "Show the timeline as a table")

st.header("How to use this dashboard")
st.markdown(
    "1. **Filter** in the sidebar: pick outlets and principles. Every page follows the same filter.\n"
    "2. **Share** the view: the filter is kept in the page's address, so a copied link opens exactly what you see.\n"
    "3. **Click** a chart's bar, cell or point to read the exact sentences behind it, with paragraph and position.\n"
    "4. **Check** anything on *Sources & method*: the codebook, every source and how sure we are, and downloads."
)
nav = st.columns(4)
nav[0].page_link("pages/1_Principles.py", label="Principles", icon=":material/gavel:")
nav[1].page_link("pages/2_Members_and_cities.py", label="Members & cities", icon=":material/map:")
nav[2].page_link("pages/3_Compare_outlets.py", label="Compare outlets", icon=":material/compare:")
nav[3].page_link("pages/5_Sources_and_method.py", label="Sources & method", icon=":material/menu_book:")

st.header("Sources")
for art in data.articles.itertuples():
    st.markdown(f"- [{evidence.safe(art.outlet)}: “{evidence.safe(art.headline)}”]({art.url}) — {evidence.safe(findings.display_date(art.published))}")
st.caption("Each fact above carries its source and confidence in the data; see Sources & method for all of them.")
footer(data)
