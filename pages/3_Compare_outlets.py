"""Compare outlets: the chosen full texts side by side, then the wider coverage by headline."""

import streamlit as st



from storyframes.app import render
from storyframes.app.shell import setup_page
from storyframes.app.render import literal
from storyframes.views import compare

ctx = setup_page("compare")
view = ctx.view(compare.build)
sel = view.selection

st.title(view.title)
st.caption(literal(view.describe))

CARDS_SHOWN = 12  # a card per full text; a larger corpus gets the first ones and a table of all

if view.cards:
    shown = view.cards[:CARDS_SHOWN]
    for box, card in zip(render.card_row("outlets", len(shown)), shown):
        with box:
            st.markdown(f"#### {literal(card.outlet)}")
            st.markdown(f"**“{literal(card.headline)}”**")
            st.caption(literal(card.byline))
            st.markdown(f"**{card.words}** words · **{card.sentences}** sentences · **{card.quotes_per_100}** quotes per 100 words")
            if card.selected != card.sentences:  # said only when the principle filter narrows the article
                st.markdown(f"**{card.selected}** of the {card.sentences} sentences match the principle filter")
            st.markdown(f"**Quoted:** {literal(card.quoted)}")
            st.markdown(f"**Principles:** {literal(card.principles)}")
    if len(view.cards) > CARDS_SHOWN:
        st.caption(f"The first {CARDS_SHOWN} of {len(view.cards):,} full texts as cards; all of them are in the table below.")
        with st.expander(f"All {len(view.cards):,} full texts as a table"):
            render.table(view.cards_frame, labels=compare.CARD_COLUMNS)
if view.empty_reason:
    render.empty_state(view.empty_reason)
else:
    st.header("Words for the police, offenders and reform", help=render.explain("lexicon", "register"))
    render.table(view.lexicon.side_by_side)

    st.header("How each outlet framed it")
    disputes = ctx.disputes_toggle()
    if view.frames.not_coded:
        st.info(literal(view.frames.not_coded), icon=":material/smart_toy:")
    render.chart(view.frames.disputes.get() if disputes else view.frames.chart, sel.index)

    st.header("Tone and stance along the article")
    if view.tone.not_coded:
        st.info(literal(view.tone.not_coded), icon=":material/smart_toy:")
    render.chart(view.tone.disputes.get() if disputes else view.tone.chart, sel.index)

st.header("The wider coverage, by headline")
render.scope(view.headline_scope)
if view.headlines.empty:
    render.empty_state("no outlet is selected")
else:
    if view.headline_dates is not None:
        render.chart(view.headline_dates, sel.index, downloads=False)  # its image is offered with the headlines below
    st.caption(literal(view.undated_note))
    with st.expander(f"Read all {len(view.headlines)} headlines, with their key words, frame and address"):
        render.table(view.headlines, links={"Address": "open"})
        if view.headline_dates is not None:
            render.chart_downloads(view.headline_dates)
address = ctx.address_of()
render.discussion(compare.discussion(view), handout=lambda: compare.handout_html(view, address),
                  handout_name="compare-outlets-handout.html")
render.footer()
