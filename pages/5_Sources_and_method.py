"""Sources & method: the codebook, every source and how sure we are, limits, downloads, citation."""

import streamlit as st



from storyframes.app import render
from storyframes.app.package import data_package_zip
from storyframes.app.shell import setup_page
from storyframes.app.render import literal
from storyframes.views import sources

ctx = setup_page("sources")
view = ctx.view(sources.build)

st.title("Sources & method")
st.markdown(
    "Everything on this site comes from curated tables in the project's `data/` folder. Each sentence is kept "
    "**word for word**, with its place in the article. Each fact has a source address and says how sure we are. "
    "Every code comes from the codebook below. A test proves each sentence is word for word in its source."
)

st.header("What the articles are")
st.markdown(
    f"The {view.n_full_texts} full texts are **owned by their publishers**. We keep them here as short extracts, a sentence "
    "at a time, to teach, criticise and comment. Each links to where it was published. "
    f"The {view.n_headline_only} other pieces are shown only by headline, date and a one-line angle."
)

st.header("Codebook")
render.scope(view.scope)
first_field = "frame" if "frame" in view.fields else view.fields[0]
ctx.address_choice("field", list(view.fields), "codebook_field", default=first_field, what="codebook field")
field = st.selectbox("Coded field", view.fields, key="codebook_field")
ctx.wrote("field", field, default=first_field)
render.table(view.codebook[field][["label", "code", "definition", "example_passage_id", "example_text", "edge_rule"]],
             labels={"label": "Label", "code": "Code", "definition": "Definition", "example_passage_id": "Example in", "example_text": "Example",
                     "edge_rule": "Edge cases"})
st.caption(
    "Frames follow the 15 frames of the Media Frames Corpus codebook (Boydstun, Card, Gross, Resnik & Smith, 2014). "
    "Each sentence has one main frame, a tone toward the police and a stance on the reform. "
    "Click a cell to read it.",
    help=render.explain("codebook", "frame", "edge rule"),
)

st.header("How reliable are the codes?")
st.markdown(
    f"Someone else coded all {view.n_second_coded} prose sentences of the full texts again. They had only the codebook, and did "
    "not see the codes this site shows. Where two careful readers agree, a finding rests on more than one person's view. "
    "The site shows the curated codes; the second coding checks them."
)
render.table(view.agreement[list(sources.AGREEMENT_COLUMNS)], labels=sources.AGREEMENT_COLUMNS)
st.caption(literal(sources.AGREEMENT_NOTE), help=render.explain("kappa"))
st.subheader("Every disagreement, for discussion")
st.caption(literal(view.disagreement_scope))
if view.disagreements.empty:
    st.info("No disagreement in the sentences the filters select. Reset the filters to see all of them.", icon=":material/filter_alt_off:")
else:
    render.table(view.disagreements[list(sources.DISAGREEMENT_COLUMNS)], labels=sources.DISAGREEMENT_COLUMNS,
                 widths={"where_label": 120, "what": 85, "first_label": 105, "second_label": 105, "note": 160})
    disputed = view.disagreements.set_index("key", drop=False)
    keys = list(disputed.index)
    ctx.address_choice("disputed", keys, "disputed_sentence", default=keys[0], what="disputed sentence")
    chosen = st.selectbox("Read a disputed sentence in its place", keys, key="disputed_sentence",
                          format_func=lambda k: f"{disputed.at[k, 'where_label']} — {disputed.at[k, 'what']}")
    ctx.wrote("disputed", chosen, default=keys[0])
    item = disputed.loc[chosen]
    with st.expander(f"The sentence in its place, and both codes with their rules: {literal(item['where_label'])}", expanded=False):
        render.in_context(view.contexts[item["passage_id"]])
        first, second = st.columns(2)
        with first.container(border=True):
            st.markdown(f"**Curated code (shown in the app):** {literal(item['first_label'])}")
            if item["first_rule"]:
                st.caption(f"Edge rule: {literal(item['first_rule'])}", help=render.explain("edge rule"))
        with second.container(border=True):
            st.markdown(f"**Second coder:** {literal(item['second_label'])}")
            if item["second_rule"]:
                st.caption(f"Edge rule: {literal(item['second_rule'])}", help=render.explain("edge rule"))
            if item["note"]:
                st.caption(f"Note: {literal(item['note'])}")
        st.caption("For a class: read the sentence in its place, then the two rules. Which one decides it, and would you word the rule differently?")

st.header("Limits of the coding")
st.markdown("\n".join(f"- **{literal(title)}**{literal(rest)}" for title, rest in sources.limits(view)))
with st.expander("A reader's own article is coded by rules, not by a person: how far they agree with the hand codes",
                 icon=":material/rule:"):
    st.markdown(literal(view.autocode_summary))
    render.table(view.autocode_samples[list(sources.SAMPLE_COLUMNS)], labels=sources.SAMPLE_COLUMNS)
    st.caption("In-sample: the curated articles, which the rules were made from. Out-of-sample: texts we made up to test the rules "
               "(`data/dev_texts/`). People coded them by hand before the rules were tuned. The rules were tuned on one half of them and "
               "never on this one. Below, the curated articles one by one.", help=render.explain("in-sample", "out-of-sample"))
    render.table(view.autocode_accuracy[list(sources.ACCURACY_COLUMNS)], labels=sources.ACCURACY_COLUMNS)
    st.caption(
        "Precision: of what the rules found, the share the hand codes have too. Recall: of the hand codes, the share the rules found. "
        "Same kind: of what both found, the share coded the same way. For principles that is quoted or paraphrased; for people, quoted or named. "
        "We count each principle once per sentence, and each person once per sentence. Each article was coded with "
        "only the names learned from the other two. The rules and how they are measured are in the codebook (data/README.md). "
        "Computed from the files each time the data loads.",
        help=render.explain("precision", "recall"),
    )

st.header("Every source")
with st.expander(f"All {len(view.sources)} sources, what each supports and how sure we are"):
    render.table(view.sources, links={"url": r"https?://(?:www\.)?([^/]+)"}, widths={"url": 150},
                 labels={"source": "Source", "url": "Address", "supports": "Supports", "confidence": "How sure"})

st.header("Download the data")
st.caption(literal(view.describe) + " Downloads below hold exactly these rows.")
with st.expander(f"One table at a time ({len(view.downloads)} tables, as CSV)", icon=":material/table_view:"):
    cols = st.columns(2)
for i, (name, frame) in enumerate(view.downloads.items()):
    cols[i % 2].download_button(f"{literal(name)}.csv · {len(frame):,}\u00a0rows", data=view.csv[name], file_name=view.file_names[name], mime="text/csv",
                                key=f"download_{name}", width="stretch", icon=":material/download:", on_click="ignore")
st.download_button("The whole package (.zip, with datapackage.json and the codebook)", data=data_package_zip(),
                   help="The data folder as it is, with one change. A spreadsheet would run some cells as a formula. "
                        "In each CSV here, such a cell starts with an apostrophe ('). So the files open safely.",
                   file_name="same-story-different-frames-data.zip", mime="application/zip", icon=":material/folder_zip:", type="primary",
                   on_click="ignore")

st.header("How to cite")
st.code(
    "Same Story, Different Frames: the October 2015 launch of Law Enforcement Leaders to Reduce Crime and "
    f"Incarceration and its coverage (data package, version {view.version}). Tables and codes: CC BY 4.0. Article texts © their publishers.",
    language=None,
    wrap_lines=True,
)
address = ctx.address_of()
render.discussion(sources.discussion(view), handout=lambda: sources.handout_html(view, address),
                  handout_name="sources-and-method-handout.html")
render.footer()
