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
choice = classroom.coding_set(ctx, view.candidates)
ids = choice.ids
compared = classroom.compared(ids)

st.title(TITLE)
st.markdown(
    "Code these sentences the way this site's coders did: which of the four principles each one refers to, its tone toward "
    "the police, and its frame. Then compare your codes with the curated ones: the same per cent agreement and Cohen's kappa "
    "that measure the second coder on Sources & method."
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
        st.markdown(f"**{code_it.FIELD_LABELS[field]}**")
        render.table(view.options[field][["label", "definition", "example_text", "edge_rule"]],
                     labels={"label": "Code", "definition": "Definition", "example_text": "Example", "edge_rule": "Edge rule"})


def explain(field: str, codes) -> None:
    """The chosen codes' definitions and examples, from the codebook, shown literally."""
    book = view.options[field].set_index("code")
    if not codes:
        return  # nothing chosen yet: the codebook above says what every code means
    lines = []
    for code in codes:
        if code not in book.index:
            continue
        row = book.loc[code]
        line = f"**{literal(row['label'])}**: {literal(row['definition'])}"
        if row["example_text"]:
            line += f"  \nExample ({literal(row['example_passage_id'])}): “{literal(row['example_text'])}”"
        lines.append(line)
    st.caption("  \n".join(lines))


principle_options = [*vocab.principle_ids, code_it.NO_PRINCIPLE]
answers: dict[str, code_it.Answer] = {}
for n, pid in enumerate(ids, 1):
    sentence = by_id.loc[pid]
    with st.container(border=True, key=f"codeit_sentence_{pid}"):
        st.markdown(f"**Sentence {n} of {len(ids)}** · :gray[{literal(view.where[pid])}]")
        st.markdown(f"> {literal(sentence['text'])}")
        chosen = st.pills("1 · Which principles does it refer to?", principle_options, selection_mode="multi",
                          format_func=literal_options(vocab.filter_label), key=classroom.code_key(pid, code_it.PRINCIPLE), persist_state="session",
                          disabled=compared)
        explain(code_it.PRINCIPLE, chosen or [])
        if chosen and code_it.NO_PRINCIPLE in chosen and len(chosen) > 1:
            st.caption(":material/info: “No principle” is set aside: you chose a principle too.")
        tone_box, frame_box = st.columns(2)  # side by side: eight sentences stay within a projector's six screens
        tone_codes = vocab.codes("tone_police")
        with tone_box:
            tone = st.pills("2 · Tone toward police", tone_codes, format_func=literal_options(lambda c: vocab.code("tone_police", c)),
                            key=classroom.code_key(pid, "tone_police"), persist_state="session", disabled=compared)
            explain("tone_police", [tone] if tone else [])
        frame_labels = {c: vocab.code("frame", c) for c in vocab.codes("frame")}
        with frame_box:
            frame = st.selectbox("3 · Frame", list(frame_labels), index=None, placeholder="Choose a frame…", format_func=frame_labels.__getitem__,
                                 key=classroom.code_key(pid, "frame"), persist_state="session", disabled=compared)
            explain("frame", [frame] if frame else [])
    answers[pid] = code_it.Answer(principles=code_it.principle_answer(chosen), tone_police=tone, frame=frame)

coded = sum(1 for a in answers.values() if all(a.get(f) is not None for f in code_it.FIELDS))
if not compared:
    st.caption(f"You have coded all three fields of {coded} of {len(ids)} sentences. Your codes stay in this browser tab only.")
    st.button("Compare with the curated codes", type="primary", icon=":material/fact_check:", on_click=classroom.compare_now, args=(ids,),
              key="codeit_compare", disabled=not any(a.get(f) is not None for a in answers.values() for f in code_it.FIELDS))
    render.footer()
    st.stop()

result = code_it.compare(answers, ids, view.codes, view.principles_coded, ctx.data.codebook, vocab)
st.header("How your codes compare")
st.button("Change my codes", icon=":material/edit:", on_click=classroom.change_codes, key="codeit_change",
          help="Your codes are locked while the comparison is shown, so it always compares what you decided.")
render.table(code_it.figures(result), labels=code_it.FIGURE_LABELS,
             widths={"label": 150, "percent_text": 95, "kappa_text": 110, "alike": 215})
missing = code_it.not_compared(result, len(ids))
if missing:
    st.caption("Only the sentences you coded are compared: " + ", ".join(missing) + ".")
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
            st.caption(f"Edge rule: {literal(r.rule)}")

with st.expander("For discussion", icon=":material/forum:"):
    for prompt in code_it.discussion(result, view.where, view.rules):
        st.markdown(f"- {literal(prompt)}")
render.footer()
