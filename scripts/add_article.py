"""Append an auto-coded article (a folder written by `python -m storyframes.autocode`) to a data package.

Usage:  python scripts/add_article.py FOLDER [--data DATA_DIR]

Run it on a copy of data/ first, review the rows (the codes are automatic: check each, and add
frame, tone and stance by hand in passage_codes.csv if the article is to be compared there), then
validate: `frictionless validate COPY/datapackage.json` and the app's own loader, which this script
runs. See data/README.md, "Adding an article".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storyframes.autocode.package import merge_into  # noqa: E402
from storyframes.core.data import DataPackageError, load_package  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="FOLDER/<article_id> written by python -m storyframes.autocode")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data package to append to (default: data/)")
    args = parser.parse_args(argv)
    try:
        changed = merge_into(args.folder, args.data)
        load_package(args.data)
    except (ValueError, OSError, DataPackageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("changed " + ", ".join(Path(c).name for c in changed) + f"; {args.data} loads")
    return 0


if __name__ == "__main__":
    sys.exit(main())
