"""Add an article: paste a text or upload a saved page, and compare it at once with the curated
three on every comparison view, marked auto-coded. Private to the session; nothing is written to
the server's disk (the rows to take home are zipped in memory)."""

import datetime as dt

import streamlit as st

from storyframes.app import added_articles as added, render
from storyframes.app.render import literal
from storyframes.app.shell import setup_page
from storyframes.views import add_article as view

ctx = setup_page("add")
st.title("Add an article and compare it")
st.markdown(
    "Bring in one more article about the launch, from NPR or a local paper. Then see it next to our three on "
    "**every page that compares**. A **machine codes it, not a person**. It finds the sentences, principle references, "
    "people named and quoted, word choice, and VADER's tone score. Frames, hand-coded tone and stance stay "
    "**not coded**. Everywhere it appears, its name carries **(auto-coded)** and its marks a dashed outline.",
    help=render.explain("VADER"),
)
st.caption("Your articles stay in this browser session only: no one else sees them, and they are gone when you close the page. "
           "Nothing is stored on the server.")
with st.expander("How well the machine codes", icon=":material/rule:"):
    accuracy_words, accuracy_table = view.coding_accuracy(ctx.data)
    st.markdown(literal(accuracy_words))
    render.table(accuracy_table[list(view.SAMPLE_COLUMNS)], labels=view.SAMPLE_COLUMNS)

how = st.radio("Bring the article as", (added.PASTE, added.UPLOAD), horizontal=True, key=added.HOW_KEY)
if how == added.PASTE:
    st.text_area("The article's text", key=added.TEXT_KEY, height=220,
                 placeholder="Paste the article's text here: the headline and the body, without menus or comments.",
                 help=f"Plain text, up to {view.LIMIT_TEXT}. Put a blank line between paragraphs.")
else:
    st.file_uploader("A page saved from the browser, or a text file", type=["txt", "md", "html", "htm"], key=added.FILE_KEY,
                     on_change=added.read_upload, max_upload_size=view.MAX_UPLOAD_MB,
                     help=f"Save the article's page (File › Save page as…, “HTML only”) or a .txt/.md file; up to "
                          f"{view.LIMIT_TEXT}. Menus, scripts and comments are dropped; only the article's text is read.")
    read = added.upload_read()
    if read is not None:
        st.caption(f"Read from the file: {len(read.text.split()):,} words of article text. The fields below are filled from "
                   "the page's own title, date, address and site name where it has them: check them.")

left, right = st.columns(2)
left.text_input("Outlet (required)", key=added.FIELDS["outlet"], max_chars=80, placeholder="e.g. NPR")
right.text_input("Headline", key=added.FIELDS["headline"], max_chars=300)
left.date_input("Published", value=None, key=added.FIELDS["published"], min_value=view.EARLIEST, max_value=dt.date.today(),
                format="YYYY-MM-DD", help="Leave empty when the article does not say.")
right.text_input("Address (optional)", key=added.FIELDS["url"], max_chars=2000, placeholder="https://…")
st.button("Add to the comparison", type="primary", icon=":material/add_circle:", on_click=added.add_from_fields)

message = added.message()
if message is not None:
    kind, text = message
    (st.error if kind == "error" else st.warning)(literal(text), icon=":material/error:" if kind == "error" else ":material/warning:")

mine = added.articles()
just = added.just_added()
for coded in mine:
    if coded.article_id == just:
        st.success(f"Added **{literal(ctx.vocab.outlet(coded.article_id))}**. What the automatic coding found:",
                   icon=":material/check_circle:")
        st.markdown("\n".join(f"- {literal(line)}" for line in view.found_lines(coded, ctx.vocab)))
        st.markdown("See it compared:")
        links = st.columns(2)
        with links[0]:
            ctx.link("compare")
        with links[1]:
            ctx.link("framing")

st.header("Your added articles")
if not mine:
    st.info("None yet. Added articles show up here, on each page that compares, and in the outlet filter.",
            icon=":material/post_add:")
for coded in mine:
    name = ctx.vocab.outlet(coded.article_id)
    art = coded.tables["articles"].iloc[0]
    with st.container(border=True):
        st.markdown(f"**{literal(name)}**" + (f" · {literal(art['headline'])}" if art["headline"] else ""))
        st.caption(literal(f"{view.found_lines(coded, ctx.vocab)[0]} · Published: {art['published'] or 'not given'}"))
        buttons = st.columns(2)
        buttons[0].download_button(
            "Download its rows (zip)", data=view.added_article_zip(coded), file_name=f"{coded.article_id}-rows.zip",
            mime="application/zip", icon=":material/download:", key=f"added_rows_{coded.article_id}", on_click="ignore",
            help="The article as rows in the data package's format (articles, passages and code tables), to review and "
                 "add to data/: see data/README.md, “Add an outlet's article”.")
        buttons[1].button("Remove", key=f"added_remove_{coded.article_id}", icon=":material/delete:", on_click=added.remove,
                          args=(coded.article_id,))
render.footer()
