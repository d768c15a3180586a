"""Try before you see: no committed student notebook shows key content, in any cell source or
stored output; quiz items are data; feedback cells run before an attempt say what to do."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from medialit import keyscan

REPO = Path(__file__).resolve().parents[1]
STUDENT = sorted((REPO / "lessons").glob("*.ipynb"))


@pytest.fixture(scope="module")
def needles():
    found = keyscan.key_strings()
    assert len(found) > 150          # every key's rationales, and every quiz's explanations and answers
    return found


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: p.name)
def test_student_notebook_shows_no_key_content(path, needles):
    nb = nbformat.read(path, as_version=4)
    assert keyscan.leaks(nb, needles) == []


def test_the_scan_finds_key_content_where_it_is(needles):
    # the worked editions show the key on purpose: the scan must see it there
    nb = nbformat.read(REPO / "solutions" / "02-claims-and-opinions.ipynb", as_version=4)
    assert keyscan.leaks(nb, needles)
    planted = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("x")])
    rationale = next(n for n, where in needles.items() if "sentences.toml" in where and "rationale" in where)
    planted.cells.append(nbformat.v4.new_code_cell("print(1)", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text=rationale.upper() + "\n")]))
    assert len(keyscan.leaks(planted, needles)) == 1


def test_needles_cover_every_kind_of_held_back_text(needles):
    kinds = " ".join(needles.values())
    for what in ("rationale", "established", "neutral wording", "why", "answer"):
        assert what in kinds, what
    # article text is never a needle: it is shown to students everywhere
    from medialit import load_case
    text = keyscan.normalise(load_case().text)
    assert not [n for n in needles if n in text]
