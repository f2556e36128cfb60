"""Code articles from the command line, exactly as the page does, and write their rows.

    python -m storyframes.autocode ARTICLE|FOLDER [ARTICLE|FOLDER ...] --outlet NAME
        [--headline TEXT] [--date YYYY-MM-DD] [--url ADDRESS] --out FOLDER [--force]

A FOLDER is read with its subfolders, every .txt, .md, .html and .htm file in it in name order
(other files are skipped and counted). Each article goes to OUT/<article_id>/ (the data
package's files for that article: see storyframes/autocode/package.py). The id comes from the
text alone (the same text is the same article), so a folder that is already there is never
replaced: the article is refused, naming the folder and the outlet already written in it, unless
--force is given (then it is replaced; two files of one run with the same text are refused even
then). A web page's own title, date and address fill --headline, --date and --url when they are
not given. Every bad input prints one message on stderr naming its path (no traceback); a
progress bar shows on a terminal; a summary ends the run: how many were coded, skipped and
failed, with each reason, and the articles per second after loading. The exit status is 0 when
every article was coded, 1 when any was refused or failed, 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from storyframes.autocode.reading import ACCEPTED_SUFFIXES, MAX_BYTES, ArticleMeta, InputError, check_size, read_file

EPILOG = ("The same text always gets the same id (auto- and a hash of the text). An article whose folder is already in --out "
          "is refused, naming the outlet it was written for, unless --force is given. Exit status: 0 when every article "
          "was coded, 1 when any was refused or failed, 2 for a wrong command line.")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m storyframes.autocode",
                                description="Code news articles about the October 2015 launch automatically and write their "
                                            "rows in the data package's format (one folder per article).", epilog=EPILOG)
    p.add_argument("articles", nargs="+", type=Path, metavar="ARTICLE",
                   help="a .txt, .md, .html or .htm file, or a folder of them (read with its subfolders)")
    p.add_argument("--outlet", required=True, help="the outlet that published it (e.g. NPR)")
    p.add_argument("--headline", default="", help="the headline (default: the page's title, for a web page)")
    p.add_argument("--date", default="", help="the publication date, YYYY-MM-DD (default: the page's date)")
    p.add_argument("--url", default="", help="the article's address (default: the page's canonical address)")
    p.add_argument("--out", required=True, type=Path, help="the folder to write into (created if needed)")
    p.add_argument("--force", action="store_true",
                   help="replace an article's folder already in --out (by default it is refused, naming its outlet)")
    return p


@dataclass
class Outcome:
    """What happened to each article of one run."""
    coded: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # not an article (a folder's other files)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # refused or not written, with the reason
    written: dict[str, Path] = field(default_factory=dict)  # article id -> the file it was coded from, this run


def articles_in(paths: list[Path], outcome: Outcome) -> list[Path]:
    """The files to code, in order: each file given, and each folder's article files (with its
    subfolders, in name order). A folder's other files are skipped (counted in `outcome`)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                if f.suffix.lower() in ACCEPTED_SUFFIXES:
                    found.append(f)
                else:
                    outcome.skipped.append((f, f"not an article file ({', '.join(ACCEPTED_SUFFIXES)})"))
        else:
            found.append(path)
    return found


def check_out(out: Path) -> None:
    """InputError naming --out's path when it cannot hold the articles' folders."""
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: it is a file, not a folder. Give a folder to write the articles into.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"--out {out}: the folder cannot be made ({exc.strerror or exc}).") from None
    probe = out / ".storyframes-write-check"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise InputError(f"--out {out}: the folder cannot be written to ({exc.strerror or exc}).") from None


