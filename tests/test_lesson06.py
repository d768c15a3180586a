"""Lesson 06 as built: what its tables show, what it promises, and when its exercises count."""
from __future__ import annotations

import nbformat
import pytest

from medialit import lessons, topics

NAME = "06-comparing-sources"


def _notebook(which: str) -> nbformat.NotebookNode:
    return nbformat.read(lessons.EDITIONS[which] / f"{NAME}.ipynb", as_version=4)


def _output_of(nb: nbformat.NotebookNode, needle: str) -> str:
    cell = next(c for c in nb.cells if c.cell_type == "code" and needle in c.source)
    return "".join(str(v) for o in cell.get("outputs", []) for v in o.get("data", {}).values())


@pytest.mark.parametrize("which", ["student", "solution"])
def test_the_framing_definitions_are_shown_in_full(which):
    shown = _output_of(_notebook(which), "FRAMING_CHOICES")
    for framing, meaning in topics.FRAMING_CHOICES:
        assert framing in shown and meaning in shown, meaning
    assert "..." not in shown and "…" not in shown
