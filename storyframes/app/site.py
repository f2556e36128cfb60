"""The page registry: every page of the app declared once (key, title, icon, file, group).

Everything that names a page — the sidebar, links between pages, the tour's "more on this",
the lesson link, the tests and the benchmark — takes it from here by its key, so no page path is
typed anywhere else. A page's address is what Streamlit makes of its file name
(`storyframes.classroom.lesson.url_path`): "pages/4_Framing_analysis.py" is "/Framing_analysis".
No Streamlit here: the registry is plain data, tested without a server.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyframes.classroom.lesson import url_path

STORY, CLASSROOM = "story", "classroom"
# The pages made for a lesson sit in one collapsible group, so that on a 720-pixel-high projector
# the filters still start above the fold under the story's own pages.
CLASSROOM_GROUP = "In class: tour, quiz, lesson link"


@dataclass(frozen=True)
class Page:
    key: str  # the page's name in code (setup_page, links, the tour's steps)
    title: str  # its title in the sidebar, the browser tab and the lesson link's list
    icon: str  # a Material icon, drawn from Streamlit's own bundled font
    file: str  # the script, relative to the repository root
    group: str = STORY

    @property
    def url_path(self) -> str:
        """Where Streamlit serves it: "/" for the entry file, "/Framing_analysis" for a page."""
        return url_path(self.file)


PAGES: tuple[Page, ...] = (
    Page("home", "Home", ":material/newspaper:", "dashboard.py"),
    Page("principles", "Principles", ":material/gavel:", "pages/1_Principles.py"),
    Page("members", "Members & cities", ":material/map:", "pages/2_Members_and_cities.py"),
    Page("compare", "Compare outlets", ":material/compare:", "pages/3_Compare_outlets.py"),
    Page("framing", "Framing analysis", ":material/text_compare:", "pages/4_Framing_analysis.py"),
    Page("sources", "Sources & method", ":material/menu_book:", "pages/5_Sources_and_method.py"),
    Page("tour", "Guided tour", ":material/tour:", "pages/6_Guided_tour.py", CLASSROOM),
    Page("quiz", "Guess the outlet", ":material/quiz:", "pages/7_Guess_the_outlet.py", CLASSROOM),
    Page("code", "Code it yourself", ":material/edit_note:", "pages/8_Code_it_yourself.py", CLASSROOM),
    Page("lesson", "Lesson link", ":material/qr_code_2:", "pages/9_Lesson_link.py", CLASSROOM),
    Page("add", "Add an article", ":material/post_add:", "pages/10_Add_an_article.py"),
)
_BY_KEY = {p.key: p for p in PAGES}


def page(key: str) -> Page:
    """The page registered under `key` (a KeyError names a page nobody declared)."""
    return _BY_KEY[key]


def by_file(file: str) -> Page | None:
    return next((p for p in PAGES if p.file == file), None)
