"""The whole benchmark in one command: every page and the data scale, then a class at once.

Usage:  python benchmarks/run_all.py [--quick]

Runs benchmarks/bench_pages.py (writes benchmarks/RESULTS.md), then benchmarks/bench_load.py
(writes benchmarks/LOAD_RESULTS.md), one after the other so neither measures the other's load.
Run it on a quiet machine: every figure is a ratio to a floor page measured in the same run, but
a busy neighbour still widens the spread. Exits non-zero if either part fails to run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("benchmarks/bench_pages.py", "benchmarks/bench_load.py")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--quick"]):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    status = 0
    for part in PARTS:
        print(f"== python {part} {' '.join(args)}", flush=True)
        status |= subprocess.run([sys.executable, part, *args], cwd=ROOT, check=False).returncode
    print("Results: benchmarks/RESULTS.md and benchmarks/LOAD_RESULTS.md")
    return status


if __name__ == "__main__":
    sys.exit(main())
