"""Rebuild data/coverage.csv and data/coverage_people.csv from data/sources/.

Usage:  python scripts/build_coverage.py [--check]

Inputs
  data/sources/coverage_index.csv    22 pieces of launch coverage (copy of the reference file)
  data/sources/members_evidence.csv  membership evidence: its source_url / evidence may cite an outlet
  data/outlets.csv                   outlet ids (coverage_id = outlet_id)
  data/members.csv                   member ids (built by scripts/build_members.py)

coverage.csv copies the index verbatim and adds parsed dates, the headline-confidence code and
note, and the full-text article id. coverage_people.csv says which members a piece names, ONLY
from what the index itself says (headline, angle_note) or from membership evidence that cites the
outlet (same article address, or the outlet's name in the evidence text). Author bylines are not
searched: they name journalists (NPR's Carrie Johnson is not Brendan Johnson).

With --check nothing is written; the exit status says whether the files are up to date.
"""

from __future__ import annotations

import calendar
import re
import sys
from pathlib import Path

import pandas as pd
from build_io import check_flag, write_or_check  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SOURCES = DATA / "sources"

COVERAGE_COLUMNS = [
    "coverage_id", "outlet_id", "outlet", "outlet_kind", "headline", "published", "published_earliest",
    "published_latest", "author", "url", "headline_confidence", "headline_confidence_note", "angle_note", "article_id",
]
PEOPLE_COLUMNS = ["coverage_id", "member_id", "evidence"]

# Index outlet names that differ from data/outlets.csv's `outlet` column.
OUTLET_ALIASES = {"CBS News": "cbs"}
# The three full-text articles (data/articles.csv), by outlet id.
ARTICLE_IDS = {"dabs": "dabs", "gawker": "gawker", "cbs": "cbs"}

# How a member is named in the index's own words (headline, angle_note): full names, or a
# surname after a role word. Matching is case-insensitive on whole words.
NAME_PATTERNS = {
    "david-ben": [r"Ben David"],
    "serpas-ronal": [r"Ronal Serpas"],
    "stanek-rich": [r"Rich Stanek"],
    "jones-todd": [r"B\. Todd Jones"],
    "johnson-brendan": [r"Brendan Johnson"],
    "beck-charlie": [r"Charlie Beck", r"Chief Beck"],
    "mcclelland-charles": [r"Charles McClelland", r"chief McClelland"],
    "mccarthy-garry": [r"Garry McCarthy", r"Garry F\. McCarthy"],
    "bratton-william": [r"William Bratton", r"Bill Bratton", r"Commissioner Bratton"],
    "lanier-cathy": [r"Cathy Lanier", r"Chief Lanier"],
    "vance-cyrus": [r"Cyrus Vance", r"Cyrus R\. Vance"],
}
# How the membership evidence text cites an outlet (case-sensitive, whole words).
OUTLET_TOKENS = {
    "nyt": [r"NYT"],
    "npr": [r"NPR"],
    "time": [r"Time"],
    "reason": [r"Reason"],
    "latimes": [r"LA Times"],
    "startribune": [r"Star Tribune"],
    "argusleader": [r"Argus Leader"],
    "wect": [r"WECT"],
    "vice": [r"VICE", r"Vice"],
}


def date_range(published: str) -> tuple[str, str]:
    """ISO earliest/latest dates from the index's `published` text; fail on anything else."""
    text = re.sub(r"\s*\(approx\.\)$", "", published.strip())
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})", text):
        return m.group(1), m.group(2)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text, text
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        y, mo = int(m.group(1)), int(m.group(2))
        return f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
    raise SystemExit(f"coverage_index.csv: cannot parse published {published!r}")


def headline_confidence(value: str) -> tuple[str, str]:
    """'medium (headline from the page address)' -> ('medium', 'headline from the page address')."""
    m = re.fullmatch(r"(high|medium|low|unverified)(?:\s+\((.*)\))?", value.strip())
    if not m:
        raise SystemExit(f"coverage_index.csv: cannot read headline_confidence {value!r}")
    return m.group(1), m.group(2) or ""


