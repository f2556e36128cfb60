"""Framing analysis: how each outlet told the story, sentence by sentence, with the proof."""

import streamlit as st



from storyframes.app import render
from storyframes.app.shell import setup_page
from storyframes.app.render import literal
from storyframes.views import framing, search

ctx = setup_page("framing")
sel = ctx.view(framing.build_selection)

st.title("How each outlet framed the launch")
st.caption(literal(sel.describe()) + " This page reads the full texts, sentence by sentence.")
render.found(ctx.search(search.build))
reason = framing.empty_reason(sel)
if reason:
    render.empty_state(reason)
    st.markdown(literal(framing.left_out(sel)))  # who leaves the chosen principle out: said here too ("" when no principle is chosen)
    render.footer()
    st.stop()

section = ctx.section_choice(framing.SECTIONS)  # one section drawn: the one chosen
with st.container():
    part = ctx.section(framing.build_section, section, full_texts_only=section not in framing.READS_HEADLINES)
    render.scope(framing.scopes(sel).get(section, ""))
    if section == "In short":
        for claim in part:
            st.markdown(claim.text)
            if claim.passage_ids:
                with st.expander(f"Show the {len(claim.passage_ids)} sentence{'s' if len(claim.passage_ids) != 1 else ''} behind this"):
                    render.sentences(framing.sentences_for(sel.index, claim.passage_ids), border=False)
        st.caption("Each claim counts the coded sentences of this selection. The other sections break it down. "
                   "Quoting the group's Statement means quoting the Statement of Principles or the group's own statement. "
                   "A member quoted from a press statement speaks for themself: that counts under Voices.")
    elif section == "Words":
        st.subheader("Distinctive words")
        if not part.charts:
            st.info("Choose at least two full-text outlets to compare their words.", icon=":material/compare_arrows:")
        else:
            st.markdown(f"**{literal(part.title)}**")
            for col, chart in zip(render.card_row("words", len(part.charts), border=False), part.charts.values()):
                with col:
                    render.chart(chart, sel.index)
            st.caption("Each outlet is set against all the others together. Method: weighted log-odds (Monroe, Colaresi "
                       "& Quinn 2008, “Fightin’ Words”). Pale bars (“few”) are words used fewer than 3 times: too few to mean much.",
                       help=render.explain("log-odds"))
        st.subheader("Word choice", help=render.explain("lexicon", "register"))
        render.chart(part.lexicon.chart, sel.index)
        render.table(part.lexicon.side_by_side)
    elif section == "Frames":
        if part.not_coded:
            st.info(literal(part.not_coded), icon=":material/smart_toy:")
        render.chart(part.disputes.get() if ctx.disputes_toggle() else part.chart, sel.index)
        if part.differences:
            a_col, b_col = st.columns(2)
            ids = list(dict.fromkeys(a for a, _b in part.differences))
            ctx.address_choice("compare", ids, "frame_a", default=ids[0], what="outlet to compare")
            out_a = a_col.selectbox("Compare", ids, format_func=ctx.vocab.outlet, key="frame_a")
            others = [o for o in ids if o != out_a]
            ctx.address_choice("with", others, "frame_b", default=others[0], what="outlet to compare with")
            out_b = b_col.selectbox("with", others, format_func=ctx.vocab.outlet, key="frame_b")
            ctx.wrote("compare", out_a, default=ids[0])
            ctx.wrote("with", out_b, default=others[0])
            render.chart(part.differences[(out_a, out_b)], sel.index)
    elif section == "Principles":
        if part.chart is None:
            st.info("No principle with Statement wording is selected.", icon=":material/filter_alt_off:")
        else:
            render.chart(part.chart, sel.index, caption=part.left_out)
    elif section == "Voices":
        render.lines(ctx.view(framing.who_is_quoted).lines, "Who each outlet quotes")
        render.chart(part, sel.index)
    elif section == "Tone":  # the hand codes first; the automatic score second, labelled as such
        st.markdown("**Hand-coded tone:** " + "  \n".join(literal(t) for t in part.hand_coded))
        st.markdown(f"**Second, the automatic score:** {literal(part.title)}")
        for chart in part.charts.values():
            render.chart(chart, sel.index)
        if part.not_coded:
            st.info(literal(part.not_coded), icon=":material/smart_toy:")
            for chart in part.vader_only.values():
                render.chart(chart, sel.index)
        render.table_alternative(part.disagreements, "Where hand codes and VADER disagree")
        st.caption("VADER (Hutto & Gilbert 2014) scores feeling by machine, from a list of words. It adds up the feelings of "
                   "single words, so sarcasm fools it: “these are still cops we’re talking about” has no bad word. "
                   "The hand codes read what the writer meant.", help=render.explain("VADER"))
    elif section == "Headlines & readability":
        st.subheader("Headline versus body")
        st.markdown(literal(part.sentence))
        render.table(part.headlines)
        st.subheader("How hard the sentences are to read", help=render.explain("Flesch-Kincaid grade"))
        if part.readability is not None:
            render.chart(part.readability, sel.index, table_label="Show the readability figures")
        st.caption("The Flesch–Kincaid grade comes from words per sentence and syllables per word. It is about the school "
                   "grade a reader needs. (Syllables come from textstat’s word list.) Quotes per 100 words counts quoted sentences.")
    elif section == "Parallel reading":
        t1, t2, t3 = st.columns(3)
        show_principles = ctx.address_toggle(t1, "Principle tags", "tags", "reading_tags", what="principle tags")
        show_quotes = ctx.address_toggle(t2, ":blue-background[Quotes]", "quotes", "reading_quotes", what="quotes")
        show_terms = ctx.address_toggle(t3, ":orange-background[Lexicon terms]", "terms", "reading_terms", what="lexicon terms",
                                        help=render.explain("lexicon"))
        st.caption("A sentence about more than one principle is shown under each of them. Menus, credits and other page "
                   "furniture are left out.")
        labels = {g.group: g.choice_label for g in part}
        ctx.address_choice("group", list(labels), "reading_group", default=next(iter(labels)), what="group of sentences")
        shown = st.radio("Read the sentences about", list(labels), format_func=render.literal_options(labels.get), horizontal=True, key="reading_group")
        ctx.wrote("group", shown, default=next(iter(labels)))
        for group in [g for g in part if g.group == shown]:
            st.subheader(literal(group.label))
            for col, (outlet_id, outlet) in zip(render.card_row(f"reading_{group.group}", len(sel.outlet_ids), border=False),
                                                zip(sel.outlet_ids, sel.outlet_names)):
                with col:
                    rows = group.by_outlet[outlet_id]
                    st.markdown(f"**{literal(outlet)}** · {len(rows)} sentence{'s' if len(rows) != 1 else ''}")
                    if not rows:
                        st.caption("— nothing —")
                    for r in rows:
                        tag = f":green-badge[{literal(' '.join(r.principles))}] " if show_principles and r.principles else ""
                        also = f" · also under {literal(', '.join(r.also))}" if r.also else ""
                        body = framing.reading_markup(r.text, list(r.quotes), list(r.terms), show_quotes=show_quotes, show_terms=show_terms)
                        st.markdown(f"{tag}{body}  \n:gray[{literal(r.where)}{also}]")
ctx.wrote_section(framing.SECTIONS, section)  # the address names the section this run drew, and no other
# The handout is of the open section (why: storyframes/views/framing.py), from the section this run drew.
address = ctx.address_of()
render.discussion(framing.discussion(ctx.section(framing.build_section, "In short", full_texts_only=True)),
                  handout=lambda: framing.section_handout_html(sel, section, part, address),
                  handout_name=f"framing-{framing.SECTION_FILE_NAMES[section]}-handout.html")
render.footer()
