"""Strict nbval over the lessons against nbval over the same notebooks with empty code cells.

Both runs use the same pytest, kernel and number of notebooks, in the same process tree, so
the ratio is what the course's own code costs on top of starting kernels. Goal: <= 1.5."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]


def _notebooks() -> list[Path]:
    return sorted((REPO / "lessons").glob("*.ipynb")) + sorted((REPO / "solutions").glob("*.ipynb"))


def _nbval(paths: list[Path], cwd: Path) -> float:
    with tempfile.TemporaryDirectory(prefix="medialit-bench-") as work:
        env = dict(os.environ, MEDIALIT_WORK=work)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", "-q", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider",
                        "--rootdir", str(cwd), *map(str, paths)], cwd=cwd, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        return time.perf_counter() - t


def run() -> list[dict]:
    real = _notebooks()
    with tempfile.TemporaryDirectory() as tmp:
        empty = []
        for i, path in enumerate(real):
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.source, cell.outputs, cell.execution_count = "", [], None
            out = Path(tmp) / f"{i:02d}-{path.name}"
            nbformat.write(nb, out)
            empty.append(out)
        # alternate the two and keep the best of each, so neither pays for a cold disk cache
        value, base = float("inf"), float("inf")
        for _ in range(3):
            value = min(value, _nbval(real, REPO))
            base = min(base, _nbval(empty, Path(tmp)))
    return [{"name": f"nbval_strict_s ({len(real)} notebooks vs empty code cells)", "value": round(value, 2),
             "baseline": round(base, 2), "ratio": round(value / base, 3), "goal": 1.5}]
