"""Make a folder of articles for the command line's benchmark (benchmarks/bench_autocode.py).

Usage:  python benchmarks/make_articles.py N FOLDER [--seed 2015]

Writes N articles to FOLDER, as a newsroom's folder would hold them: seven in ten as plain text
(.txt), two as a page saved from the browser (.html) and one as Markdown (.md), some in a
subfolder. Each is resampled from the curated sentences (data/passages.csv, furniture left out):
a headline and 8 to 24 sentences from all three articles, in paragraphs of one to three, so each
is about the event (the coder accepts it) and none is a near-copy of a curated article (the
coder refuses those). The same seed gives the same folder.
"""

from __future__ import annotations

import argparse
import html
import random
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = 2015


def articles(n: int, seed: int = DEFAULT_SEED) -> list[tuple[str, str]]:
    """(relative path, content) of `n` resampled articles."""
    rng = random.Random(seed)
    passages = pd.read_csv(ROOT / "data" / "passages.csv", dtype={"text": str}, keep_default_na=False)
    sentences = passages.loc[~passages["is_furniture"].astype(str).str.lower().eq("true"), "text"].tolist()
    headlines = pd.read_csv(ROOT / "data" / "coverage.csv", dtype=str, keep_default_na=False)["headline"].tolist()
    out = []
    for i in range(n):
        chosen = rng.sample(sentences, rng.randint(8, 24))
        paras, at = [], 0
        while at < len(chosen):
            k = rng.randint(1, 3)
            paras.append(" ".join(chosen[at:at + k]))
            at += k
        headline = rng.choice(headlines)
        kind = "txt" if i % 10 < 7 else ("html" if i % 10 < 9 else "md")
        sub = "desk-b/" if i % 4 == 3 else ""
        if kind == "html":
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
            content = (f"<html><head><title>{html.escape(headline)}</title></head><body><nav><a href='/'>Home</a></nav>"
                       f"<article><h1>{html.escape(headline)}</h1>{body}</article><footer>© The Example Herald</footer></body></html>")
        elif kind == "md":
            content = f"# {headline}\n\n" + "\n\n".join(paras) + "\n"
        else:
            content = headline + "\n\n" + "\n\n".join(paras) + "\n"
        out.append((f"{sub}article-{i:04d}.{kind}", content))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", type=int)
    p.add_argument("folder", type=Path)
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = p.parse_args(argv)
    if args.folder.exists() and any(args.folder.iterdir()):
        print(f"error: {args.folder} is not empty", file=sys.stderr)
        return 1
    for rel, content in articles(args.n, args.seed):
        path = args.folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    print(f"wrote {args.n} articles to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
