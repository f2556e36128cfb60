"""Framing analysis: how each outlet told the story, sentence by sentence, with the proof."""

import streamlit as st

from storyframes import analysis, charts, derived, evidence, findings
from storyframes.page import empty_state, footer, setup_page, table_alternative
from storyframes.selection import describe

ctx = setup_page("Framing analysis", ":material/text_compare:")
data, filters = ctx.data, ctx.filters
names = ctx.outlet_names

st.title("How each outlet framed the launch")
st.caption(describe(filters, ctx.default, names) + " This page reads the three full texts, sentence by sentence.")

views = derived.framing_views(tuple(filters.outlets), tuple(filters.principles))
articles, passages = views["articles"], views["passages"]
if articles.empty or passages.empty:
    empty_state("no full-text sentence matches the filters (choose Dabs Magazine, Gawker or CBS News, and a principle)")
    footer(data)
    st.stop()
outlet_ids, outlet_names = articles["outlet_id"].tolist(), articles["outlet"].tolist()
specs = derived.framing_specs(tuple(filters.outlets), tuple(filters.principles))


def show_sentences(passage_ids: list[str], heading: str) -> None:
    """The verbatim sentences behind a clicked chart element."""
    rows = evidence.sentences_by_id(data.passages, data.articles, passage_ids)
    if rows.empty:
        return
    with st.container(border=True):
        st.markdown(f"**{heading}** ({len(rows)} sentence{'s' if len(rows) != 1 else ''})")
        for r in rows.itertuples():
            st.markdown(f"{evidence.safe(r.text)}  \n:gray[{evidence.safe(r.outlet)} · {r.where}]")


st.subheader("In short")
summary = derived.summary_facts_for(tuple(outlet_ids))
for line, passage_ids in findings.framing_summary_evidence(summary):
    st.markdown(line)
    if passage_ids:
        with st.expander(f"Show the {len(passage_ids)} sentence{'s' if len(passage_ids) != 1 else ''} behind this"):
            for r in evidence.sentences_by_id(data.passages, data.articles, passage_ids).itertuples():
                st.markdown(f"{evidence.safe(r.text)}  \n:gray[{evidence.safe(r.outlet)} · {r.where}]")
st.caption("Each claim is computed from the coded sentences; the charts below break it down.")

st.header("Distinctive words")
words = views["words"]
if len(outlet_ids) < 2:
    st.info("Choose at least two full-text outlets to compare their words.", icon=":material/compare_arrows:")
else:
    st.markdown(f"**{findings.distinctive_words_title(words)}**")
    clicked = []
    for col, oid in zip(st.columns(len(outlet_ids)), outlet_ids):
        mine = words[words["outlet_id"] == oid]
        with col:
            st.vega_lite_chart(specs[f"words_{oid}"], key=f"words_{oid}", on_select="rerun",
                            alt=findings.words_alt_text(mine, names[oid]))
        clicked += evidence.picked(st.session_state.get(f"words_{oid}"), "word")
    st.caption("Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, “Fightin’ Words”), "
               "each outlet against the others pooled. Pale bars (“few”): fewer than 3 occurrences — too few to mean much.")
    table_alternative(words[["outlet", "term", "count", "count_others", "z", "low_count"]])
    if clicked:
        ids = evidence.passages_with_term(passages, data.articles, clicked[0].get("outlet_id"), clicked[0].get("term"))
        show_sentences(ids, f"Sentences with “{evidence.safe(str(clicked[0].get('term')))}”")

st.header("Frames")
profile = views["profile"]
st.vega_lite_chart(specs["frames"], key="frames_chart", on_select="rerun", alt=findings.frame_alt_text(profile))
table_alternative(profile[["outlet", "frame_label", "n", "share"]])
bar = evidence.picked(st.session_state.get("frames_chart"), "frame_bar")
if bar:
    show_sentences(findings.passages_for_frame(passages, data.articles, data.passage_codes, bar[0].get("outlet_id"), bar[0].get("frame")),
                   "The sentences behind the bar")
if len(outlet_ids) >= 2:
    a_col, b_col = st.columns(2)
    out_a = a_col.selectbox("Compare", outlet_ids, index=0, format_func=names.get, key="frame_a")
    out_b = b_col.selectbox("with", outlet_ids, index=len(outlet_ids) - 1, format_func=names.get, key="frame_b")
    diff = analysis.frame_difference(profile, out_a, out_b)
    diff = diff.assign(frame_label=diff["frame"].map(derived.code_labels("frame")))
    st.altair_chart(charts.frame_difference_chart(diff, names[out_a], names[out_b], findings.frame_difference_title(diff, names[out_a], names[out_b]), out_a, out_b),
                    alt=findings.frame_difference_title(diff, names[out_a], names[out_b]))

st.header("The four principles: quoted, paraphrased or left out")
coverage = views["coverage"]
if coverage.empty:
    st.info("No principle is selected.", icon=":material/filter_alt_off:")
