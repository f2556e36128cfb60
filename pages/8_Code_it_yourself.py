"""Code it yourself, then compare: a reader codes a set of sentences (principles, tone, frame) and
measures their codes against the curated ones, with per cent agreement and Cohen's kappa."""

import secrets

import streamlit as st

from storyframes.classroom import coding_exercise as ce
from storyframes.app import render
from storyframes.analysis import reliability
from storyframes.app.page import setup_page
from storyframes.app.render import literal, literal_options
from storyframes.views import code_it
from storyframes.views.sources import AGREEMENT_COLUMNS, agreement_table

TITLE = "Code it yourself"
CHOICE_KEY = "codeit_choice"  # the reader's set (a coding_exercise.SetChoice)
COMPARED_KEY = "codeit_compared"  # the set the reader compared (their codes are locked while it is shown)
FIELD_NAMES = {ce.PRINCIPLE: "principle", "tone_police": "tone", "frame": "frame"}

ctx = setup_page(TITLE, ":material/edit_note:")
view = ctx.view(code_it.build)
vocab = ctx.vocab


def widget_key(pid: str, field: str) -> str:
    return f"codeit_{pid}_{FIELD_NAMES[field]}"


def new_seed() -> int:
    return ce.SEED_MIN + secrets.randbelow(ce.SEED_MAX - ce.SEED_MIN + 1)


def choose_new_set() -> None:
    st.session_state[CHOICE_KEY] = ce.from_seed(view.candidates, new_seed())
    st.session_state.pop(COMPARED_KEY, None)


def compare_now(ids: tuple[str, ...]) -> None:
    st.session_state[COMPARED_KEY] = ids


def change_codes() -> None:
    st.session_state.pop(COMPARED_KEY, None)


def clear_codes(ids: tuple[str, ...]) -> None:
    for pid in ids:
        for field in ce.FIELDS:
            st.session_state[widget_key(pid, field)] = [] if field == ce.PRINCIPLE else None
    st.session_state.pop(COMPARED_KEY, None)


# --- which set: the address on arrival (a link, a reload) and Back/Forward, else the session's -----
choice = st.session_state.get(CHOICE_KEY)
if choice is None or ctx.address_is_news:
    asked = {p: st.query_params.get_all(p) for p in (ce.SET_PARAM, ce.SENTENCES_PARAM)}
    if choice is not None and not any(asked.values()):
        pass  # back from another page (its address has no set): keep coding the same sentences
    else:
        fallback = choice.seed if choice is not None and choice.seed is not None else new_seed()
        choice = ce.resolve_address(asked[ce.SET_PARAM], asked[ce.SENTENCES_PARAM], view.candidates, fallback)
        st.session_state[CHOICE_KEY] = ce.SetChoice(choice.ids, choice.seed)  # notices are said once
ctx.write_params(choice.address)
ids = choice.ids
compared = st.session_state.get(COMPARED_KEY) == ids and bool(ids)

st.title(TITLE)
for notice in choice.notices:  # only on the run that read the address: the session keeps the set without them
    st.warning(notice, icon=":material/link_off:")
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
left.button("New set", icon=":material/shuffle:", on_click=choose_new_set, key="codeit_new_set", width="stretch",
            help="A new set number and other sentences; your codes for sentences in both sets are kept.")
right.button("Clear my codes", icon=":material/restart_alt:", on_click=clear_codes, args=(ids,), key="codeit_clear", width="stretch")

with st.expander("The codebook for these three fields"):
    for field in ce.FIELDS:
        st.markdown(f"**{reliability.LABELS[field] if field != ce.PRINCIPLE else 'Principles'}**")
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


