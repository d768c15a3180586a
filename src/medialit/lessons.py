"""Build the two editions of each lesson from one source, and check notebook hygiene.

One source of truth per lesson: ``course/NN-slug.py`` in jupytext's percent format. Cells
tagged ``solution`` go only into the worked edition (``solutions/``); cells tagged
``student`` only into the student edition (``lessons/``); all others into both.
``python -m medialit.lessons build`` writes both editions and runs them top to bottom in a
fresh kernel so their stored outputs are what strict nbval compares.
``python -m medialit.lessons check`` verifies both editions are up to date and clean.

Hygiene (also run by the tests): no memory addresses, timestamps or random ids in text
outputs; notebook and cell metadata only from an allow-list; no saved widget state.
"""
from __future__ import annotations

import contextlib
import copy
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import nbformat

from .paths import REPO

__all__ = ["SOURCE_DIR", "edition", "build", "check_hygiene", "check_sync", "lesson_names", "lint"]

SOURCE_DIR = REPO / "course"
EDITIONS = {"student": REPO / "lessons", "solution": REPO / "solutions"}
NB_META = {"kernelspec", "language_info"}
CELL_META = {"tags", "editable", "deletable"}
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

_BAD_TEXT = [
    (re.compile(r"\bat 0x[0-9a-fA-F]{4,}"), "a memory address"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}"), "a timestamp"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "a random id (UUID)"),
    (re.compile(r"(?<![/\w])[0-9a-f]{32}(?![\w.])"), "a random id (hex)"),
    (re.compile(r"/tmp/|/private/var/|\\Temp\\"), "a temporary path"),
]


def lesson_names() -> list[str]:
    return sorted(p.stem for p in SOURCE_DIR.glob("[0-9][0-9]-*.py"))


def read_source(name: str) -> nbformat.NotebookNode:
    import jupytext  # build-time only
    return jupytext.read(SOURCE_DIR / f"{name}.py", fmt="py:percent")


