"""Committed notebooks are deterministic and clean, and both editions match their source."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from medialit import lessons

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "lessons").glob("*.ipynb")) + sorted((REPO / "solutions").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_committed_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    assert lessons.check_hygiene(nb, path) == []


@pytest.mark.parametrize("name", lessons.lesson_names())
def test_editions_are_built_from_the_source(name):
    assert lessons.check_sync(name) == []


def test_every_source_has_both_editions_and_nothing_else():
    names = set(lessons.lesson_names())
    assert names, "no lesson sources in course/"
    assert {p.stem for p in (REPO / "lessons").glob("*.ipynb")} == names
    assert {p.stem for p in (REPO / "solutions").glob("*.ipynb")} == names


def _nb(outputs=(), nb_meta=None, cell_meta=None):
    nb = nbformat.v4.new_notebook(metadata=nb_meta or {"kernelspec": dict(lessons.KERNELSPEC)})
    cell = nbformat.v4.new_code_cell("x", metadata=cell_meta or {})
    cell.outputs = list(outputs)
    nb.cells.append(cell)
    return nb


@pytest.mark.parametrize("output, what", [
    (nbformat.v4.new_output("execute_result", {"text/plain": "<Widget object at 0x7f3a2b1c9d00>"}), "memory address"),
    (nbformat.v4.new_output("stream", text="saved 2026-11-27 18:00:01\n"), "timestamp"),
    (nbformat.v4.new_output("execute_result", {"text/plain": "id 1b4e28ba-2fa1-11d2-883f-0016d3cca427"}), "UUID"),
    (nbformat.v4.new_output("display_data", {"application/vnd.jupyter.widget-view+json": {"model_id": "x"}}), "widget"),
    (nbformat.v4.new_output("stream", text="work in /tmp/abc\n"), "temporary path"),
])
def test_hygiene_catches(output, what):
    problems = lessons.check_hygiene(_nb([output]))
    assert len(problems) == 1 and what in problems[0]


def test_hygiene_catches_metadata_and_passes_clean():
    assert lessons.check_hygiene(_nb(nb_meta={"kernelspec": dict(lessons.KERNELSPEC), "widgets": {}}))
    assert lessons.check_hygiene(_nb(cell_meta={"scrolled": True}))
    clean = _nb([nbformat.v4.new_output("stream", text="Case('x': 1 sentences)\n")], cell_meta={"tags": ["a"]})
    assert lessons.check_hygiene(clean) == []


def test_edition_splits_tagged_cells():
    src = nbformat.v4.new_notebook()
    src.cells = [nbformat.v4.new_markdown_cell("both"),
                 nbformat.v4.new_code_cell("answer = None", metadata={"tags": ["student"]}),
                 nbformat.v4.new_code_cell("answer = 42", metadata={"tags": ["solution"], "scrolled": True})]
    student, worked = lessons.edition(src, "student"), lessons.edition(src, "solution")
    assert [c.source for c in student.cells] == ["both", "answer = None"]
    assert [c.source for c in worked.cells] == ["both", "answer = 42"]
    assert worked.cells[1].metadata == {"tags": ["solution"]}
    assert [c.id for c in student.cells] == ["stu-000", "stu-001"]
    with pytest.raises(ValueError, match="edition must be"):
        lessons.edition(src, "teacher")
