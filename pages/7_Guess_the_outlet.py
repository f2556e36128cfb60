"""Guess the outlet: a classroom quiz_view. Read a sentence, pick the outlet, see the cues that give it away."""

import streamlit as st





from storyframes.app import render
from storyframes.app import classroom
from storyframes.app.shell import setup_page
from storyframes.app.render import literal
from storyframes.views import quiz as quiz_view

ctx = setup_page("quiz")
view = ctx.view(quiz_view.build)
seed, level = classroom.quiz_round(ctx)

st.title("Guess the outlet")
st.markdown("Read a sentence from one of the articles and guess which outlet published it. Each answer shows the clues "
            "that give it away: the words, the frame and tone it was coded with, and who it quotes or names.")
with st.container(horizontal=True, vertical_alignment="center"):
    st.markdown("**Level**", width="content")
    for name in quiz_view.LEVELS:
        st.button(quiz_view.LEVEL_LABELS[name], key=f"quiz_level_{name}", type="primary" if name == level else "secondary",
                  on_click=classroom.on_level, args=(name,), help=quiz_view.LEVEL_HELP[name])
    st.caption(f"Round {seed}. Share this page's address: everyone who opens it gets the same questions in the same order.")


def show_cues(cues: quiz_view.Cues) -> None:
    st.markdown("**What gives it away**")
    if cues.terms:
        st.markdown("Words from the lexicon: " + "; ".join(
            f"{'**' if t in cues.strong_terms else ''}“{literal(t.term)}”{'**' if t in cues.strong_terms else ''} "
            f"({literal(t.register_label.lower())}, about {literal(t.target_label.lower())})" for t in cues.terms),
            help=render.explain("lexicon", "register"))
    else:
        st.markdown("No word of this sentence is in the lexicon of telling words.", help=render.explain("lexicon"))
    st.markdown(f"Frame: {literal(cues.frame_label)} · Tone toward the police: {literal(cues.tone_label)}", help=render.explain("frame"))
    if cues.people:
        st.markdown("Who is in it: " + "; ".join(
            f"{literal(p.name)}{'' if p.name == p.person else f' ({literal(p.person)})'}, {literal(p.mention_label.lower())}"
            for p in cues.people))
    else:
        st.markdown("Nobody is quoted or named.")


pool = view.pools[level]
questions = quiz_view.round_questions(pool, seed, options=view.options)
key = quiz_view.round_key(seed, level, view.options)
progress = classroom.quiz_progress(key)
names = dict(zip(view.options, view.option_names))

if not questions:
    st.info(f"No sentence of these outlets fits the {quiz_view.LEVEL_LABELS[level].lower()} level. Try the other level, "
            "or choose other outlets in the sidebar.", icon=":material/quiz:")
elif not quiz_view.finished(progress, questions):
    if len(questions) < quiz_view.ROUND_SIZE:
        st.info(f"The {quiz_view.LEVEL_LABELS[level].lower()} level has only {len(pool)} sentence{'s' if len(pool) != 1 else ''} "
                f"for these outlets, so this round has {len(questions)} question{'s' if len(questions) != 1 else ''} "
                f"instead of {quiz_view.ROUND_SIZE}.", icon=":material/info:")
    i = progress.at
    question = questions[i]
    answered = progress.answered(i)
    st.subheader(f"Question {i + 1} of {len(questions)}")
    st.progress(i / len(questions))
    with st.container(border=True):
        cues = quiz_view.cues(ctx.data, question.passage_id)
        st.markdown("#### " + quiz_view.question_markup(question.text, cues, answered))
    st.markdown("**Which outlet published this sentence?**")
    with st.container(horizontal=True):
        for k, outlet in enumerate(question.options):
            chosen = answered and progress.answers[i] == outlet
            st.button(literal(names.get(outlet, outlet)), key=f"quiz_option_{k}", disabled=answered,
                      type="primary" if chosen else "secondary", on_click=classroom.on_answer, args=(key, i, outlet))
    if answered:
        if progress.answers[i] == question.answer:
            st.success(f"Right: {literal(names[question.answer])} published it.", icon=":material/check_circle:")
        else:
            st.info(f"Not this time: you picked {literal(names.get(progress.answers[i], progress.answers[i]))}, "
                    f"but {literal(names[question.answer])} published it.", icon=":material/cancel:")
        with st.container(border=True):
            show_cues(cues)
        last = i + 1 == len(questions)
        st.button("See your score" if last else "Next question", key="quiz_next", type="primary",
                  on_click=classroom.on_next, args=(key, i))
else:
    right = quiz_view.score(questions, progress.answers)
    st.subheader(f"Your score: {right} of {len(questions)}")
    with st.container(border=True):
        for row in quiz_view.review(questions, progress.answers, names.get).itertuples():
            mark = ":material/check_circle:" if row.result == "Right" else ":material/cancel:"
            st.markdown(f"{mark} **{row.n}.** {literal(row.sentence)}  \n:gray[{row.result} · your answer: "
                        f"{literal(row.yours)} · the outlet: {literal(row.right_outlet)}]")
    with st.container(horizontal=True):
        st.button("Replay this round", key="quiz_replay", on_click=classroom.on_replay, args=(key,),
                  help="The same questions in the same order, your answers cleared.")
        st.button("New round", key="quiz_new", type="primary", on_click=classroom.on_new_round, args=(level,),
                  help="Other sentences, in another order (a new round number in the address).")

st.caption(literal(view.outlets_note))
render.scope(view.scope)
with st.expander("For discussion", icon=":material/forum:"):
    st.markdown(
        "- Which cues gave the outlet away most often: a word, the tone toward the police, or who was quoted? "
        "Would a reader who never saw the outlet's name notice them too?\n"
        "- Try the hard level. A neutral sentence could have come from any outlet. So how much of a story is the same "
        "everywhere, and where do the differences hide?\n"
        "- Pick a sentence with slang or an insult. Rewrite it in neutral words: does it still say the same thing?"
    )

render.footer()