def edition(nb: nbformat.NotebookNode, which: str) -> nbformat.NotebookNode:
    """The student or worked edition of a source notebook (cells only; no outputs)."""
    if which not in EDITIONS:
        raise ValueError(f"edition must be 'student' or 'solution', got {which!r}")
    drop = "solution" if which == "student" else "student"
    out = nbformat.v4.new_notebook()
    out.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if drop in tags:
            continue
        new = copy.deepcopy(cell)
        new.metadata = {k: v for k, v in cell.metadata.items() if k in CELL_META}
        new.pop("id", None)
        out.cells.append(new)
    for i, cell in enumerate(out.cells):
        cell["id"] = f"{which[:3]}-{i:03d}"  # stable ids: no random ids in committed files
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return out


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Keep allow-listed metadata, drop widget views and state from outputs."""
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in NB_META}
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in CELL_META}
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            data.pop(WIDGET_VIEW, None)
            data.pop(WIDGET_STATE, None)
            if out.get("output_type") != "stream":
                out["metadata"] = {}
    return nb


@contextlib.contextmanager
def scratch_work() -> Iterator[Path]:
    """``MEDIALIT_WORK`` set to a new empty folder for the block, then restored: a build
    never touches real student work."""
    old = os.environ.get("MEDIALIT_WORK")
    with tempfile.TemporaryDirectory() as work:
        os.environ["MEDIALIT_WORK"] = work
        try:
            yield Path(work)
        finally:
            if old is None:
                os.environ.pop("MEDIALIT_WORK", None)
            else:
                os.environ["MEDIALIT_WORK"] = old


def execute(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def build(names: list[str] | None = None, *, run: bool = True) -> list[Path]:
    """Write both editions of each lesson; run them in fresh kernels unless ``run`` is False."""
    written = []
    for name in names or lesson_names():
        src = read_source(name)
        for which, folder in EDITIONS.items():
            nb = edition(src, which)
            if run:
                with scratch_work():    # each notebook starts from an empty store
                    execute(nb, folder)
            clean(nb)
            folder.mkdir(exist_ok=True)
            path = folder / f"{name}.ipynb"
            nbformat.write(nb, path)
            written.append(path)
    return written


def _text_outputs(nb):
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                yield i, out.get("text", "")
            for mime, value in out.get("data", {}).items():
                if mime.startswith("text/") or mime.endswith("json"):
                    yield i, value if isinstance(value, str) else str(value)


def check_hygiene(nb: nbformat.NotebookNode, path: str | Path = "<notebook>") -> list[str]:
    """Problems that make a committed notebook non-deterministic or leak state."""
    problems = []
    extra = set(nb.metadata) - NB_META
    if extra:
        problems.append(f"{path}: notebook metadata not on the allow-list: {sorted(extra)}")
    for i, cell in enumerate(nb.cells):
        extra = set(cell.get("metadata", {})) - CELL_META
        if extra:
            problems.append(f"{path}: cell {i} metadata not on the allow-list: {sorted(extra)}")
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_STATE in data or WIDGET_VIEW in data:
                problems.append(f"{path}: cell {i} has saved widget state/view in its outputs")
            if out.get("output_type") == "error":
                problems.append(f"{path}: cell {i} has an error output ({out.get('ename')})")
    for i, text in _text_outputs(nb):
        for pattern, what in _BAD_TEXT:
            m = pattern.search(text)
            if m:
                problems.append(f"{path}: cell {i} output has {what}: {m.group()!r}")
    return problems


_SHOWS_COMMENTS = re.compile(r"\bcomments\b|CommentLab|[\"']c\d\d[\"']")
_EXERCISE = re.compile(r"^### Exercise (\d+)\.(\d+)", re.M)


def _outputs_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/"):
                parts.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(parts)


def lint(nb: nbformat.NotebookNode, name: str, which: str) -> list[str]:
    """The lesson anatomy (see STYLE.md and COURSE.md), as a list of problems."""
    from . import safety
    where = f"{EDITIONS[which].name}/{name}.ipynb"
    num = name[:2]
    cells = nb.cells
    md = [c for c in cells if c.cell_type == "markdown"]
    problems = []
    if not md or not re.match(rf"# {num} · \S", cells[0].source) or not re.search(r"^\*[^*].+\*$", cells[0].source, re.M):
        problems.append(f"{where}: the first cell must be '# {num} · Title' with an italic one-line subtitle")
    obj = next((c for c in md if c.source.startswith("## Objectives")), None)
    if obj is None:
        problems.append(f"{where}: no '## Objectives' cell")
    else:
        bullets = [l for l in obj.source.splitlines() if l.startswith("- ")]
        if not bullets or any(not re.search(r"\(\d+ min\)", b) for b in bullets):
            problems.append(f"{where}: every objective needs its minutes, like '(10 min)'")
        if "**Time:**" not in obj.source:
            problems.append(f"{where}: the objectives cell needs a '**Time:**' line")
    code = [c for c in cells if c.cell_type == "code"]
    if not code or f'course.start("{num}")' not in code[0].source:
        problems.append(f'{where}: the first code cell must be the setup, course.start("{num}")')
    if not any(c.source.startswith("## Key points") for c in md):
        problems.append(f"{where}: no '## Key points' cell")
    if not cells or cells[-1].cell_type != "code" or f'course.nav("{num}")' not in cells[-1].source:
        problems.append(f'{where}: the last cell must be the navigation, course.nav("{num}")')
    # a content note before anything that shows the comments
    note_seen = False
    for i, c in enumerate(cells):
        if c.cell_type == "markdown" and "Content note" in c.source:
            note_seen = True
        if c.cell_type == "code" and _SHOWS_COMMENTS.search(c.source) and not note_seen:
            problems.append(f"{where}: cell {i} shows the comments before any content note")
            break
    # every exercise has feedback, and in the worked edition a solution
    heads = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and _EXERCISE.search(c.source)]
    ends = heads[1:] + [next((i for i, c in enumerate(cells) if c.source.startswith("## Key points")), len(cells))]
    for h, e in zip(heads, ends):
        m = _EXERCISE.search(cells[h].source)
        label = f"Exercise {m.group(1)}.{m.group(2)}"
        if m.group(1).zfill(2) != num:
            problems.append(f"{where}: {label} is numbered for another lesson")
        section = cells[h:e]
        if not any("feedback" in c.metadata.get("tags", []) for c in section):
            problems.append(f"{where}: {label} has no cell tagged 'feedback'")
        if which == "solution" and not any("solution" in c.metadata.get("tags", []) for c in section):
            problems.append(f"{where}: {label} has no worked solution (a cell tagged 'solution')")
    if not heads:
        problems.append(f"{where}: no '### Exercise {int(num)}.1' heading")
    problems += _lint_exercise_data(cells, heads, num, where)
    # no unmasked slur in any source or output
    for i, c in enumerate(cells):
        for what, text in (("source", c.source), ("output", _outputs_text(c))):
            if safety.masked_ranges(text):
                problems.append(f"{where}: cell {i} {what} shows a listed slur unmasked")
    return problems


_TITLE = re.compile(r"^### Exercise \d+\.\d+ · (.+)$", re.M)


def _plain(title: str) -> str:
    """A title as read: no-break spaces and hyphens count as plain ones."""
    return " ".join(title.replace("\u2011", "-").replace("\u00a0", " ").split())


_QUIZ_IN_CODE = re.compile(r"\bQuiz\(|\bReflection\(|\bwhy\s*=\s*\{|\banswer\s*=")
_RUN_MARKS = re.compile(r"\.complete\(")


def _lint_exercise_data(cells, heads, num: str, where: str) -> list[str]:
    """Exercises match the lesson data; quiz items are data, not code; running marks nothing."""
    from . import exercises
    problems = []
    data = exercises.lesson_data(num)
    shown = [_EXERCISE.search(cells[h].source) for h in heads]
    shown_ids = [f"{m.group(1)}.{m.group(2)}" for m in shown]
    declared = [e.id for e in data.exercises if not e.id.startswith(("pre.", "post."))]
    for eid in shown_ids:
        if eid not in declared:
            problems.append(f"{where}: Exercise {eid} is not declared in {data.path.name} (what counts as done?)")
    for eid in declared:
        if eid not in shown_ids:
            problems.append(f"{where}: {data.path.name} declares exercise {eid}, but the lesson has no such heading")
    titles = {e.id: e.title for e in data.exercises}
    for h, eid in zip(heads, shown_ids):
        m = _TITLE.search(cells[h].source)
        here = _plain(m.group(1)) if m else ""
        if eid in titles and here != _plain(titles[eid]):
            problems.append(f"{where}: Exercise {eid} is titled {here or '(nothing)'!r} in the lesson but "
                            f"{titles[eid]!r} in {data.path.name} (the progress panel's name): make them agree")
    for i, c in enumerate(cells):
        if c.cell_type != "code":
            continue
        if _QUIZ_IN_CODE.search(c.source):
            problems.append(f"{where}: cell {i} builds a quiz or its answers in code; quiz items are data "
                            "(data/lessons/NN.toml, shown with course.quiz)")
        if _RUN_MARKS.search(c.source):
            problems.append(f"{where}: cell {i} marks progress by being run; progress comes from the student's work")
    return problems


def check_sync(name: str) -> list[str]:
    """Differences between the committed editions and what the source would build."""
    src = read_source(name)
    problems = []
    for which, folder in EDITIONS.items():
        path = folder / f"{name}.ipynb"
        if not path.exists():
            problems.append(f"{path}: missing; run `make lessons`")
            continue
        want = edition(src, which)
        have = nbformat.read(path, as_version=4)
        w = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in want.cells]
        h = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in have.cells]
        if w != h:
            diff = next((i for i, (a, b) in enumerate(zip(w, h)) if a != b), min(len(w), len(h)))
            problems.append(f"{path}: out of date with course/{name}.py from cell {diff}; run `make lessons`")
        elif any(c.cell_type == "code" and c.execution_count is None and c.source.strip() for c in have.cells):
            problems.append(f"{path}: has cells that were never run; run `make lessons`")
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    cmd, names = (argv[0] if argv else "check"), argv[1:]
    if cmd == "build":
        for p in build(names or None):
            print(f"wrote {p.relative_to(REPO)}")
        return 0
    if cmd == "check":
        problems = []
        for name in names or lesson_names():
            problems += check_sync(name)
            for folder in EDITIONS.values():
                path = folder / f"{name}.ipynb"
                if path.exists():
                    problems += check_hygiene(nbformat.read(path, as_version=4), path.relative_to(REPO))
        print("\n".join(problems) or "lessons are up to date and clean")
        return 1 if problems else 0
    print("usage: python -m medialit.lessons [build|check] [NN-slug ...]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
