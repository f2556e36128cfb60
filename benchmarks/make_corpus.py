"""Make a synthetic corpus in the data package's format, for the data-scale benchmark.

Usage:  python benchmarks/make_corpus.py ARTICLES OUT_DIR [--outlets 30] [--seed 2015]

Writes a complete data package to OUT_DIR (which must not exist, or be empty): the real package
from data/ plus ARTICLES − 3 synthetic full-text articles, so the corpus holds ARTICLES articles in
all. Each synthetic article is resampled from the real sentences: its length from the real
articles' lengths, its sentences drawn (with replacement) from the real passages with their hand
codes, principle references, people and lexicon terms, under new ids (`syn-00004-01`, ...). Its raw
capture is written too (one paragraph per line, as the real ones), so the loader's checks (hashes,
verbatim offsets, foreign keys) run over the whole corpus exactly as they do on data/.

The synthetic articles belong to `--outlets` synthetic outlets (round robin; a newsroom's corpus is
many articles from a few dozen outlets, and the app compares outlets), each with a coverage row (a
resampled real headline and its headline codes) so the headline views grow too.

Point the app or the loader at it with STORYFRAMES_DATA_DIR=OUT_DIR. The package is valid against
its own datapackage.json (tests/test_bench_tools.py loads a small one and runs frictionless on it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "data"
DEFAULT_OUTLETS = 7
DEFAULT_SEED = 2015
RAW_DIR = "raw/synthetic"


def _read(data_dir: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(data_dir / f"{name}.csv", dtype=str, keep_default_na=False)


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")


def _records_by(frame: pd.DataFrame, key: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for rec in frame.to_dict("records"):
        out.setdefault(rec[key], []).append(rec)
    return out


def make_corpus(n_articles: int, out_dir: Path, *, outlets: int = DEFAULT_OUTLETS, seed: int = DEFAULT_SEED,
                data_dir: Path = DATA) -> dict[str, int]:
    """Write the corpus; return the row count of each table that grew."""
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise SystemExit(f"{out_dir} is not empty; give a new folder")
    shutil.copytree(data_dir, out_dir, dirs_exist_ok=True)
    rng = random.Random(seed)

    tables = {name: _read(data_dir, name) for name in (
        "outlets", "articles", "passages", "passage_codes", "passage_principles", "passage_people", "lexicon",
        "coverage", "headline_codes")}
    real_articles, passages = tables["articles"], tables["passages"]
    n_new = n_articles - len(real_articles)
    if n_new < 0:
        raise SystemExit(f"the real package already holds {len(real_articles)} articles; ask for at least that many")
    n_outlets = max(1, min(outlets, n_new)) if n_new else 0

    by_passage = {name: _records_by(tables[name], "passage_id") for name in ("passage_principles", "passage_people")}
    codes = _records_by(tables["passage_codes"], "passage_id")
    lexicon_by_passage = _records_by(tables["lexicon"], "first_passage_id")
    lengths = passages.groupby("article_id").size().tolist()
    pool = passages.to_dict("records")
    coverage_pool = tables["coverage"].merge(tables["headline_codes"], on="coverage_id").to_dict("records")

    new_outlets = [{"outlet_id": f"syn-outlet-{k:02d}", "outlet": f"Synthetic Outlet {k:02d}", "short_name": f"Syn {k:02d}",
                    "outlet_kind": "synthetic (benchmark)", "has_full_text": "true", "home_city": "", "home_state": ""}
                   for k in range(1, n_outlets + 1)]
    rows: dict[str, list[dict]] = {name: [] for name in tables}
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    raw_resources = []
    (out_dir / RAW_DIR).mkdir(parents=True, exist_ok=True)

    for k in range(n_new):
        article_id = f"syn-{k + len(real_articles) + 1:05d}"
        outlet = new_outlets[k % n_outlets]
        chosen = [rng.choice(pool) for _ in range(rng.choice(lengths))]
        lines, offset, paragraph = [], 0, 0
        article_passages = []
        i = 0
        while i < len(chosen):
            paragraph += 1
            group = chosen[i:i + rng.randint(1, 3)]
            i += len(group)
            parts, pos = [], offset
            for s_in_p, src in enumerate(group, 1):
                if parts:
                    pos += 1  # the space between sentences
                article_passages.append((src, paragraph, s_in_p, pos, pos + len(src["text"])))
                parts.append(src["text"])
                pos += len(src["text"])
            line = " ".join(parts)
            lines.append(line)
            offset += len(line) + 1  # the newline
        raw = ("\n".join(lines) + "\n").encode("utf-8")
        raw_file = f"{RAW_DIR}/{article_id}.txt"
        (out_dir / raw_file).write_bytes(raw)
        digest = hashlib.sha256(raw).hexdigest()
        seen_terms: set[str] = set()
        prose_words = prose_sentences = 0
        for n, (src, par, s_in_p, c0, c1) in enumerate(article_passages, 1):
            pid = f"{article_id}-{n:02d}"
            rows["passages"].append({**src, "passage_id": pid, "article_id": article_id, "paragraph": str(par),
                                     "sentence": str(n), "sentence_in_paragraph": str(s_in_p),
                                     "char_start": str(c0), "char_end": str(c1)})
            if src["is_furniture"].lower() != "true":
                prose_words += int(src["word_count"])
                prose_sentences += 1
            for rec in codes.get(src["passage_id"], ()):
                rows["passage_codes"].append({**rec, "passage_id": pid})
            for name, by_id in by_passage.items():
                for rec in by_id.get(src["passage_id"], ()):
                    rows[name].append({**rec, "passage_id": pid})
            for rec in lexicon_by_passage.get(src["passage_id"], ()):
                if rec["term"] not in seen_terms:  # (article, term) is the lexicon's key: the first passage only
                    seen_terms.add(rec["term"])
                    rows["lexicon"].append({**rec, "article_id": article_id, "first_passage_id": pid})
        cov = rng.choice(coverage_pool)
        day = f"2015-10-{rng.randint(21, 31)}"
        rows["articles"].append({
            "article_id": article_id, "outlet_id": outlet["outlet_id"], "outlet": outlet["outlet"],
            "outlet_kind": outlet["outlet_kind"], "headline": cov["headline"], "headline_confidence": "high",
            "headline_basis": "synthetic: a real outlet's headline, resampled", "author": "", "author_confidence": "unknown",
            "published": day, "published_earliest": day, "published_latest": day, "published_confidence": "high",
            "published_basis": "synthetic", "url": f"https://example.org/synthetic/{article_id}",
            "source_file": f"{article_id}.txt", "raw_file": raw_file, "raw_sha256": digest,
            "word_count": str(max(1, prose_words)), "sentence_count": str(max(1, prose_sentences)), "republished_from": ""})
        rows["coverage"].append({
            "coverage_id": article_id, "outlet_id": outlet["outlet_id"], "outlet": outlet["outlet"],
            "outlet_kind": outlet["outlet_kind"], "headline": cov["headline"], "published": day, "published_earliest": day,
            "published_latest": day, "author": "", "url": f"https://example.org/synthetic/{article_id}",
            "headline_confidence": "high", "headline_confidence_note": "", "angle_note": "synthetic", "article_id": article_id})
        rows["headline_codes"].append({"coverage_id": article_id, "frame": cov["frame"], "key_terms": cov["key_terms"],
                                       "headline_stance": cov["headline_stance"], "rationale": cov["rationale"]})
        raw_resources.append({"name": f"raw_{article_id.replace('-', '_')}", "path": raw_file, "format": "txt",
                              "mediatype": "text/plain", "encoding": "utf-8", "hash": f"sha256:{digest}",
                              "description": "A synthetic article resampled from the real sentences (benchmark only)."})
    rows["outlets"] = new_outlets

    counts = {}
    for name, table in tables.items():
        grown = pd.concat([table, pd.DataFrame(rows[name], columns=table.columns)], ignore_index=True)
        _write(grown, out_dir / f"{name}.csv")
        counts[name] = len(grown)
    descriptor["name"] = f"{descriptor['name']}-synthetic-{n_articles}"
    descriptor["title"] = f"{descriptor.get('title', '')} — synthetic corpus of {n_articles} articles (benchmark only)"
    descriptor["resources"] = descriptor["resources"] + raw_resources
    (out_dir / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, help="articles in the corpus, the 3 real ones included")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--outlets", type=int, default=DEFAULT_OUTLETS, help="synthetic outlets the new articles belong to")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    counts = make_corpus(args.articles, args.out_dir, outlets=args.outlets, seed=args.seed)
    print(f"wrote {args.out_dir}: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
