"""Home: the event at a glance, the four principles, the timeline, and how to use the dashboard."""

import streamlit as st



from storyframes.app import render
from storyframes.app.shell import setup_page
from storyframes.app.render import literal
from storyframes.views import home, search

ctx = setup_page("home")
view = ctx.view(home.build)

st.title("Same Story, Different Frames")
st.markdown(
    "#### How the press told the launch of *Law Enforcement Leaders to Reduce Crime and Incarceration*, in October 2015. "
    "Police chiefs, sheriffs and prosecutors joined up to ask that fewer people be sent to prison."
)
render.found(ctx.search(search.build))

for box, card in zip(render.card_row("narrow_glance", len(view.glance)), view.glance):
    with box:
        st.markdown(f"**{literal(card.label)}**")
        st.markdown(f"##### {literal(card.headline)}")
        st.caption(literal(card.detail))
render.scope(view.scopes["glance"])

st.subheader("How many? The press counted differently")
st.markdown(view.counts_sentence)
render.table_alternative(view.counts_table, "Show each outlet's count and its source")

st.header("The four principles")
if not view.principles:
    render.empty_state("no principle with Statement wording is selected")
else:
    render.scope(view.scopes["principles"])
    for box, card in zip(render.card_row("narrow_principles", len(view.principles)), view.principles):
        with box:
            st.markdown(f"**{literal(card.label)}**")
            st.caption(literal(card.heading))
            st.markdown(literal(view.reach.get(card.principle_id, "")))
    if view.left_out:
        st.markdown(literal(view.left_out))
    ctx.link("principles", label="Read each principle and the sentences that report it", icon=":material/arrow_forward:")

st.header("Timeline")
render.chart(view.timeline, view.selection.index, table_label="Show the timeline as a table")
render.scope(view.scopes["timeline"])

st.header("How to use this dashboard")
st.markdown(
    "1. **Filter** in the sidebar: pick principles and outlets. Every page follows the same filter.\n"
    "2. **Share** the view: the filter is kept in the page's address, so a copied link opens just what you see.\n"
    "3. **Click** a bar, cell or point of a chart to read the sentences behind it, and where they stand.\n"
    "4. **Check** anything on *Sources & method*: the codebook, each source and how sure we are, and the downloads."
)

st.header("The full texts")
if view.sources.empty:
    render.empty_state("none of the selected outlets has a full text")
else:
    render.table(view.sources, links={"url": "open"}, labels={"outlet": "Outlet", "headline": "Headline", "date": "Published", "url": "Address"})
st.caption("Each fact above carries its source and confidence in the data; see Sources & method for all of them.")
address = ctx.address_of()
render.discussion(home.discussion(view), handout=lambda: home.handout_html(view, address),
                  handout_name="home-handout.html")
render.footer()
