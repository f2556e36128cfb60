"""What every build script shares: write its tables, or with --check only say if they are stale."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd


def check_flag(description: str) -> bool:
    """Parse the build scripts' one option: --check (write nothing; fail if out of date)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="write nothing; fail if out of date")
    return parser.parse_args().check


def write_or_check(targets: dict[Path, pd.DataFrame], check: bool) -> list[str]:
    """Write each table as UTF-8 CSV (LF line ends) unless --check; return the stale file names."""
    stale = []
    for path, frame in targets.items():
        text = frame.to_csv(index=False, lineterminator="\n")
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path.name)
            if not check:
                path.write_text(text, encoding="utf-8")
    if check:
        print("up to date" if not stale else f"out of date: {', '.join(stale)}")
    return stale
