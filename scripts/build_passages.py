"""Rebuild data/passages.csv (and the computed columns of data/articles.csv) from data/raw/.

Usage:  python scripts/build_passages.py [--check]

Every sentence of every article becomes one passage, verbatim, with its character offsets in
the raw file so a test can prove it is in the source. Passage ids are `<article_id>-NN` in
reading order, so hand codes keyed by passage id stay attached as long as the text is unchanged.
With --check nothing is written; the exit status says whether the files are up to date.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storyframes.core.text import passages_for  # noqa: E402  (shared with the automatic coding: storyframes.autocode)
from build_io import check_flag, write_or_check  # noqa: E402

DATA = ROOT / "data"


def build(data_dir: Path = DATA) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pd.read_csv(data_dir / "articles.csv", dtype=str, keep_default_na=False)
    rows = []
    for i, art in articles.iterrows():
        raw_bytes = (data_dir / art["raw_file"]).read_bytes()
        raw = raw_bytes.decode("utf-8")
        art_rows = passages_for(art["article_id"], raw, art["headline"])
        rows.extend(art_rows)
        prose = [r for r in art_rows if not r["is_furniture"]]
        articles.loc[i, "raw_sha256"] = hashlib.sha256(raw_bytes).hexdigest()
        articles.loc[i, "word_count"] = str(sum(r["word_count"] for r in prose))
        articles.loc[i, "sentence_count"] = str(len(prose))
    return articles, pd.DataFrame(rows)


def main() -> int:
    check = check_flag(__doc__.splitlines()[0])
    articles, passages = build()
    stale = write_or_check({DATA / "articles.csv": articles, DATA / "passages.csv": passages}, check)
    if check:
        return 1 if stale else 0
    print(f"wrote {len(passages)} passages from {len(articles)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
