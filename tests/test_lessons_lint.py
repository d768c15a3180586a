"""The lesson linter: anatomy, content note, feedback and solutions, no unmasked slur."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from medialit import course, lessons

REPO = Path(__file__).resolve().parents[1]
EDITIONS = [(name, which) for name in lessons.lesson_names() for which in ("student", "solution")]


@pytest.mark.parametrize("name, which", EDITIONS, ids=[f"{w}/{n}" for n, w in EDITIONS])
def test_lesson_passes_the_linter(name, which):
    path = lessons.EDITIONS[which] / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert lessons.lint(nb, name, which) == []


@pytest.mark.parametrize("name", lessons.lesson_names())
def test_lesson_has_teaching_notes_and_is_in_the_course_list(name):
    assert name in {slug for slug, _ in course.LESSONS.values()}
    notes = REPO / "docs" / "teaching" / f"{name}.md"
    assert notes.exists() and len(notes.read_text(encoding="utf-8").splitlines()) >= 20


def test_lessons_00_to_04_exist():
    assert [n[:2] for n in lessons.lesson_names()][:5] == ["00", "01", "02", "03", "04"]


def _good():
    src = lessons.read_source("02-claims-and-opinions")
    return lessons.edition(src, "solution")


def test_the_linter_passes_a_good_lesson_and_catches_each_rule():
    nb = _good()
    assert lessons.lint(nb, "02-claims-and-opinions", "solution") == []

    bad = _good(); bad.cells[0].source = "# Untitled"
    assert "first cell" in lessons.lint(bad, "02-claims-and-opinions", "solution")[0]

    bad = _good()
    obj = next(c for c in bad.cells if c.source.startswith("## Objectives"))
    obj.source = obj.source.replace("(10 min)", "")
    assert any("minutes" in p for p in lessons.lint(bad, "02-claims-and-opinions", "solution"))

    bad = _good(); bad.cells = [c for c in bad.cells if "solution" not in c.metadata.get("tags", [])]
    assert any("no worked solution" in p for p in lessons.lint(bad, "02-claims-and-opinions", "solution"))

    bad = _good()
    for c in bad.cells:
        c.metadata["tags"] = [t for t in c.metadata.get("tags", []) if t != "feedback"]
    assert any("no cell tagged 'feedback'" in p for p in lessons.lint(bad, "02-claims-and-opinions", "solution"))

    bad = _good(); bad.cells.insert(3, nbformat.v4.new_code_cell("case.comments"))
    assert any("before any content note" in p for p in lessons.lint(bad, "02-claims-and-opinions", "solution"))

    bad = _good(); bad.cells.pop()
    assert any("navigation" in p for p in lessons.lint(bad, "02-claims-and-opinions", "solution"))


def test_the_linter_keeps_exercises_in_step_with_the_lesson_data():
    bad = _good()
    head = next(c for c in bad.cells if c.source.startswith("### Exercise 2.3"))
    head.source = head.source.replace("Exercise 2.3", "Exercise 2.9")
    found = lessons.lint(bad, "02-claims-and-opinions", "solution")
    assert any("Exercise 2.9 is not declared in 02.toml" in p for p in found)
    assert any("declares exercise 2.3, but the lesson has no such heading" in p for p in found)

    bad = _good(); bad.cells.insert(3, nbformat.v4.new_code_cell('Quiz("2.9", "?", ["a", "b"], answer="a", why={})'))
    assert any("quiz items are data" in p for p in lessons.lint(bad, "02-claims-and-opinions", "solution"))

    bad = _good(); bad.cells.insert(3, nbformat.v4.new_code_cell("lesson.complete()"))
    assert any("marks progress by being run" in p for p in lessons.lint(bad, "02-claims-and-opinions", "solution"))


def test_the_linter_checks_each_exercise_title_against_the_lesson_data():
    bad = _good()
    head = next(c for c in bad.cells if c.source.startswith("### Exercise 2.3"))
    head.source = head.source.replace("### Exercise 2.3 · Facts first, judgements later", "### Exercise 2.3 · Reflection")
    found = lessons.lint(bad, "02-claims-and-opinions", "solution")
    assert any("Exercise 2.3 is titled 'Reflection' in the lesson but 'Facts first, judgements later' in 02.toml" in p
               for p in found), found


@pytest.mark.parametrize("name", lessons.lesson_names())
def test_every_exercise_heading_has_the_title_the_progress_panel_shows(name):
    """The source, not only the built notebooks: `### Exercise N.M · Title` as in data/lessons/NN.toml."""
    nb = lessons.edition(lessons.read_source(name), "solution")
    assert [p for p in lessons.lint(nb, name, "solution") if " is titled " in p] == []


def test_the_linter_catches_an_unmasked_listed_term(monkeypatch):
    from medialit import safety
    monkeypatch.setattr(safety, "terms", lambda: ("placeholderterm",))
    bad = _good()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("stream", text="a placeholderterm here\n")]
    bad.cells.insert(3, cell)
    assert any("unmasked" in p for p in lessons.lint(bad, "02-claims-and-opinions", "solution"))
