""""Share this view": one button at the top of every page's sidebar that opens a dialog with the
address of exactly what the reader sees (the page, the filters, projector mode and the page's own
choices: section, place, tour step, quiz round, coding set...) and its QR code, large enough to
project. The address points at this computer's network address when the browser is on localhost
and the server listens beyond loopback (`storyframes.classroom.network`); otherwise one sentence
says what to do. The dialog links to Lesson link, which then starts from this view.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

import streamlit as st

from storyframes.app import address, params, site
from storyframes.app.render import literal
from storyframes.classroom import lesson, network
from storyframes.core import filters as flt
from storyframes.present import projector

LABEL = "Share this view"
BUTTON_KEY = "share_view"
ICON = ":material/qr_code_2:"
QR_SHOWN = 480  # pixels, about: the whole dialog fits a 720-pixel-high projector beside the address
CAME_FROM_KEY = "story_came_from"  # (page key, address pairs) of the page the reader left last
LESSON_PAGE_KEY = "lesson_page"  # Lesson link's "Page the class opens"


def button() -> bool:
    """The button, in the sidebar (the caller's container); True on the run its click started."""
    return st.button(LABEL, key=BUTTON_KEY, icon=ICON, width="stretch",
                     help="The address of this view and its QR code, to show on a projector or to send. "
                          "It keeps the page, the filters and this page's choices.")


def link_for(page: site.Page, filters: flt.Filters, default: flt.Filters, pairs: Iterable[tuple[str, str]],
             kept: dict[str, list[str] | None], origin: lesson.Origin, prefix: str = "") -> str:
    """The share link: `page` with the filters, projector mode and the page's own parameters
    (`lesson.view_params`: the address's, with the session's kept choices over them)."""
    pairs = list(pairs)
    own = [p.name for p in params.own(page.key)]
    page_params = {**{projector.PARAM: v for n, v in pairs if n == projector.PARAM}, **lesson.view_params(own, pairs, kept)}
    return lesson.build(origin, page.file, filters, default, page_params, prefix=prefix)


def origin_for_class() -> tuple[lesson.Origin | None, str]:
    """Where students' devices can reach this app (`network.share_origin`: this computer's network
    address when the browser is on localhost and the server listens beyond loopback), and the
    one sentence to show with it ("" when none)."""
    served = lesson.served_origin(st.context.url, st.context.headers.get("Host"))
    return network.share_origin(served, st.get_option("server.address"), network.find_lan_address)


@st.dialog(LABEL, width="large")
def _dialog(page: site.Page, filters: flt.Filters, default: flt.Filters, describe: str) -> None:
    origin, sentence = origin_for_class()
    if origin is None:
        st.warning("The address this page was opened at is unknown: make the link on Lesson link.", icon=":material/link_off:")
        st.page_link(site.page("lesson").file, label="Lesson link", icon=site.page("lesson").icon)
        return
    link = link_for(page, filters, default, address.current(), address.kept_shown(), origin,
                    prefix=lesson.base_path(st.get_option("server.baseUrlPath")))
    text, code = st.columns([3, 2], vertical_alignment="top")
    with text:
        st.markdown(f"**{literal(page.title)}**, as you see it: {literal(describe)}")
        with st.container(key="share_link"):  # larger type, to read from the back of the room (shell's style)
            st.code(link, language=None, wrap_lines=True)
        if sentence:
            st.info(sentence, icon=":material/devices:")  # one of network's own sentences, no reader's text
        st.download_button("Download the QR code (PNG)", lesson.qr_png(link), file_name="share-view.png", mime="image/png",
                           icon=":material/download:", on_click="ignore")
        lesson_page = site.page("lesson")
        if page.key != lesson_page.key:
            st.page_link(lesson_page.file, label="Make a lesson link from this view", icon=lesson_page.icon)
    code.image(lesson.qr_png(link, QR_SHOWN), output_format="PNG", caption="Scan to open this view", alt=f"QR code that opens {link}")


def offer(page: site.Page, filters: flt.Filters, default: flt.Filters, describe: str) -> None:
    """Open the dialog (called on the run the button's click started, after the filters are drawn)."""
    _dialog(page, filters, default, describe)


def remember_came_from(page: site.Page, previous: str | None) -> None:
    """On a page's first run: note the page the reader left and its address as they left it."""
    if previous is not None and previous != page.key and previous in {p.key for p in site.PAGES}:
        st.session_state[CAME_FROM_KEY] = (previous, tuple(address.last_sent()))


def lesson_field_key(page_file: str, name: str) -> str:
    """Lesson link's widget key for a page's parameter."""
    return f"lesson_{lesson.url_path(page_file).strip('/') or 'home'}_{name}"


def start_lesson_form(arrived: bool) -> None:
    """Lesson link's form starts from the view the teacher came from (on the page's first run):
    that page, and its seed, level, tour step or section as it was."""
    came = st.session_state.get(CAME_FROM_KEY)
    if not arrived or not came:
        return
    page_key, pairs = came
    start = params.lesson_start(page_key, pairs)
    if start is None:
        return
    file, values = start
    st.session_state[LESSON_PAGE_KEY] = file
    for name, value in values.items():
        st.session_state[lesson_field_key(file, name)] = value


def lesson_seed(param) -> int:
    """The seed Lesson link puts in a link whose seed field is empty: one per parameter for the
    session, shown in the field, so the same form gives the same link until the teacher types one."""
    key = f"story_lesson_seed:{param.name}"
    if key not in st.session_state:
        st.session_state[key] = param.low + secrets.randbelow(param.high - param.low + 1)
    return st.session_state[key]
