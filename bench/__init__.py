"""Benchmarks. Each ``bench/bench_*.py`` module defines ``run() -> list[dict]`` returning
``{"name", "value", "baseline", "ratio", "goal"}`` with value and baseline measured in the
same run; ``python -m bench`` prints a table, ``python -m bench --json`` a JSON list."""
