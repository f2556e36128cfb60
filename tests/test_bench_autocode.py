"""The command line's benchmark (benchmarks/bench_autocode.py): its folder of articles is one the
coder accepts in full, and its section of RESULTS.md is put in, replaced and carried over."""

from __future__ import annotations

from benchmarks.bench_autocode import BEGIN, END, SUMMARY, kept_section, with_section
from benchmarks.make_articles import articles
from storyframes.autocode import ArticleMeta, code_article, read_file
from storyframes.autocode.__main__ import Outcome, summary
from storyframes.core.data import load_package


def test_every_made_article_is_coded_and_the_kinds_are_mixed():
    made = articles(20)
    assert {rel.rsplit(".", 1)[-1] for rel, _ in made} == {"txt", "html", "md"} and any("/" in rel for rel, _ in made)
    assert made == articles(20)  # the same seed, the same folder
    data = load_package()
    ids = {code_article(read_file(rel, content.encode()).text, ArticleMeta(outlet="Benchmark Herald"), data).article_id
           for rel, content in made}
    assert len(ids) == 20


def test_the_section_is_put_in_replaced_and_kept():
    block = f"{BEGIN}\n## Command line\n\n| a |\n{END}"
    text = with_section("# Results\n\nother\n", block)
    assert text.endswith(block + "\n") and text.startswith("# Results\n\nother\n")
    newer = block.replace("| a |", "| b |")
    assert with_section(text, newer).count(BEGIN) == 1 and "| b |" in with_section(text, newer)
    assert kept_section(text) == block and kept_section("# Results\n") == ""


def test_the_commands_summary_is_what_the_benchmark_reads():
    from pathlib import Path
    outcome = Outcome(coded=[Path("a.txt")] * 3, failed=[(Path("b.txt"), "empty")])
    match = SUMMARY.search(summary(outcome, 4, 1.25, 0.5))
    assert match and match.group(1) == "3" and match.group(5) == "6.0" and match.group(3) == "1.2"
