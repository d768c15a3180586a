"""The gradebook's guard against spreadsheet formulas, and ids that must reach an LMS unchanged."""
from __future__ import annotations

import csv
import json

import pytest

from medialit import instructor
from medialit.instructor import gradebook, synthetic


@pytest.mark.parametrize("value", ["-007", "-3.5", "+12", "007", "3.25", "S-001", "fox", "student-01", "", "-0"])
def test_plain_values_and_numbers_are_written_unchanged(value):
    assert gradebook.safe_cell(value) == value


@pytest.mark.parametrize("value", ["=1+2", "+cmd|' /C calc'!A0", "-2+3", "-fox", "@SUM(A1)", "\t1", "\r1",
                                   "-1e5", "- 7", "-٣", "=-007"])
def test_formulas_get_a_leading_apostrophe(value):
    assert gradebook.safe_cell(value) == "'" + value


def test_a_roster_id_that_is_a_negative_number_reaches_the_gradebook_unchanged(tmp_path):
    sub = tmp_path / "submissions"
    sub.mkdir()
    (sub / "fox.json").write_text(json.dumps(synthetic.export_doc("fox", [])), encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text("pseudonym,student_id,note\nfox,-007,=placeholder\n", encoding="utf-8")
    report = instructor.class_report(sub, progress=False)
    path = instructor.write_csv(report, tmp_path / "grades.csv", roster=instructor.read_roster(roster))
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["pseudonym", "student_id", "note"]
    assert {tuple(r[:3]) for r in rows[1:]} == {("fox", "-007", "'=placeholder")}


def test_without_a_roster_the_header_has_no_student_id(tmp_path):
    sub = tmp_path / "submissions"
    sub.mkdir()
    (sub / "fox.json").write_text(json.dumps(synthetic.export_doc("fox", [])), encoding="utf-8")
    header, _ = gradebook.gradebook_rows(instructor.class_report(sub, progress=False))
    assert header == ["pseudonym", "lesson", "exercise", "done", "score", "max_score", "submitted_at"]