principle_options = [*vocab.principle_ids, ce.NO_PRINCIPLE]
answers: dict[str, ce.Answer] = {}
for n, pid in enumerate(ids, 1):
    sentence = by_id.loc[pid]
    with st.container(border=True, key=f"codeit_sentence_{pid}"):
        st.markdown(f"**Sentence {n} of {len(ids)}** · :gray[{literal(view.where[pid])}]")
        st.markdown(f"> {literal(sentence['text'])}")
        chosen = st.pills("1 · Which principles does it refer to?", principle_options, selection_mode="multi",
                          format_func=literal_options(vocab.filter_label), key=widget_key(pid, ce.PRINCIPLE), persist_state="session",
                          disabled=compared)
        explain(ce.PRINCIPLE, chosen or [])
        if chosen and ce.NO_PRINCIPLE in chosen and len(chosen) > 1:
            st.caption(":material/info: “No principle” is set aside: you chose a principle too.")
        tone_box, frame_box = st.columns(2)  # side by side: eight sentences stay within a projector's six screens
        tone_codes = vocab.codes("tone_police")
        with tone_box:
            tone = st.pills("2 · Tone toward police", tone_codes, format_func=literal_options(lambda c: vocab.code("tone_police", c)),
                            key=widget_key(pid, "tone_police"), persist_state="session", disabled=compared)
            explain("tone_police", [tone] if tone else [])
        frame_labels = {c: vocab.code("frame", c) for c in vocab.codes("frame")}
        with frame_box:
            frame = st.selectbox("3 · Frame", list(frame_labels), index=None, placeholder="Choose a frame…", format_func=frame_labels.__getitem__,
                                 key=widget_key(pid, "frame"), persist_state="session", disabled=compared)
            explain("frame", [frame] if frame else [])
    answers[pid] = ce.Answer(principles=ce.principle_answer(chosen), tone_police=tone, frame=frame)

coded = sum(1 for a in answers.values() if all(a.get(f) is not None for f in ce.FIELDS))
if not compared:
    st.caption(f"You have coded all three fields of {coded} of {len(ids)} sentences. Your codes stay in this browser tab only.")
    st.button("Compare with the curated codes", type="primary", icon=":material/fact_check:", on_click=compare_now, args=(ids,),
              key="codeit_compare", disabled=not any(a.get(f) is not None for a in answers.values() for f in ce.FIELDS))
    render.footer()
    st.stop()

result = ce.compare(answers, ids, view.codes, view.principles_coded, ctx.data.codebook, vocab)
st.header("How your codes compare")
st.button("Change my codes", icon=":material/edit:", on_click=change_codes, key="codeit_change",
          help="Your codes are locked while the comparison is shown, so it always compares what you decided.")
table = agreement_table(result.pairs)
table = table[table["field"].isin(ce.FIELDS)].set_index("field").loc[list(ce.FIELDS)].reset_index()
# the figures first, so a phone shows them without scrolling the table sideways
table = table.assign(alike=[f"{a} of {n} {reliability.UNITS[f]}" for a, n, f in zip(table["agreed"], table["n"], table["field"])])
columns = ["label", "percent_text", "kappa_text", "meaning", "alike"]
render.table(table[columns], labels={**{c: AGREEMENT_COLUMNS[c] for c in columns[:-1]}, "alike": AGREEMENT_COLUMNS["agreed"]},
             widths={"label": 150, "percent_text": 95, "kappa_text": 110, "alike": 215})
missing = [f"{FIELD_NAMES[f]} ({n} of {len(ids)})" for f, n in result.coded.items() if n < len(ids)]
if missing:
    st.caption("Only the sentences you coded are compared: " + ", ".join(missing) + ".")
line = ce.second_coder_line(result, view.coder_pairs)
if line:
    st.markdown(literal(line))

st.subheader("Sentence by sentence")
overview = result.sentences.assign(
    where=result.sentences["passage_id"].map(view.where),
    **{f"{f}_cell": [f"✓ {c}" if same else (y if same is None else f"you: {y} · curated: {c}")
                     for y, c, same in zip(result.sentences[f"yours_{f}"], result.sentences[f"curated_{f}"], result.sentences[f"same_{f}"])]
       for f in ce.FIELDS})
render.table(overview[["number", "where", f"{ce.PRINCIPLE}_cell", "tone_police_cell", "frame_cell"]],
             labels={"number": "#", "where": "Sentence", f"{ce.PRINCIPLE}_cell": "Principles", "tone_police_cell": "Tone", "frame_cell": "Frame"})

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
    for prompt in ce.discussion(result, view.where, view.rules):
        st.markdown(f"- {literal(prompt)}")
render.footer()
