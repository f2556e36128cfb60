"""Remove seven protections one at a time, each in a fresh copy of this checkout, and run the tests
that guard it: each line must say "exit 1" (a test failed). Not collected by pytest.

    python -m tests.protections_check [WORDS]   (only the protections whose description holds WORDS)
"""
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.gettempdir()) / "storyframes-protections-check"
MUTATIONS = [
    ("markup escaping of a data cell (render.literal)", "storyframes/app/render.py",
     "    return escape_markdown(str(text))\n", "    return str(text)\n",
     ["tests/pages/test_hostile_pages.py"]),
    ("markup escaping of a reader's headline (its card on Add an article)", "pages/10_Add_an_article.py",
     "literal(art['headline'])", "art['headline']",
     ["tests/pages/test_add_article.py::test_markup_in_the_fields_is_shown_literally"]),
    ("the upload size limit (autocode.reading)", "storyframes/autocode/reading.py",
     "    if n_bytes > MAX_BYTES:\n", "    if False:\n",
     ["tests/unit/test_autocode_reading.py"]),
    ("session privacy of an added article (kept in the process, not the session)", "storyframes/app/added_articles.py",
     "    return tuple(st.session_state.get(ADDED_KEY, ()))\n", "    return tuple(_EVERYONE)\n",
     ["tests/pages/test_add_article.py::test_one_readers_article_never_appears_in_anothers_views"]),
    ("markup escaping of a reader's headline, in the browser", "pages/10_Add_an_article.py",
     "literal(art['headline'])", "art['headline']",
     ["tests/browser/test_add_article.py::test_markup_in_a_readers_headline_is_shown_as_text"]),
    # AppTest runs every session in one process, as the server does: an article kept anywhere but the
    # session (a module's list, a cached resource) reaches the other session there too
    ("session privacy of an added article, two sessions side by side", "storyframes/app/added_articles.py",
     "    return tuple(st.session_state.get(ADDED_KEY, ()))\n", "    return tuple(_EVERYONE)\n",
     ["tests/pages/test_session_isolation.py::test_an_added_article_stays_in_the_session_that_added_it"]),
    ("the package's one error message (shell.show_data_error)", "storyframes/app/shell.py",
     "        show_data_error(error)\n", "        raise error\n",
     ["tests/pages/test_broken_package.py"]),
]
def main() -> None:
    only = " ".join(sys.argv[1:])
    for what, path, old, new, tests in MUTATIONS:
        if only not in what:
            continue
        shutil.rmtree(WORK, ignore_errors=True)
        shutil.copytree(SRC, WORK, ignore=shutil.ignore_patterns(".git", "artifacts", "__pycache__"))
        f = WORK / path; s = f.read_text()
        assert s.count(old) == 1, (what, s.count(old))
        s = s.replace(old, new)
        if "_EVERYONE" in new:  # every reader's add goes to one list in the process
            s = s.replace("    st.session_state[ADDED_KEY] = (*articles(), coded)\n",
                          "    _EVERYONE.append(coded)\n    st.session_state[ADDED_KEY] = tuple(_EVERYONE)\n")
            s = s.replace("\ndef articles()", "\n_EVERYONE: list = []\n\n\ndef articles()", 1)
        f.write_text(s)
        t = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-n", "0", *tests], cwd=WORK,
                           capture_output=True, text=True)
        last = [l for l in r.stdout.splitlines() if " failed" in l or " passed" in l][-1:]
        first_fail = [l for l in r.stdout.splitlines() if l.startswith("FAILED")][:1]
        print(f"{what}: exit {r.returncode} in {time.monotonic()-t:.0f}s; {last} {first_fail}", flush=True)
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