def _norm_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.strip()).rstrip("/")


def build(data_dir: Path = DATA) -> tuple[pd.DataFrame, pd.DataFrame]:
    src = data_dir / "sources"
    index = pd.read_csv(src / "coverage_index.csv", dtype=str, keep_default_na=False)
    outlets = pd.read_csv(data_dir / "outlets.csv", dtype=str, keep_default_na=False)
    evidence = pd.read_csv(src / "members_evidence.csv", dtype=str, keep_default_na=False)
    members = pd.read_csv(data_dir / "members.csv", dtype=str, keep_default_na=False)

    by_name = dict(zip(outlets["outlet"], outlets["outlet_id"])) | OUTLET_ALIASES
    rows = []
    for _, r in index.iterrows():
        if r["outlet"] not in by_name:
            raise SystemExit(f"coverage_index.csv: outlet {r['outlet']!r} is not in data/outlets.csv")
        oid = by_name[r["outlet"]]
        earliest, latest = date_range(r["published"])
        conf, conf_note = headline_confidence(r["headline_confidence"])
        rows.append(
            {
                "coverage_id": oid, "outlet_id": oid, "outlet": r["outlet"], "outlet_kind": r["outlet_kind"],
                "headline": r["headline"], "published": r["published"], "published_earliest": earliest,
                "published_latest": latest, "author": r["author"], "url": r["url"], "headline_confidence": conf,
                "headline_confidence_note": conf_note, "angle_note": r["angle_note"], "article_id": ARTICLE_IDS.get(oid, ""),
            }
        )
    coverage = pd.DataFrame(rows, columns=COVERAGE_COLUMNS)
    if coverage["coverage_id"].duplicated().any():
        raise SystemExit("coverage: two index rows map to the same outlet")

    # Which members each piece names.
    ev = evidence.merge(members[["name", "member_id"]], on="name", how="left", validate="one_to_one")
    if ev["member_id"].isna().any():
        raise SystemExit("members.csv is out of step with members_evidence.csv: run scripts/build_members.py")
    unknown = set(NAME_PATTERNS) - set(members["member_id"])
    if unknown:
        raise SystemExit(f"NAME_PATTERNS names unknown member ids {sorted(unknown)}")
    people: dict[tuple[str, str], list[str]] = {}
    for _, c in coverage.iterrows():
        cid = c["coverage_id"]
        for mid, pats in NAME_PATTERNS.items():
            for col in ("headline", "angle_note"):
                for pat in pats:
                    if m := re.search(rf"\b{pat}\b", c[col], flags=re.IGNORECASE):
                        people.setdefault((cid, mid), []).append(f"coverage_index.{col}: '{m.group(0)}'")
                        break
        for _, e in ev.iterrows():
            if _norm_url(e["source_url"]) == _norm_url(c["url"]):
                people.setdefault((cid, e["member_id"]), []).append("members_evidence.source_url is this article")
            for pat in OUTLET_TOKENS.get(cid, []):
                if m := re.search(rf"(?<![A-Za-z]){pat}(?![A-Za-z])", e["membership_evidence"]):
                    people.setdefault((cid, e["member_id"]), []).append(
                        f"members_evidence.evidence cites '{m.group(0)}': \"{e['membership_evidence']}\""
                    )
                    break
    order = {cid: i for i, cid in enumerate(coverage["coverage_id"])}
    prow = [
        {"coverage_id": cid, "member_id": mid, "evidence": "; ".join(dict.fromkeys(proofs))}
        for (cid, mid), proofs in sorted(people.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))
    ]
    return coverage, pd.DataFrame(prow, columns=PEOPLE_COLUMNS)


def main() -> int:
    check = check_flag(__doc__.splitlines()[0])
    coverage, people = build()
    stale = write_or_check({DATA / "coverage.csv": coverage, DATA / "coverage_people.csv": people}, check)
    if check:
        return 1 if stale else 0
    print(f"wrote {len(coverage)} coverage rows and {len(people)} coverage-member links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
