"""docs/reference/fact-sheet.md: the instructors' copy of the course's fact sheet, with the
listed slurs masked, equal to the workspace's copy (masked) when that is beside the repository."""
from __future__ import annotations

from pathlib import Path

from medialit import safety

REPO = Path(__file__).resolve().parents[1]
COPY = REPO / "docs" / "reference" / "fact-sheet.md"
SHARED = REPO.parent / "shared" / "reference" / "fact-sheet.md"


def test_the_copy_shows_no_listed_slur():
    text = COPY.read_text(encoding="utf-8")
    assert "§21" in text and "C2" in text                   # the sections the teaching notes cite
    assert not safety.masked_ranges(text)


def test_the_copy_is_the_workspace_fact_sheet_masked():
    # (a clone without the workspace beside it has only the copy, checked above)
    if SHARED.is_file():
        assert COPY.read_text(encoding="utf-8") == safety.mask(SHARED.read_text(encoding="utf-8")), \
            "copy shared/reference/fact-sheet.md again, masked (docs/reference/README.md)"
