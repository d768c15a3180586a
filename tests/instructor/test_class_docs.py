"""The class guide and the README say what the report code does."""
from __future__ import annotations

from medialit.instructor import gradebook, submissions
from medialit.paths import REPO

GUIDE = (REPO / "docs" / "teaching-a-class.md").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")
README_CLASS = README.split("## Teaching a class", 1)[1].split("\n## ", 1)[0]


def test_the_gradebook_columns_are_stated_as_written():
    plain = ", ".join(gradebook.COLUMNS)
    with_roster = ", ".join(["pseudonym", "student_id", "…", *gradebook.COLUMNS[1:]])
    for text in (GUIDE, README_CLASS):
        assert f"`{plain}`" in text and f"`{with_roster}`" in text
    assert "pseudonym, student_id, lesson" not in GUIDE + README_CLASS     # never without a roster


def test_the_guide_names_every_option_and_rule_of_the_report():
    for phrase in ("MEDIALIT_CASE", "--case", "--jobs", "MEDIALIT_JOBS", "--max-mb", "`pseudonym`", "`student_id`",
                   "comma-separated", "unpack", "guest (", "in the future", "naive", "How scores are computed"):
        assert phrase in GUIDE, phrase
    assert f"{submissions.MAX_DEPTH - 1} levels of subfolders" in GUIDE
