"""Add an article: paste a text or upload a saved page, and compare it at once with the curated
three on every comparison view, marked auto-coded. Private to the session; nothing is written to
the server's disk (the rows to take home are zipped in memory)."""

import datetime as dt

import streamlit as st

from storyframes import autocode

from storyframes.autocode import added as byo

from storyframes.app import render
from storyframes.autocode.package import added_article_zip
from storyframes.app.page import add_article, added_articles, cached_package, remove_article, setup_page
from storyframes.app.render import literal

PASTE, UPLOAD = "Paste the text", "Upload a file"
FIELDS = {"outlet": "byo_outlet", "headline": "byo_headline", "published": "byo_date", "url": "byo_url"}
MESSAGE_KEY, ADDED_NOW_KEY, READ_KEY = "byo_message", "byo_added_now", "byo_read"


def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE_KEY] = (kind, text)


def _read_upload() -> None:
    """A new file: read it once and fill the fields from its own metadata (title, date, address, site)."""
    st.session_state.pop(MESSAGE_KEY, None)
    st.session_state.pop(READ_KEY, None)
    upload = st.session_state.get("byo_file")
    if upload is None:
        return
    try:
        extracted = autocode.read_file(upload.name, upload.getvalue())
    except autocode.InputError as error:
        _say("error", str(error))
        return
    st.session_state[READ_KEY] = (upload.file_id, extracted)
    meta = extracted.meta
    for name, key in FIELDS.items():
        value = getattr(meta, name, "")
        if name == "published":
            value = byo.parse_date(value)
        if value:
            st.session_state[key] = value


def _extracted():
    """The text to code: the pasted text, or the uploaded file (read when it arrived)."""
    if st.session_state.get("byo_how", PASTE) == PASTE:
        return autocode.read_text(st.session_state.get("byo_text", ""))
    upload = st.session_state.get("byo_file")
    if upload is None:
        raise autocode.InputError("No file is chosen yet. Choose a .txt, .md, .html or .htm file (a page saved from the browser).")
    read = st.session_state.get(READ_KEY)
    if read is not None and read[0] == upload.file_id:
        return read[1]
    return autocode.read_file(upload.name, upload.getvalue())


def _add() -> None:
    st.session_state.pop(MESSAGE_KEY, None)
    try:
        extracted = _extracted()
        outlet = (st.session_state.get(FIELDS["outlet"]) or "").strip()
        if not outlet:
            raise autocode.InputError("Give the outlet's name (for example NPR or The New York Times): the comparison shows it on every view.")
        url, notice = byo.check_url(st.session_state.get(FIELDS["url"], ""))
        date = st.session_state.get(FIELDS["published"])
        meta = autocode.ArticleMeta(outlet=outlet, headline=(st.session_state.get(FIELDS["headline"]) or "").strip(),
                                    published=date.isoformat() if isinstance(date, dt.date) else "", url=url)
        # Coded against the curated package plus this reader's articles: a second copy of one they added is refused too.
        coded = autocode.code_article(extracted.text, meta, byo.coding_data(cached_package(), added_articles()))
    except autocode.InputError as error:
        _say("error", str(error))
        return
    add_article(coded)
    st.session_state[ADDED_NOW_KEY] = coded.article_id
    if notice:
        _say("warning", notice)


def _remove(article_id: str) -> None:
    remove_article(article_id)
    st.session_state.pop(MESSAGE_KEY, None)
    if st.session_state.get(ADDED_NOW_KEY) == article_id:
        st.session_state.pop(ADDED_NOW_KEY)


ctx = setup_page("Add an article", ":material/post_add:")
st.title("Add an article and compare it")
st.markdown(
    "Bring another article about the launch (NPR's, the New York Times', a local paper's) and see it beside the curated "
    "three on **every comparison view**. It is coded **by machine, not by hand**: sentences, principle references, "
    "people named and quoted, word choice and VADER's automated tone. Frames, hand-coded tone and stance stay "
    "**not coded**. Everywhere it appears, its name carries **(auto-coded)** and its marks a dashed outline."
)
st.caption("Your articles stay in this browser session only: no one else sees them, and they are gone when you close the page. "
           "Nothing is stored on the server.")

