"""Principles: the Statement's four priorities, who reported which, and the sentences behind it."""

import streamlit as st



from storyframes.app import render
from storyframes.app.shell import setup_page
from storyframes.app.render import literal
from storyframes.views import principles

ctx = setup_page("principles")
view = ctx.view(principles.build)
sel = view.selection

st.title("The four principles, and who reported them")
st.markdown(
    "On launch day the group published a *Statement of Principles* with four priorities. "
    "Below is each priority in the Statement's own words. Then comes which outlets reported it: "
    "by quoting the Statement, by putting it in other words, or not at all."
)
if not view.cards:
    render.empty_state("no principle is selected (the 'No principle' option alone has no Statement wording)")
    render.footer()
    st.stop()

for box, card in zip(render.card_row("narrow_principles", len(view.cards)), view.cards):
    with box:
        st.markdown(f"**{literal(card.label)}**")
        st.caption(literal(card.heading))
        st.markdown(f"> “{literal(card.wording)}”")
        st.caption(literal(card.source_note))
        if card.source_url:
            st.link_button("Source", card.source_url, icon=":material/open_in_new:")

st.header("Who reported each principle")
if view.matrix is None:
    render.empty_state(view.empty_reason)
    render.footer()
    st.stop()
render.chart(view.matrix, sel.index, caption=view.left_out)
render.scope(view.scope_note)

st.header("Read the sentences side by side")
labels = {c.principle_id: c.label for c in view.cards}
ctx.address_choice("read", list(labels), "principle_to_read", default=next(iter(labels)), what="principle to read")
pid = st.radio("Principle", list(labels), format_func=render.literal_options(labels.get), horizontal=True, key="principle_to_read")
ctx.wrote("read", pid, default=next(iter(labels)))
st.caption(literal(view.captions[pid]))
for col, (outlet_id, outlet) in zip(render.card_row("side", len(sel.outlet_ids), border=False), zip(sel.outlet_ids, sel.outlet_names)):
    with col:
        st.subheader(literal(outlet))
        ids = view.side_by_side[pid].get(outlet_id, ())
        if not ids:
            st.info(f"{literal(outlet)} does not mention this principle.", icon=":material/visibility_off:")
        render.sentences(principles.sentences_for(sel.index, ids))
address = ctx.address_of()
render.discussion(principles.discussion(view), handout=lambda: principles.handout_html(view, address),
                  handout_name="principles-handout.html")
render.footer()
