"""Guided tour: eight steps through the story for a lesson, each with a live piece of the data."""

from dataclasses import replace

import streamlit as st

from storyframes.app import render

from storyframes.app import classroom
from storyframes.app.shell import setup_page
from storyframes.app.render import literal
from storyframes.views import compare, framing, home, members, principles, tour

ctx = setup_page("tour")
index = classroom.tour_step(ctx)
step = tour.STEPS[index]

st.title("Guided tour")
st.caption(f"{tour.progress(index)} · {literal(step.title)}")
st.progress((index + 1) / len(tour.STEPS))
back, forward = st.columns(2)
back.button("Back", icon=":material/arrow_back:", on_click=classroom.go_to_step, args=(index - 1,), disabled=index == 0, width="stretch", key="tour_back")
forward.button("Next", icon=":material/arrow_forward:", on_click=classroom.go_to_step, args=(index + 1,), disabled=index == len(tour.STEPS) - 1,
               width="stretch", type="primary", key="tour_next")

st.header(f"{index + 1}. {step.title}")
st.markdown(step.look)

if step.key == "event":
    view = ctx.view(home.build)
    for box, card in zip(render.card_row("narrow_tour_glance", len(view.glance)), view.glance):
        with box:
            st.markdown(f"**{literal(card.label)}**")
            st.markdown(f"##### {literal(card.headline)}")
            st.caption(literal(card.detail))
    render.chart(view.timeline, view.selection.index, table_label="Show the timeline as a table")
elif step.key == "principles":
    view = ctx.view(principles.build)
    if not view.cards:
        render.empty_state("no principle is selected (the 'No principle' option alone has no Statement wording)")
    for box, card in zip(render.card_row("narrow_tour_principles", len(view.cards)), view.cards):
        with box:
            st.markdown(f"**{literal(card.label)}**")
            st.markdown(f"> “{literal(card.wording)}”")
            st.caption(literal(card.source_note))
elif step.key == "members":
    view = ctx.view(members.build)
    st.markdown(view.summary)
    # The map's click opens members, not sentences (its page does that): here it is for looking only.
    render.chart(replace(view.map, key="tour_map", selection=""), view.selection.index, table_label="Show the places as a table")
elif step.key == "told":
    view = ctx.view(home.build)
    st.markdown(view.counts_sentence)
    render.table(view.counts_table)
elif step.key == "words":
    view = ctx.view(compare.build)
    if view.empty_reason:
        render.empty_state(view.empty_reason)
    else:
        render.table(view.lexicon.side_by_side)
elif step.key == "omitted":
    view = ctx.view(principles.build)
    if view.matrix is None:
        render.empty_state(view.empty_reason or "no principle with Statement wording is selected")
    else:
        render.chart(view.matrix, view.selection.index, caption=view.left_out)
elif step.key == "voices":
    sel = ctx.view(framing.build_selection)
    reason = framing.empty_reason(sel)
    if reason:
        render.empty_state(reason)
    else:
        render.lines(ctx.view(framing.who_is_quoted).lines, "Who each outlet quotes")
        render.chart(ctx.section(framing.build_section, "Voices", full_texts_only=True), sel.index)
elif step.key == "your-turn":
    for key in ("quiz", "code", "framing", "sources"):
        ctx.link(key)

with st.container(border=True):
    st.markdown(f"**Ask the class:** {step.ask}")
if step.key != "your-turn":
    ctx.link(step.page, label=f"More on this: {ctx.page_title(step.page)}", icon=":material/arrow_forward:")
render.footer()