def _outlet_written_in(folder: Path) -> str:
    """The outlet named in an article folder's articles.csv, or "" when it cannot be read."""
    import csv

    try:
        with (folder / "articles.csv").open(encoding="utf-8", newline="") as f:
            row = next(csv.DictReader(f), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return ""
    from storyframes.core.csvtext import restore_cell
    return restore_cell((row or {}).get("outlet", "") or "")


def run(path: Path, args: argparse.Namespace, data, outcome: Outcome | None = None):
    """Code one file and write its folder; return (the folder written, the AutoCoded article).
    InputError (naming the path it is about) for a bad input or a clash with a folder already there."""
    from storyframes.autocode.coding import code_article
    from storyframes.autocode.package import write_package_rows

    outcome = outcome or Outcome()
    if not path.is_file():
        raise InputError(f"{path} is not a file that can be read.")
    check_size(path.stat().st_size, "file")  # said before reading a large file into memory
    with path.open("rb") as f:
        raw = f.read(MAX_BYTES + 1)  # the file may have grown since: the reader checks what was read
    extracted = read_file(path.name, raw)
    given = ArticleMeta(outlet=args.outlet, headline=args.headline, published=args.date, url=args.url)
    meta = replace(given, headline=given.headline or extracted.meta.headline, published=given.published or extracted.meta.published,
                   url=given.url or extracted.meta.url)
    coded = code_article(extracted.text, meta, data)
    folder = args.out / coded.article_id
    first = outcome.written.get(coded.article_id)
    if first is not None:
        raise InputError(f"the same text as {first}, coded earlier in this run into {folder}; not written twice.")
    if folder.exists():
        ours = (folder / "datapackage.json").is_file()  # an article folder this command wrote, not some other folder
        if not (args.force and ours):
            outlet = _outlet_written_in(folder)
            said = f" for the outlet {outlet!r}" if outlet else ""
            how = "Give --force to replace it." if ours else "It is not an auto-coded article's folder: nothing was replaced."
            raise InputError(f"{folder} is already there{said}, from the same text (the id comes from the text); "
                             f"not replaced. {how}")
        shutil.rmtree(folder)
    write_package_rows(coded, folder, descriptor=data.descriptor)
    outcome.written[coded.article_id] = path
    return folder, coded


def _warm(files: list[Path]) -> None:
    """Load, before the clock starts, what the first article would otherwise load: the syllable
    dictionary, and the web page reader when there are web pages to read."""
    from storyframes.core.text import passages_for

    passages_for("warm-up", "Police chiefs met.", "")
    if any(f.suffix.lower() in (".html", ".htm") for f in files):
        import trafilatura  # noqa: F401


def _progress(total: int):
    """A progress bar on stderr when it is a terminal (tqdm), else nothing."""
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, disable=None, dynamic_ncols=True, leave=False)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from tqdm import tqdm

    started = time.perf_counter()
    try:
        check_out(args.out)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    from storyframes.core.data import DataPackageError, load_package

    try:
        data = load_package()
    except DataPackageError as exc:
        print(f"error: the curated data package is broken: {exc}", file=sys.stderr)
        return 1
    outcome = Outcome()
    files = articles_in(args.articles, outcome)
    _warm(files)
    loaded = time.perf_counter()
    with _progress(len(files)) as bar:
        for path in files:
            try:
                folder, coded = run(path, args, data, outcome)
            except InputError as exc:
                message = str(exc)
                tqdm.write(f"error: {message if message.startswith(str(path)) else f'{path}: {message}'}", file=sys.stderr)
                outcome.failed.append((path, message))
            except OSError as exc:
                where = exc.filename or path
                tqdm.write(f"error: {path}: could not read or write {where} ({exc.strerror or exc}).", file=sys.stderr)
                outcome.failed.append((path, f"could not read or write {where} ({exc.strerror or exc})"))
            else:
                f = coded.found
                outcome.coded.append(path)
                tqdm.write(f"{path}: wrote {folder} ({f['sentences']} sentences, {f['principle_refs']} principle references, "
                           f"{f['people']} people, {f['terms']} lexicon terms; auto-coded, not curated)", file=sys.stdout)
            bar.update(1)
    done = time.perf_counter()
    print(summary(outcome, len(files), loaded - started, done - loaded))
    from storyframes.autocode import accuracy

    print("How far the automatic coding agrees with hand codes (data/autocode_accuracy.csv):")
    for line in accuracy.samples_lines(accuracy.stored(data)):
        print(f"  {line}")
    return 0 if not outcome.failed and files else 1


def summary(outcome: Outcome, total: int, load_s: float, code_s: float) -> str:
    """The run's last lines: coded, skipped and failed (each with its reason), and the speed."""
    rate = len(outcome.coded) / code_s if code_s > 0 and outcome.coded else 0.0
    lines = [f"Coded {len(outcome.coded):,} of {total:,} article file{'s' if total != 1 else ''}; "
             f"failed {len(outcome.failed):,}; skipped {len(outcome.skipped):,} other file{'s' if len(outcome.skipped) != 1 else ''}. "
             f"Loading took {load_s:.1f} s; coding took {code_s:.1f} s ({rate:.1f} articles per second after loading)."]
    if not total:
        lines.append("No article file was found: give .txt, .md, .html or .htm files, or folders that hold them.")
    lines += [f"  failed: {path}: {reason}" for path, reason in outcome.failed]
    lines += [f"  skipped: {path}: {reason}" for path, reason in outcome.skipped]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
