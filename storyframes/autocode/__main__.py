"""Code articles from the command line, exactly as the page does, and write their rows.

    python -m storyframes.autocode ARTICLE.(txt|md|html|htm) [ARTICLE ...] --outlet NAME
        [--headline TEXT] [--date YYYY-MM-DD] [--url ADDRESS] --out FOLDER

Each article goes to FOLDER/<article_id>/ (the data package's files for that article: see
storyframes/autocode/package.py). A web page's own title, date and address fill --headline,
--date and --url when they are not given. Every bad input prints one message on stderr (no
traceback) and the exit status is 1 (2 for a wrong command line); with several articles, the good
ones are still written.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from storyframes.autocode.coding import code_article
from storyframes.autocode.package import write_package_rows
from storyframes.autocode.reading import MAX_BYTES, ArticleMeta, InputError, read_file


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m storyframes.autocode",
                                description="Code news articles about the October 2015 launch automatically and write their "
                                            "rows in the data package's format (one folder per article).")
    p.add_argument("articles", nargs="+", type=Path, metavar="ARTICLE", help="a .txt, .md, .html or .htm file")
    p.add_argument("--outlet", required=True, help="the outlet that published it (e.g. NPR)")
    p.add_argument("--headline", default="", help="the headline (default: the page's title, for a web page)")
    p.add_argument("--date", default="", help="the publication date, YYYY-MM-DD (default: the page's date)")
    p.add_argument("--url", default="", help="the article's address (default: the page's canonical address)")
    p.add_argument("--out", required=True, type=Path, help="the folder to write into (created if needed)")
    return p


def run(path: Path, args: argparse.Namespace, data) -> Path:
    """Code one file; return the folder written. InputError for any bad input."""
    if not path.is_file():
        raise InputError(f"{path} is not a file that can be read.")
    size = path.stat().st_size
    if size > MAX_BYTES:  # said before reading a large file into memory
        raise InputError(f"The file {path.name} is {size:,} bytes; the limit is {MAX_BYTES:,} bytes. Add one article at a time.")
    extracted = read_file(path.name, path.read_bytes())
    given = ArticleMeta(outlet=args.outlet, headline=args.headline, published=args.date, url=args.url)
    meta = replace(given, headline=given.headline or extracted.meta.headline, published=given.published or extracted.meta.published,
                   url=given.url or extracted.meta.url)
    coded = code_article(extracted.text, meta, data)
    folder = args.out / coded.article_id
    write_package_rows(coded, folder)
    return folder, coded


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from storyframes.core.data import DataPackageError, load_package

    try:
        data = load_package()
    except DataPackageError as exc:
        print(f"error: the curated data package is broken: {exc}", file=sys.stderr)
        return 1
    status = 0
    for path in args.articles:
        try:
            folder, coded = run(path, args, data)
        except InputError as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        except OSError as exc:
            print(f"error: {path}: could not read or write ({exc.strerror or exc}).", file=sys.stderr)
            status = 1
            continue
        f = coded.found
        print(f"{path}: wrote {folder} ({f['sentences']} sentences, {f['principle_refs']} principle references, "
              f"{f['people']} people, {f['terms']} lexicon terms; auto-coded, not curated)")
    from storyframes.autocode import accuracy

    print("How far the automatic coding agrees with hand codes (data/autocode_accuracy.csv):")
    for line in accuracy.samples_lines(accuracy.stored(data)):
        print(f"  {line}")
    return status


if __name__ == "__main__":
    sys.exit(main())
