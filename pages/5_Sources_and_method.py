"""Sources & method: the codebook, every source and how sure we are, limits, downloads, citation."""

import streamlit as st

from storyframes import render
from storyframes.page import package_zip, setup_page
from storyframes.render import literal
from storyframes.views import sources

ctx = setup_page("Sources & method", ":material/menu_book:")
view = ctx.view(sources.build)

st.title("Sources & method")
st.markdown(
    "Everything on this site comes from curated tables in the project's `data/` folder. Each sentence is kept "
    "**verbatim** with its position in the captured article, each fact has a source address and a confidence, "
    "and every code comes from the codebook below. A test proves each sentence is word for word in its source."
)

st.header("What the articles are")
st.markdown(
    f"The {view.n_full_texts} full texts are **owned by their publishers**. They are kept here as short, sentence-level "
    "extracts for teaching, criticism and commentary, each linked to its original address. "
    f"The {view.n_headline_only} other pieces are represented only by headline, date and a one-line angle."
)

st.header("Codebook")
render.scope(view.scope)
field = st.selectbox("Coded field", view.fields, index=view.fields.index("frame") if "frame" in view.fields else 0)
render.table(view.codebook[field][["label", "code", "definition", "example_passage_id", "example_text", "edge_rule"]],
             labels={"label": "Label", "code": "Code", "definition": "Definition", "example_passage_id": "Example in", "example_text": "Example",
                     "edge_rule": "Edge cases"})
st.caption(
    "Frames follow the 15 dimensions of the Media Frames Corpus codebook (Boydstun, Card, Gross, Resnik & Smith, 2014). "
    "Each sentence has one primary frame, a tone toward law enforcement and a stance toward the reform, with a one-line rationale. "
    "Click a cell to read it in full."
)

st.header("Limits of the coding")
st.markdown(
    "- **One coder.** The codes were assigned by one careful reading, not by several coders with an agreement score; "
    "treat them as an argued reading that the rationale column lets you check, not as measurement.\n"
    "- **One primary frame per sentence.** Many sentences carry two frames; the codebook's edge rules say which wins.\n"
    "- **Few full texts.** The other outlets are compared by headline only; a headline is not the story.\n"
    "- **Members.** The full launch roster of about 130 names was not recoverable offline; the members table holds the "
    "people sources tie to the group, with the evidence and its date. Map places that were inferred (a county seat, an office) are marked.\n"
    "- **Automated sentiment** (VADER) is shown beside the hand codes only to show where a word list misreads sarcasm."
)

st.header("Every source")
render.table(view.sources, links={"url": r"https?://(?:www\.)?([^/]+)"}, widths={"url": 150},
             labels={"source": "Source", "url": "Address", "supports": "Supports", "confidence": "How sure"})

st.header("Download the data")
st.caption(literal(view.describe) + " Downloads below hold exactly these rows.")
cols = st.columns(2)
for i, (name, frame) in enumerate(view.downloads.items()):
    cols[i % 2].download_button(f"{literal(name)}.csv · {len(frame)} rows", data=view.csv[name], file_name=view.file_names[name], mime="text/csv",
                                key=f"download_{name}", width="stretch", icon=":material/download:", on_click="ignore")
st.download_button("The whole package (.zip, with datapackage.json and the codebook)", data=package_zip(),
                   file_name="same-story-different-frames-data.zip", mime="application/zip", icon=":material/folder_zip:", type="primary",
                   on_click="ignore")

st.header("How to cite")
st.code(
    "Same Story, Different Frames: the October 2015 launch of Law Enforcement Leaders to Reduce Crime and "
    f"Incarceration and its coverage (data package, version {view.version}). Tables and codes: CC BY 4.0. Article texts © their publishers.",
    language=None,
    wrap_lines=True,
)
render.footer()
