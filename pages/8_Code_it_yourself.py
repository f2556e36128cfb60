"""Code it yourself, then compare: a reader codes a set of sentences (principles, tone, frame) and
measures their codes against the curated ones, with per cent agreement and Cohen's kappa."""

import streamlit as st

from storyframes.app import classroom, render
from storyframes.app.render import literal, literal_options
from storyframes.app.shell import setup_page
from storyframes.views import code_it

ctx = setup_page("code")
TITLE = ctx.page.title
view = ctx.view(code_it.build)
vocab = ctx.vocab
SUBMIT = "Score my codes"
choice = classroom.coding_set(ctx, view.candidates)
ids = choice.ids
compared = classroom.compared(ids)

st.title(TITLE)
st.markdown(
    "Code these sentences as this site's coders did. For each, choose the principles it refers to, its tone "
    "toward the police, and its frame. Then compare your codes with the curated ones (the same measures as the second coder's on Sources & method)."
)
render.scope(view.scope)
if not ids:
    render.empty_state("the data package has no prose sentence of a full text to code")
    render.footer()
    st.stop()

by_id = view.candidates.set_index("passage_id")
outlets = list(dict.fromkeys(by_id.loc[list(ids), "outlet_id"]))
names = [vocab.short(o) for o in outlets]
named = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
which = f"Set {choice.seed}" if choice.seed is not None else "A listed set"
st.markdown(f"**{which}**: {len(ids)} sentences from {literal(named)}. Share this page's address and a class codes the same "
            "sentences in the same order.")
left, right = st.columns(2)
left.button("New set", icon=":material/shuffle:", on_click=classroom.choose_new_set, args=(view.candidates,), key="codeit_new_set", width="stretch",
            help="A new set number and other sentences; your codes for sentences in both sets are kept.")
right.button("Clear my codes", icon=":material/restart_alt:", on_click=classroom.clear_codes, args=(ids,), key="codeit_clear", width="stretch")

with st.expander("The codebook for these three fields"):
    for field in code_it.FIELDS:
        st.markdown(f"**{code_it.FIELD_LABELS[field]}**", help=render.explain("edge rule"))
        render.table(view.options[field][["label", "definition", "example_text", "edge_rule"]],
                     labels={"label": "Code", "definition": "Definition", "example_text": "Example", "edge_rule": "Edge rule"})

st.info(f"Nothing is sent until you press **{SUBMIT}** at the end. A blank is not scored; for a sentence on no principle, "
        f"choose “{literal(view.principle_labels[code_it.NO_PRINCIPLE])}”. Your codes stay when you change page, not when you reload.", icon=":material/touch_app:")

principle_options = [*vocab.principle_ids, code_it.NO_PRINCIPLE]
tone_codes = vocab.codes("tone_police")
frame_labels = {c: vocab.code("frame", c) for c in vocab.codes("frame")}
answers: dict[str, code_it.Answer] = {}
# One form: a tap changes nothing on the server (no rerun per tap); "Score my codes" sends the round at once.
with st.form("codeit_form", border=False, enter_to_submit=False):
    for n, pid in enumerate(ids, 1):
        sentence = by_id.loc[pid]
        with st.container(border=True, key=f"codeit_sentence_{pid}"):
            # one block for the heading and the quote: eight cards stay within a projector's six screens
            st.markdown(f"**Sentence {n} of {len(ids)}** · :gray[{literal(view.where[pid])}]\n\n> {literal(sentence['text'])}")
            chosen = st.pills("1 · Which principles does it refer to?", principle_options, selection_mode="multi",
                              format_func=literal_options(view.principle_labels.__getitem__),
                              key=classroom.code_key(pid, code_it.PRINCIPLE), persist_state="session")
            if note := code_it.none_beside_principle_note(chosen, view.principle_labels):
                st.caption(f":material/info: {literal(note)}")
            tone_box, frame_box = st.columns(2)  # side by side: eight sentences stay within a projector's six screens
            # wrap: in a column, pills otherwise stay on one row and scroll sideways on a phone, hiding the last tone
            tone = tone_box.pills("2 · Tone toward police", tone_codes, format_func=literal_options(lambda c: vocab.code("tone_police", c)),
                                  key=classroom.code_key(pid, "tone_police"), persist_state="session", wrap=True)
            frame = frame_box.selectbox("3 · Frame", list(frame_labels), index=None, placeholder="Choose a frame…",
                                        format_func=frame_labels.__getitem__, key=classroom.code_key(pid, "frame"), persist_state="session")
        answers[pid] = code_it.Answer(principles=code_it.principle_answer(chosen), tone_police=tone, frame=frame)
    st.form_submit_button(SUBMIT, type="primary", icon=":material/fact_check:", on_click=classroom.compare_now, args=(ids,),
                          key="codeit_submit", width="stretch")

if not compared:
    render.footer()
    st.stop()

st.header("How your codes compare")
result = code_it.compare(answers, ids, view.codes, view.principles_coded, ctx.data.codebook, vocab)
if code_it.nothing_coded(result.coded):
    st.info(code_it.NOTHING_CODED, icon=":material/edit_note:")
    render.footer()
    st.stop()
st.markdown(f"{code_it.coded_line(result.coded, len(ids))} Each figure counts only the sentences you coded: a blank is left out, "
            "never taken as an answer.")
render.table(code_it.figures(result), labels=code_it.FIGURE_LABELS,
             widths={"label": 150, "percent_text": 95, "kappa_text": 110, "alike": 215})
st.caption(code_it.KAPPA_MEANING)
line = code_it.second_coder_line(result, view.coder_pairs)
if line:
    st.markdown(literal(line))

st.subheader("Sentence by sentence")
render.table(code_it.sentence_overview(result, view.where), labels=code_it.SENTENCE_LABELS)

st.subheader("Where you differ, and why")
if result.disagreements.empty:
    st.success("You gave every code the curated coder gave.", icon=":material/check_circle:")
for r in result.disagreements.itertuples():
    with st.container(border=True):
        st.markdown(f"**Sentence {r.number}** · :gray[{literal(view.where[r.passage_id])}] · {literal(r.what)}")
        st.markdown(f"> {literal(by_id.at[r.passage_id, 'text'])}")
        st.markdown(f"**You:** {literal(r.yours_label)}  \n**Curated:** {literal(r.curated_label)}")
        if r.why:
            st.markdown(f"Why the curated code: {literal(r.why)}")
        if r.rule:
            st.caption(f"Edge rule: {literal(r.rule)}", help=render.explain("edge rule"))

with st.expander("For discussion", icon=":material/forum:"):
    for prompt in code_it.discussion(result, view.where, view.rules):
        st.markdown(f"- {literal(prompt)}")
render.footer()
