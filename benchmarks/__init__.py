"""The project benchmark: `python benchmarks/bench_pages.py` (see its docstring)."""
