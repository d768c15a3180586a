"""Build and check the instructor notebook ``solutions/instructor/class-report.ipynb``.

Its source is ``course/instructor/class-report.py`` (jupytext percent). It is instructor-only,
so it has no student edition: the rule is that sources under ``course/instructor/`` build
into ``solutions/instructor/`` alone. The build uses the lessons' own steps (cells as the
worked edition, a fresh kernel with an empty work folder, allow-listed metadata), and the
check is the lessons' hygiene check plus "the committed notebook matches its source".

The class report's parameters (a cell tagged ``parameters``) also come from the environment
(``MEDIALIT_SUBMISSIONS``, ``MEDIALIT_REPORT_OUT``, ``MEDIALIT_ROSTER``); the build unsets
them, so the committed outputs are always the synthetic demonstration's.

    python -m medialit.instructor.notebook build|check
"""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Iterator

from .. import lessons
from ..paths import REPO

__all__ = ["SOURCES", "TARGETS", "PARAMETERS", "build", "check", "demo_environment"]

SOURCES = REPO / "course" / "instructor"
TARGETS = REPO / "solutions" / "instructor"
PARAMETERS = ("MEDIALIT_SUBMISSIONS", "MEDIALIT_REPORT_OUT", "MEDIALIT_ROSTER")


def _names() -> list[str]:
    return sorted(p.stem for p in SOURCES.glob("*.py"))


def _read(name: str):
    import jupytext  # build-time only
    return lessons.edition(jupytext.read(SOURCES / f"{name}.py", fmt="py:percent"), "solution")


@contextlib.contextmanager
def demo_environment() -> Iterator[None]:
    """The notebook parameters' environment variables unset for the block, then restored."""
    saved = {k: os.environ.pop(k) for k in PARAMETERS if k in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


def build() -> list[Path]:
    import nbformat
    written = []
    TARGETS.mkdir(parents=True, exist_ok=True)
    for name in _names():
        with lessons.scratch_work(), demo_environment():     # never real student work or a real class
            nb = lessons.execute(_read(name), TARGETS)
        lessons.clean(nb)
        path = TARGETS / f"{name}.ipynb"
        nbformat.write(nb, path)
        written.append(path)
    return written


def check() -> list[str]:
    """Problems: a notebook missing, out of date with its source, never run, or not clean."""
    import nbformat
    problems = []
    names = _names()
    extra = sorted(p.stem for p in TARGETS.glob("*.ipynb") if p.stem not in names)
    problems += [f"{TARGETS / e}.ipynb has no source in {SOURCES}" for e in extra]
    for name in names:
        path = TARGETS / f"{name}.ipynb"
        if not path.exists():
            problems.append(f"{path}: missing; run `make lessons`")
            continue
        have = nbformat.read(path, as_version=4)
        want = [(c.cell_type, c.source) for c in _read(name).cells]
        if [(c.cell_type, c.source) for c in have.cells] != want:
            problems.append(f"{path}: out of date with {SOURCES / name}.py; run `make lessons`")
        if any(c.cell_type == "code" and c.execution_count is None and c.source.strip() for c in have.cells):
            problems.append(f"{path}: has cells that were never run; run `make lessons`")
        problems += lessons.check_hygiene(have, path.relative_to(REPO))
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["build"]:
        for p in build():
            print(f"wrote {p.relative_to(REPO)}")
        return 0
    if argv[:1] in (["check"], []):
        problems = check()
        print("\n".join(problems) or "instructor notebooks are up to date and clean")
        return 1 if problems else 0
    print("usage: python -m medialit.instructor.notebook [build|check]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
