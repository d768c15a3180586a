"""`import medialit` plus `load_case()` against `import pandas, ipywidgets` alone.

Each is timed in fresh interpreters (median of several), in the same run. Goal: ratio <= 1.2."""
from __future__ import annotations

import statistics
import subprocess
import sys
import time

REPEAT = 7


def _time(code: str) -> float:
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run() -> list[dict]:
    base = _time("import pandas, ipywidgets")
    value = _time("import medialit; medialit.load_case()")
    return [{"name": "import+load_case_s (vs import pandas, ipywidgets)", "value": round(value, 4),
             "baseline": round(base, 4), "ratio": round(value / base, 3), "goal": 1.2}]
