"""The instructor notebook is built from its source, executed and clean (strict nbval runs it)."""
from __future__ import annotations

from medialit.instructor import notebook


def test_instructor_notebook_matches_its_source_and_is_clean():
    assert notebook.check() == []


def test_instructor_notebooks_stay_out_of_the_student_edition():
    from medialit import lessons
    assert not any("instructor" in name for name in lessons.lesson_names())
    assert not (lessons.EDITIONS["student"] / "instructor").exists()
