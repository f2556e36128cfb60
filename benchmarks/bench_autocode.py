"""The command line's speed: code a folder of articles and report articles per second after loading.

Usage:  python benchmarks/bench_autocode.py [--articles 100] [--runs 3] [--checkout PATH] [--write]

Makes a folder of N articles (benchmarks/make_articles.py: seven in ten .txt, two .html, one .md,
resampled from the curated sentences, fixed seed) and runs the documented command on it as a new
process, `python -m storyframes.autocode FILES --outlet "Benchmark Herald" --out OUT`, into a fresh
OUT each time (the files are given one by one, which every version of the command accepts). Two
figures, each the median of --runs:

- after loading, by difference: the same command on the first article alone is timed too, and
  (N - 1) / (wall time with N - wall time with 1) is the speed once the process has loaded; it
  needs nothing from the command's output, so it compares any two checkouts (`--checkout` runs
  another checkout's command on the same folder: a before/after);
- after loading, as the command says: its summary line's "articles per second after loading"
  (commands since issue 21), with its loading time.

Prints a Markdown section; `--write` puts it in benchmarks/RESULTS.md between the markers below
(bench_pages.py keeps that section when it rewrites the file). Run it on a quiet machine: the
load average at start and end is in the section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.make_articles import articles  # noqa: E402

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BEGIN, END = "<!-- bench_autocode: begin -->", "<!-- bench_autocode: end -->"
SUMMARY = re.compile(r"Coded (\d[\d,]*) of (\d[\d,]*) article files?; .*Loading took ([\d.]+) s; coding took ([\d.]+) s "
                     r"\(([\d.]+) articles per second after loading\)")


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


def _commit(checkout: Path) -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=checkout, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or checkout.name
    except (OSError, subprocess.SubprocessError):
        return checkout.name


def run_once(checkout: Path, files: list[Path], out: Path) -> tuple[float, re.Match | None, int, str]:
    """(wall seconds, the summary line's match or None, exit status, stderr's last line) of one run."""
    cmd = [sys.executable, "-m", "storyframes.autocode", *map(str, files), "--outlet", "Benchmark Herald", "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    t = time.perf_counter()
    done = subprocess.run(cmd, cwd=checkout, capture_output=True, text=True, env=env, timeout=3600)
    wall = time.perf_counter() - t
    last = (done.stderr.strip().splitlines() or [""])[-1]
    return wall, SUMMARY.search(done.stdout), done.returncode, last


def measure(checkout: Path, files: list[Path], runs: int, work: Path) -> dict:
    walls_n, walls_1, said, loads, coded, status = [], [], [], [], set(), set()
    for i in range(runs):
        w1, _, s1, _ = run_once(checkout, files[:1], work / f"one-{i}")
        wn, match, sn, last = run_once(checkout, files, work / f"all-{i}")
        walls_1.append(w1)
        walls_n.append(wn)
        status |= {s1, sn}
        coded.add(len([p for p in (work / f"all-{i}").iterdir() if p.is_dir()]) if (work / f"all-{i}").exists() else 0)
        if match:
            said.append(float(match.group(5)))
            loads.append(float(match.group(3)))
    n1, nn = statistics.median(walls_1), statistics.median(walls_n)
    return {"checkout": checkout, "commit": _commit(checkout), "wall_1": n1, "wall_n": nn,
            "by_difference": (len(files) - 1) / (nn - n1) if nn > n1 else float("nan"),
            "said": statistics.median(said) if said else None, "load": statistics.median(loads) if loads else None,
            "coded": sorted(coded), "status": sorted(status)}


def section(results: list[dict], n: int, runs: int, command: str, load_start: str, load_end: str) -> str:
    made = [rel.rsplit(".", 1)[-1] for rel, _ in articles(n)]
    kinds = ", ".join(f"{made.count(k)} .{k}" for k in ("txt", "html", "md"))
    lines = [BEGIN, "## Command line: coding a folder of articles", "",
             f"`{command}` ({dt.datetime.now(dt.timezone.utc).isoformat(timespec='seconds')}; nproc {os.cpu_count()}, "
             f"{platform.machine()}, Python {platform.python_version()}; load average {load_start} at start, {load_end} at end). "
             f"{n} articles made by `benchmarks/make_articles.py` ({kinds}, resampled from the curated "
             f"sentences), coded by `python -m storyframes.autocode` as a new process into a fresh folder; median of {runs} "
             f"run{'s' if runs != 1 else ''}. "
             "“By difference”: (N − 1) ÷ (wall time for N articles − wall time for the first alone), what the process codes "
             "once it has loaded; “as the command says”: its own summary line.", "",
             "| checkout | articles written | wall, 1 article (s) | wall, all (s) | articles/s after loading, by difference "
             "| articles/s after loading, as the command says | loading, as the command says (s) | target | met? |",
             "|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in results:
        said = f"{r['said']:.1f}" if r["said"] is not None else "— (no summary)"
        load = f"{r['load']:.1f}" if r["load"] is not None else "—"
        met = "yes" if r["by_difference"] >= 10 else "**no**"
        lines.append(f"| {r['commit']} | {', '.join(map(str, r['coded']))} | {r['wall_1']:.1f} | {r['wall_n']:.1f} | "
                     f"{r['by_difference']:.1f} | {said} | {load} | ≥ 10 | {met} |")
    lines += ["", END]
    return "\n".join(lines)


def with_section(text: str, block: str) -> str:
    """RESULTS.md's text with this benchmark's section put in (replacing the one there, else at the end)."""
    if BEGIN in text and END in text:
        start, end = text.index(BEGIN), text.index(END) + len(END)
        return text[:start] + block + text[end:]
    return text.rstrip("\n") + "\n\n" + block + "\n"


def kept_section(old: str) -> str:
    """This benchmark's section of an old RESULTS.md, or "" (bench_pages.py carries it over)."""
    if BEGIN in old and END in old:
        return old[old.index(BEGIN): old.index(END) + len(END)]
    return ""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=100)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--checkout", type=Path, action="append", default=[],
                   help="also time this checkout's command on the same folder (repeatable; for a before/after)")
    p.add_argument("--write", action="store_true", help="put the section in benchmarks/RESULTS.md")
    args = p.parse_args(argv)
    given = [str(a) for a in (argv if argv is not None else sys.argv[1:])]
    # a checkout outside the repository is named by its commit, not by where it sits on this machine
    shown = [f"<a copy of {_commit(Path(a))}>" if i and given[i - 1] == "--checkout" else a for i, a in enumerate(given)]
    command = "python benchmarks/bench_autocode.py " + " ".join(shown)
    load_start = _load()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        for rel, content in articles(args.articles):
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(content, encoding="utf-8")
        files = sorted(f for f in folder.rglob("*") if f.is_file())
        results = []
        for i, checkout in enumerate([*args.checkout, ROOT]):
            work = Path(tmp) / f"out-{i}"
            work.mkdir()
            print(f"timing {checkout} ({args.runs} runs)…", file=sys.stderr, flush=True)
            results.append(measure(checkout.resolve(), files, args.runs, work))
    block = section(results, args.articles, args.runs, command.strip(), load_start, _load())
    print(block)
    if args.write:
        RESULTS.write_text(with_section(RESULTS.read_text(encoding="utf-8"), block), encoding="utf-8")
        print(f"Wrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
