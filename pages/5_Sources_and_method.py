"""Sources & method: the codebook, every source and how sure we are, limits, downloads, citation."""

import streamlit as st

from storyframes import derived, export, findings
from storyframes.page import footer, setup_page
from storyframes.selection import describe

ctx = setup_page("Sources & method", ":material/menu_book:")
data, filters = ctx.data, ctx.filters
names = ctx.outlet_names

st.title("Sources & method")
st.markdown(
    "Everything on this site comes from curated tables in the project's `data/` folder. Each sentence is kept "
    "**verbatim** with its position in the captured article, each fact has a source address and a confidence, "
    "and every code comes from the codebook below. A test proves each sentence is word for word in its source."
)

st.header("What the articles are")
st.markdown(
    "The three full texts (Dabs Magazine, Gawker, CBS News republishing The Crime Report) are **owned by their "
    "publishers**. They are kept here as short, sentence-level extracts for teaching, criticism and commentary, "
    "each linked to its original address. The 19 other pieces are represented only by headline, date and a one-line angle."
)

st.header("Codebook")
book = data.codebook
fields = book["field"].drop_duplicates().tolist()
field = st.selectbox("Coded field", fields, index=fields.index("frame") if "frame" in fields else 0)
for entry in findings.codebook_entries(book, field):
    st.markdown(entry)
st.caption(
    "Frames follow the 15 dimensions of the Media Frames Corpus codebook (Boydstun, Card, Gross, Resnik & Smith, 2014). "
    "Each sentence has one primary frame, a tone toward law enforcement and a stance toward the reform, with a one-line rationale."
)

st.header("Limits of the coding")
st.markdown(
    "- **One coder.** The codes were assigned by one careful reading, not by several coders with an agreement score; "
    "treat them as an argued reading that the rationale column lets you check, not as measurement.\n"
    "- **One primary frame per sentence.** Many sentences carry two frames; the codebook's edge rules say which wins.\n"
    "- **Three full texts.** The other outlets are compared by headline only; a headline is not the story.\n"
    "- **Members.** The full launch roster of about 130 names was not recoverable offline; the members table holds the "
    "people sources tie to the group, with the evidence and its date. Map places that were inferred (a county seat, an office) are marked.\n"
    "- **Automated sentiment** (VADER) is shown beside the hand codes only to show where a word list misreads sarcasm."
)

st.header("Every source")
sources = export.sources_table(data)
st.dataframe(sources, hide_index=True, width="stretch", row_height=48,
             column_config={"source": st.column_config.TextColumn("Source", width=260),
                            "url": st.column_config.LinkColumn("Address", width=180, display_text=r"https?://(?:www\.)?([^/]+)"),
                            "supports": st.column_config.TextColumn("Supports", width=250),
                            "confidence": st.column_config.TextColumn("How sure", width=80)})

st.header("Download the data")
st.caption(describe(filters, ctx.default, names) + " Downloads below hold exactly these rows.")
tables = export.filtered_tables(data, filters)
cols = st.columns(2)
for i, (name, frame) in enumerate(tables.items()):
    cols[i % 2].download_button(
        f"{name}.csv · {len(frame)} rows",
        data=export.csv_bytes(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"download_{name}",
        width="stretch",
        icon=":material/download:",
    )
st.download_button(
    "The whole package (.zip, with datapackage.json and the codebook)",
    data=derived.package_zip(),
    file_name="same-story-different-frames-data.zip",
    mime="application/zip",
    icon=":material/folder_zip:",
    type="primary",
)

st.header("How to cite")
st.code(
    "Same Story, Different Frames: the October 2015 launch of Law Enforcement Leaders to Reduce Crime and "
    "Incarceration and its coverage (data package, version "
    f"{data.descriptor.get('version', '1.0.0')}). Tables and codes: CC BY 4.0. Article texts © their publishers.",
    language=None,
    wrap_lines=True,
)
footer(data)
