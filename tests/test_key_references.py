"""What a student reads in the keys, the taxonomy and the moderation policy cites what the
student can open: lesson 03's fact checks and their evidence cards, or a named source. The
course's own reference files (the fact sheet, the source dossier) are not in the course, so
their section numbers mean nothing to a student."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = sorted([*(DATA / "cases" / "rodong-2024" / "keys").glob("*.toml"), DATA / "taxonomy" / "techniques.toml",
                DATA / "policy" / "moderation.toml", DATA / "cases" / "rodong-2024" / "evidence.toml"])
INTERNAL = re.compile(r"fact[ -]sheet\s*(§|C\d|\d|,)|dossier\s*\d|later readings", re.IGNORECASE)


def _strings(node, where=""):
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for k, v in node.items():
            if k != "fact_sheet":              # the authoring cross-reference field, never shown
                yield from _strings(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, f"{where}[{i}]")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_reference_a_student_cannot_open(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    bad = [(where, m.group(0)) for where, text in _strings(data) for m in [INTERNAL.search(text)] if m]
    assert not bad, f"{path.name}: {bad[:5]}"


def test_the_pattern_catches_what_it_should():
    for text in ("(fact sheet §2)", "fact sheet C1", "dossier 1.10", "(fact sheet, later readings §8)", "fact sheet 11"):
        assert INTERNAL.search(text), text
    assert not INTERNAL.search("(fact check fc-02 in lesson 03)")