else:
    st.vega_lite_chart(specs["position"], key="position_chart", on_select="rerun", alt=findings.matrix_alt_text(coverage))
    table_alternative(findings.matrix_table(coverage))
    mention = evidence.picked(st.session_state.get("position_chart"), "mention")
    if mention:
        row = coverage[(coverage["outlet_id"] == mention[0].get("outlet_id")) & (coverage["principle_id"] == mention[0].get("principle_id"))]
        if not row.empty:
            show_sentences(row["passage_ids"].iloc[0].split(", "), f"{row['outlet'].iloc[0]} on {row['principle_label'].iloc[0]}")

st.header("Voices: who is quoted, and through whom")
voices = views["voices"]
st.vega_lite_chart(specs["voices"], key="voices_chart", on_select="rerun", alt=findings.voices_title(voices))
table_alternative(voices.drop(columns=["member_ids", "passage_ids"]))
voice = evidence.picked(st.session_state.get("voices_chart"), "voice")
if voice:
    ids = evidence.quoted_passages(data.passage_people, data.passages, data.articles, voice[0].get("outlet_id"), voice[0].get("person"))
    show_sentences(ids, f"Quotes of {evidence.safe(str(voice[0].get('person')))}")

st.header("Word choice")
lexicon = views["lexicon"]
st.vega_lite_chart(specs["register"], key="register_chart", on_select="rerun", alt=findings.register_title(lexicon))
st.table(findings.lexicon_side_by_side(data.lexicon, articles), hide_index=True)
segment = evidence.picked(st.session_state.get("register_chart"), "register")
if segment:
    chosen = lexicon[(lexicon["outlet"] == segment[0].get("outlet")) & (lexicon["register"] == segment[0].get("register"))]
    show_sentences(chosen["first_passage_id"].tolist(), f"{segment[0].get('register')} terms in {segment[0].get('outlet')}: "
                   + ", ".join(f"“{evidence.safe(t)}”" for t in chosen["term"]))

st.header("Tone along the article: hand codes and an automated score")
tone = views["tone"]
st.vega_lite_chart(specs["tone"], key="tone_chart", on_select="rerun", alt=findings.tone_alt_text(tone))
st.caption("VADER (Hutto & Gilbert 2014) is an automated, word-list sentiment score. It adds up the feelings of single words, "
           "so sarcasm fools it: “these are still cops we’re talking about” has no negative word. The hand codes read the intent.")
disagree = analysis.tone_disagreements(tone)
table_alternative(disagree[["outlet", "passage_id", "tone_police", "vader_compound", "text"]], "Where hand codes and VADER disagree")
point = evidence.picked(st.session_state.get("tone_chart"), "sentence")
if point:
    show_sentences([p.get("passage_id") for p in point], "The sentence")

st.header("Headline versus body")
hvb = derived.headline_vs_body()
hvb = hvb[hvb["outlet_id"].isin(filters.outlets)]
st.markdown(findings.headline_agreement_sentence(hvb))
st.table(findings.headline_body_table(hvb, derived.code_labels("frame")), hide_index=True)

st.header("Readability and length")
read = views["readability"]
st.vega_lite_chart(specs["readability"], alt=findings.readability_title(read))
st.table(findings.readability_table(read), hide_index=True)
st.caption("Flesch–Kincaid grade from words per sentence and syllables per word (syllables from textstat’s CMU dictionary). "
           "Quotes per 100 words counts quoted sentences.")

st.header("Parallel reading")
t1, t2, t3 = st.columns(3)
show_principles = t1.toggle("Principle tags", value=True)
show_quotes = t2.toggle(":blue-background[Quotes]", value=True)
show_terms = t3.toggle(":orange-background[Lexicon terms]", value=True)
groups = evidence.reading_groups(data.passages[data.passages["article_id"].isin(articles["article_id"])], data.passage_principles)
group_labels = dict(zip(data.principles["principle_id"], data.principles["principle_id"] + " · " + data.principles["short_label"]))
group_labels["none"] = "No principle: context, people and colour"
quotes = data.passage_people[data.passage_people["quote_text"] != ""].groupby("passage_id")["quote_text"].agg(list)
terms = data.lexicon.merge(data.articles[["article_id"]], on="article_id").groupby("article_id")["term"].agg(list)
for group in [g for g in group_labels if g in filters.principles]:
    st.subheader(group_labels[group])
    for col, art in zip(st.columns(len(articles)), articles.itertuples()):
        with col:
            st.markdown(f"**{evidence.safe(art.outlet)}**")
            rows = groups[(groups["article_id"] == art.article_id) & (groups["group"] == group)].sort_values("sentence")
            if rows.empty:
                st.caption("— nothing —")
            for r in rows.itertuples():
                tag = f":green-badge[{r.principles}] " if show_principles and r.principles else ""
                body = evidence.reading_markup(r.text, quotes.get(r.passage_id, []), terms.get(r.article_id, []),
                                               show_quotes=show_quotes, show_terms=show_terms, furniture=r.is_furniture)
                st.markdown(f"{tag}{body}  \n:gray[¶{r.paragraph} · sentence {r.sentence}]")
footer(data)
