"""Each page's warm script time as a ratio to the floor page, in the checkout it is run from.

    python benchmarks/script_ab.py [RUNS]     (from a checkout's root; RUNS defaults to 15)

Prints one line of JSON: page -> median warm run / median floor run, and the floor's median in
ms. To compare two revisions (an A/B), run it in a worktree of each, one after the other and then
in the other order: each line's ratios are to a floor timed in that same process, so the
machine's state cancels out, not its noise (hence both orders).
"""
import json, sys, statistics
from pathlib import Path
ROOT = Path.cwd(); sys.path.insert(0, str(ROOT))
from benchmarks.script_timing import Script, time_scripts
pages = ["dashboard.py"] + sorted((str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py")), key=lambda s: int(Path(s).name.split("_")[0]))
scripts = [Script("floor", ROOT / "benchmarks/apps/floor.py")] + [Script(p, ROOT / "dashboard.py", None if p == "dashboard.py" else p) for p in pages]
res = time_scripts(scripts, int(sys.argv[1]) if len(sys.argv) > 1 else 15, log=lambda *a: None)
floor = statistics.median(res["floor"].times_ms)
print(json.dumps({n: round(statistics.median(s.times_ms) / floor, 2) for n, s in res.items() if s.times_ms} | {"floor_ms": round(floor, 1)}))