how = st.radio("Bring the article as", (PASTE, UPLOAD), horizontal=True, key="byo_how")
if how == PASTE:
    st.text_area("The article's text", key="byo_text", height=220,
                 placeholder="Paste the article's text here: the headline and the paragraphs, without menus or comments.",
                 help=f"Plain text, up to {autocode.MAX_BYTES // 1000:,} KB. Paragraphs separated by a blank line.")
else:
    st.file_uploader("A page saved from the browser, or a text file", type=["txt", "md", "html", "htm"], key="byo_file",
                     on_change=_read_upload,
                     help=f"Save the article's page (File › Save page as…, “HTML only”) or a .txt/.md file; up to "
                          f"{autocode.MAX_BYTES // 1000:,} KB. Menus, scripts and comments are dropped; only the article's text is read.")
    read = st.session_state.get(READ_KEY)
    if read is not None:
        st.caption(f"Read from the file: {len(read[1].text.split()):,} words of article text. The fields below are filled from "
                   "the page's own title, date, address and site name where it has them: check them.")

left, right = st.columns(2)
left.text_input("Outlet (required)", key=FIELDS["outlet"], max_chars=80, placeholder="e.g. NPR")
right.text_input("Headline", key=FIELDS["headline"], max_chars=300)
left.date_input("Published", value=None, key=FIELDS["published"], min_value=byo.EARLIEST, max_value=dt.date.today(),
                format="YYYY-MM-DD", help="Leave empty when the article does not say.")
right.text_input("Address (optional)", key=FIELDS["url"], max_chars=2000, placeholder="https://…")
st.button("Add to the comparison", type="primary", icon=":material/add_circle:", on_click=_add)

message = st.session_state.get(MESSAGE_KEY)
if message is not None:
    kind, text = message
    (st.error if kind == "error" else st.warning)(literal(text), icon=":material/error:" if kind == "error" else ":material/warning:")

added = added_articles()
just = st.session_state.get(ADDED_NOW_KEY)
for coded in added:
    if coded.article_id == just:
        st.success(f"Added **{literal(ctx.vocab.outlet(coded.article_id))}**. What the automatic coding found:",
                   icon=":material/check_circle:")
        st.markdown("\n".join(f"- {literal(line)}" for line in byo.found_lines(coded, ctx.vocab)))
        st.markdown("See it compared:")
        links = st.columns(2)
        links[0].page_link("pages/3_Compare_outlets.py", label="Compare outlets", icon=":material/compare:")
        links[1].page_link("pages/4_Framing_analysis.py", label="Framing analysis", icon=":material/text_compare:")

st.header("Your added articles")
if not added:
    st.info("None yet. Added articles appear here, on every comparison view and in the sidebar's outlet filter.",
            icon=":material/post_add:")
for coded in added:
    name = ctx.vocab.outlet(coded.article_id)
    art = coded.tables["articles"].iloc[0]
    with st.container(border=True):
        st.markdown(f"**{literal(name)}**" + (f" · {literal(art['headline'])}" if art["headline"] else ""))
        st.caption(literal(f"{byo.found_lines(coded, ctx.vocab)[0]} · Published: {art['published'] or 'not given'}"))
        buttons = st.columns(2)
        buttons[0].download_button(
            "Download its rows (zip)", data=added_article_zip(coded), file_name=f"{coded.article_id}-rows.zip",
            mime="application/zip", icon=":material/download:", key=f"byo_rows_{coded.article_id}", on_click="ignore",
            help="The article as rows in the data package's format (articles, passages and code tables), to review and "
                 "add to data/: see data/README.md, “Add an outlet's article”.")
        buttons[1].button("Remove", key=f"byo_remove_{coded.article_id}", icon=":material/delete:", on_click=_remove,
                          args=(coded.article_id,))
render.footer()
