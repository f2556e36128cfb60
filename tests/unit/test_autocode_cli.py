"""The command line (python -m storyframes.autocode): one folder per article, and for every bad input
one clear message on stderr, no traceback, and a non-zero exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from storyframes.autocode import accuracy
from storyframes.autocode import MAX_BYTES, ArticleMeta, code_article, read_file
from storyframes.autocode.__main__ import main
from storyframes.core.data import DATA_DIR, load_package

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ("Police chiefs want fewer arrests\n\n"
           "More than 130 police chiefs and prosecutors met in Washington on Wednesday. They want mental health and drug treatment "
           "instead of arrests, said Chicago Police Superintendent Garry McCarthy.\n")
PAGE = ("<html><head><title>Chiefs want fewer arrests</title><link rel='canonical' href='https://herald.example.com/a'>"
        "<meta property='article:published_time' content='2015-10-22'></head><body><article>"
        "<p>More than 130 police chiefs and prosecutors met in Washington on Wednesday to call for an end to mandatory minimums.</p>"
        "<p>They also want procedural justice training for officers, the group said.</p></article></body></html>")


@pytest.fixture()
def files(tmp_path):
    out = {}
    for name, content in {"a.txt": ARTICLE.encode(), "page.html": PAGE.encode(), "notes.md": ("# Notes\n\n" + ARTICLE.replace("Wednesday", "Tuesday")).encode()}.items():
        (tmp_path / name).write_bytes(content)
        out[name] = tmp_path / name
    return out


def test_writes_one_folder_per_article_as_the_page_codes_it(files, tmp_path, capsys):
    out = tmp_path / "out"
    assert main([str(files["a.txt"]), str(files["page.html"]), "--outlet", "Example Herald", "--out", str(out)]) == 0
    folders = sorted(p.name for p in out.iterdir())
    assert len(folders) == 2 and all(f.startswith("auto-") for f in folders)
    printed = capsys.readouterr().out
    assert "auto-coded, not curated" in printed
    # the report states in-sample and out-of-sample figures, from the stored counts, with their sentences
    for line in accuracy.samples_lines(accuracy.stored(load_package())):
        assert line in printed
    assert "In-sample" in printed and "Out-of-sample" in printed
    # exactly the code the page uses: the same rows as read_file + code_article
    data = load_package()
    got = read_file("page.html", PAGE.encode())
    coded = code_article(got.text, ArticleMeta(outlet="Example Herald", headline=got.meta.headline, published=got.meta.published,
                                               url=got.meta.url), data)
    folder = out / coded.article_id
    for name in ("articles", "passages", "passage_principles", "passage_people", "lexicon"):
        written = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        expected = pd.read_csv(__import__("io").StringIO(coded.tables[name].to_csv(index=False)), dtype=str, keep_default_na=False)
        assert written.drop(columns=[c for c in written if c.startswith("published_")], errors="ignore").equals(
            expected.drop(columns=[c for c in expected if c.startswith("published_")], errors="ignore")), name
    art = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False).iloc[0]
    assert (art["headline"], art["published"], art["url"]) == ("Chiefs want fewer arrests", "2015-10-22", "https://herald.example.com/a")


def test_given_metadata_wins_over_the_pages(files, tmp_path):
    out = tmp_path / "out"
    assert main([str(files["page.html"]), "--outlet", "NPR", "--headline", "My headline", "--date", "2015-10-21",
                 "--url", "https://www.npr.org/x", "--out", str(out)]) == 0
    art = pd.read_csv(next(out.iterdir()) / "articles.csv", dtype=str, keep_default_na=False).iloc[0]
    assert (art["outlet_id"], art["headline"], art["published"], art["url"]) == ("npr", "My headline", "2015-10-21", "https://www.npr.org/x")


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    def f(name: str, content: bytes) -> str:
        (tmp_path / name).write_bytes(content)
        return str(tmp_path / name)

    raw_gawker = (DATA_DIR / "raw/articles/001_9091b613673b9117.txt").read_bytes()
    out = ["--out", str(tmp_path / "out")]
    return {
        "empty": ([f("empty.txt", b""), "--outlet", "X", *out], "empty"),
        "whitespace": ([f("blank.txt", b" \n\t\n "), "--outlet", "X", *out], "empty"),
        "too big": ([f("big.txt", b"a" * (MAX_BYTES + 1)), "--outlet", "X", *out], "limit"),
        "binary": ([f("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00"), "--outlet", "X", *out], "Windows-1252"),
        "not text": ([f("bad.txt", b"chiefs \x81\x8d\x8f arrests"), "--outlet", "X", *out], "neither UTF-8 nor Windows-1252"),
        "wrong kind": ([f("a.pdf", b"%PDF-1.4"), "--outlet", "X", *out], ".txt, .md, .html, .htm"),
        "missing file": ([str(tmp_path / "nope.txt"), "--outlet", "X", *out], "not a file"),
        "script page": ([f("app.html", b"<html><body><script>render()</script><script src='a.js'></script></body></html>"), "--outlet", "X", *out],
                        "page of scripts"),
        "no body": ([f("menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"), "--outlet", "X", *out], "No article body"),
        "no sentence": ([f("dots.txt", "… — …".encode()), "--outlet", "X", *out], "No sentence"),
        "off topic": ([f("lib.txt", b"The city council met on Tuesday to discuss the new library. Residents asked for longer hours."),
                       "--outlet", "X", *out], "Nothing of this event"),
        "duplicate": ([f("gawker.txt", raw_gawker), "--outlet", "Gawker", *out], "nearly identical"),
        "blank outlet": ([f("ok.txt", ARTICLE.encode()), "--outlet", " ", *out], "outlet"),
        "bad date": ([f("ok2.txt", ARTICLE.encode()), "--outlet", "X", "--date", "21/10/2015", *out], "YYYY-MM-DD"),
        "bad url": ([f("ok3.txt", ARTICLE.encode()), "--outlet", "X", "--url", "javascript:alert(1)", *out], "address"),
    }


BAD_CASES = ("empty", "whitespace", "too big", "binary", "not text", "wrong kind", "missing file", "script page", "no body", "no sentence",
             "off topic", "duplicate", "blank outlet", "bad date", "bad url")


def test_the_bad_cases_are_all_listed(tmp_path):
    assert tuple(_bad_inputs(tmp_path)) == BAD_CASES


@pytest.mark.parametrize("case", BAD_CASES)
def test_every_bad_input_gives_a_message_and_exit_1(case, tmp_path, capsys):
    argv, message = _bad_inputs(tmp_path)[case]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())  # nothing written


def test_good_articles_are_written_beside_bad_ones(files, tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert main([str(tmp_path / "empty.txt"), str(files["a.txt"]), "--outlet", "X", "--out", str(out)]) == 1
    assert len(list(out.iterdir())) == 1


def test_a_wrong_command_line_exits_2_with_usage(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["a.txt"])  # no --outlet, no --out
    assert exit_.value.code == 2 and "--outlet" in capsys.readouterr().err


def test_as_a_subprocess(files, tmp_path):
    """The documented command itself, good and bad."""
    run = subprocess.run([sys.executable, "-m", "storyframes.autocode", str(files["notes.md"]), "--outlet", "Example Herald", "--out",
                          str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert len(list((tmp_path / "out").iterdir())) == 1
    (tmp_path / "e.txt").write_bytes(b"")
    bad = subprocess.run([sys.executable, "-m", "storyframes.autocode", str(tmp_path / "e.txt"), "--outlet", "X", "--out", str(tmp_path / "o2")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and bad.stderr.startswith("error: ") and "empty" in bad.stderr and "Traceback" not in bad.stderr


# --- a newsroom's batch: folders, clashes, --out, progress and summary (issue 21) ------------------------

def _folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "desk" / "deeper").mkdir(parents=True)
    (src / "a.txt").write_bytes(ARTICLE.encode())
    (src / "desk" / "page.HTML").write_bytes(PAGE.encode())
    (src / "desk" / "deeper" / "notes.md").write_bytes(("# Notes\n\n" + ARTICLE.replace("Wednesday", "Tuesday")).encode())
    (src / "desk" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (src / "desk" / "README").write_bytes(b"not an article")
    return src


def test_a_folder_is_read_with_its_subfolders_and_summed_up(tmp_path, capsys):
    out = tmp_path / "out"
    assert main([str(_folder(tmp_path)), "--outlet", "Example Herald", "--out", str(out)]) == 0
    assert len([p for p in out.iterdir() if p.is_dir()]) == 3
    printed = capsys.readouterr().out
    assert "Coded 3 of 3 article files; failed 0; skipped 2 other files." in printed
    assert "articles per second after loading" in printed
    assert "photo.jpg: not an article file" in printed and "README: not an article file" in printed


def test_a_second_run_never_replaces_an_article_without_force(files, tmp_path, capsys):
    out = tmp_path / "out"
    assert main([str(files["a.txt"]), "--outlet", "First Outlet", "--out", str(out)]) == 0
    [folder] = list(out.iterdir())
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    capsys.readouterr()
    assert main([str(files["a.txt"]), "--outlet", "Second Outlet", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert f"error: {files['a.txt']}: {folder} is already there for the outlet 'First Outlet'" in captured.err
    assert "--force" in captured.err and f"failed: {files['a.txt']}" in captured.out
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    # with --force it is replaced, and says so in the rows
    assert main([str(files["a.txt"]), "--outlet", "Second Outlet", "--out", str(out), "--force"]) == 0
    art = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False).iloc[0]
    assert art["outlet"] == "Second Outlet"


def test_force_never_replaces_a_folder_it_did_not_write_nor_an_article_of_the_same_run(files, tmp_path, capsys):
    out = tmp_path / "out"
    coded = code_article(read_file("a.txt", ARTICLE.encode()).text, ArticleMeta(outlet="X"), load_package())
    (out / coded.article_id).mkdir(parents=True)
    (out / coded.article_id / "mine.txt").write_text("someone's notes")
    assert main([str(files["a.txt"]), "--outlet", "X", "--out", str(out), "--force"]) == 1
    assert "not an auto-coded article's folder" in capsys.readouterr().err
    assert (out / coded.article_id / "mine.txt").read_text() == "someone's notes"
    twin = tmp_path / "twin.txt"
    twin.write_bytes(ARTICLE.encode())
    out2 = tmp_path / "out2"
    assert main([str(files["a.txt"]), str(twin), "--outlet", "X", "--out", str(out2), "--force"]) == 1
    err = capsys.readouterr().err
    assert f"error: {twin}: the same text as {files['a.txt']}, coded earlier in this run" in err


@pytest.mark.parametrize("make_out", ["a file", "under a file"])
def test_a_bad_out_names_the_out_path(files, tmp_path, capsys, make_out):
    blocker = tmp_path / "blocker.txt"
    blocker.write_text("x")
    out = blocker if make_out == "a file" else blocker / "sub"
    assert main([str(files["a.txt"]), "--outlet", "X", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: --out {out}: ") and str(files["a.txt"]) not in err and "Traceback" not in err


def test_every_error_names_its_file(tmp_path, capsys):
    for name, content in {"empty.txt": b"", "bin.txt": b"\x89PNG\r\n\x1a\n\x00\x00", "big.txt": b"a" * (MAX_BYTES + 1)}.items():
        (tmp_path / name).write_bytes(content)
        assert main([str(tmp_path / name), "--outlet", "X", "--out", str(tmp_path / "out")]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"error: {tmp_path / name}: "), err


def test_utf16_files_and_a_formula_outlet(tmp_path, capsys):
    (tmp_path / "u16.txt").write_bytes(ARTICLE.encode("utf-16"))
    out = tmp_path / "out"
    assert main([str(tmp_path / "u16.txt"), "--outlet", '=HYPERLINK("http://127.0.0.1:9/","x")', "--out", str(out)]) == 0
    [folder] = list(out.iterdir())
    art = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False).iloc[0]
    assert art["outlet"] == "'=HYPERLINK(\"http://127.0.0.1:9/\",\"x\")"
    assert (folder / art["raw_file"]).read_text(encoding="utf-8") == read_file("a.txt", ARTICLE.encode()).text


def test_a_progress_bar_on_a_terminal(files, tmp_path, monkeypatch, capsys):
    import io

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main([str(files["a.txt"]), str(files["notes.md"]), "--outlet", "X", "--out", str(tmp_path / "out")]) == 0
    assert "/2 [" in terminal.getvalue() and "article/s" in terminal.getvalue()  # tqdm's bar, counting the two
