"""Class-report scale: 1,000 and 10,000 synthetic students with 300 records each.

The value is the whole command's work in seconds: read and check every export, grade it,
summarise the class, draw the charts, write the HTML page and the gradebook CSV. The
baseline, measured in the same run on the same 1,000 files, is the naive way to load them:
one ``pandas.read_json`` per file, then ``pandas.concat`` (it loads, nothing more).

Goals (issue 14): 1,000 students in at most 2 s and 10,000 in at most 20 s, linear. The
10,000 row's baseline is ten times this run's 1,000-student time, so its ratio is the
linearity (1.0 = exactly linear). Times are the best of a few runs: the machine is shared.
``MEDIALIT_BENCH_REPORT_SIZES=1000`` skips the 10,000 class (1.5 GB of files).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

RECORDS = 300


def _row(name, value, baseline, goal, limit, note):
    ratio = value / baseline if baseline else None
    ok = ratio is not None and ratio <= goal and value <= limit
    return {"name": name, "value": round(value, 3), "baseline": round(baseline, 3),
            "ratio": round(ratio, 3) if ratio is not None else None, "goal": goal, "ok": ok, "note": note}


def _report(folder: Path, out: Path, case) -> tuple[float, float]:
    """(wall seconds, CPU seconds) for the whole command's work."""
    from medialit import instructor
    t, c = time.perf_counter(), time.process_time()
    report = instructor.class_report(folder, case=case, progress=False)
    instructor.write_html(report, out / "report.html")
    instructor.write_csv(report, out / "grades.csv")
    took = (time.perf_counter() - t, time.process_time() - c)
    assert report.skipped == [] and report.n_students > 0
    return took


def _naive(folder: Path) -> float:
    import pandas as pd
    t = time.perf_counter()
    frames = [pd.read_json(p) for p in sorted(folder.iterdir())]
    pd.concat(frames, ignore_index=True)
    return time.perf_counter() - t


def run() -> list[dict]:
    import medialit
    from medialit.instructor import synthetic
    case = medialit.load_case()
    sizes = [int(s) for s in os.environ.get("MEDIALIT_BENCH_REPORT_SIZES", "1000,10000").split(",") if s]
    rows = []
    with tempfile.TemporaryDirectory(prefix="medialit-bench-report-") as tmp:
        root = Path(tmp)
        times: dict[int, float] = {}
        for n in sizes:
            folder = root / f"class-{n}"
            t = time.perf_counter()
            written = synthetic.write_bench_class(folder, n, records=RECORDS, case=case)
            made = time.perf_counter() - t
            runs = 3 if n <= 2000 else 2
            times[n], cpu = min(_report(folder, root, case) for _ in range(runs))
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            if n == sizes[0]:
                base = min(_naive(folder) for _ in range(2))
                rows.append(_row(f"class_report.{n}x{RECORDS}_s", times[n], base, 1.0, 2.0 * n / 1000,
                                 f"read+grade+HTML+CSV vs pandas.read_json per file + concat; goal <= "
                                 f"{2.0 * n / 1000:g} s and faster than the baseline; CPU {cpu:.2f} s; load "
                                 f"average {load:.1f}; {written / 1e6:.0f} MB written in {made:.1f} s"))
            else:
                first = sizes[0]
                linear = times[first] * n / first
                rows.append(_row(f"class_report.{n}x{RECORDS}_s", times[n], linear, 1.2, 20.0 * n / 10_000,
                                 f"baseline: {n // first} x the {first}-student time (ratio = linearity); goal "
                                 f"<= {20.0 * n / 10_000:g} s; CPU {cpu:.2f} s; load average {load:.1f}; "
                                 f"{written / 1e6:.0f} MB written in {made:.1f} s"))
            shutil.rmtree(folder)
    return rows


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))
