"""How the class report scores: only this case's work, no score without an attempt, each
exercise on what it asks, quiz answers checked against the lesson data, contested items
left out everywhere, and items in their natural order. Answers are set by hand."""
from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from medialit import exercises, instructor, spans
from medialit.instructor import submissions, synthetic

CASE = "rodong-2024"
OWN = "own-0a1b2c3d4e"          # lesson 08's own text: same doc ids, same sentence numbers


def rec(kind, key, value, doc_id="", case_id=CASE, anchor=None):
    return {"schema": 1, "seq": 0, "time": synthetic.TIME, "op": "put", "kind": kind, "case_id": case_id,
            "doc_id": doc_id, "key": key, "value": value, "anchor": anchor}


def write(folder, students: dict[str, list[dict]]):
    folder.mkdir(exist_ok=True)
    for name, recs in students.items():
        recs = [dict(r, seq=n) for n, r in enumerate(recs, 1)]
        (folder / f"{name}.medialit-work.json").write_text(json.dumps(synthetic.export_doc(name, recs)),
                                                           encoding="utf-8")
    return instructor.class_report(folder, progress=False)


def option(quiz_id, correct=True):
    return next(o.text for o in exercises.find_quiz(quiz_id).options if o.correct == correct)


def by_student(report):
    return {r.pseudonym: r for r in report.results}


def row(report, exercise_id):
    return report.exercises.set_index("exercise").loc[exercise_id]


def sentence_labels(case, wrong: int = 0, case_id=CASE, label=None):
    """Every sentence labelled: the key's label (or ``label``), the first ``wrong`` uncontested ones not."""
    out, missed = [], 0
    for s in case.key("sentences").itertuples():
        give = label or s.label
        if not s.contested and missed < wrong:
            give, missed = ("opinion" if s.label != "opinion" else "fact"), missed + 1
        out.append(rec("sentence_label", str(s.sentence), {"label": give}, "article", case_id))
    return out


def test_work_on_an_own_case_is_not_compared(case, tmp_path):
    mine = sentence_labels(case, wrong=2)                        # 19 of 21 uncontested right
    own = sentence_labels(case, case_id=OWN, label="prediction")  # the same numbers on another text
    own += [rec("comment_label", "c07", {"labels": ["constructive"]}, "c07", OWN),
            rec("moderation", "c07", {"decision": "keep", "rule": "R1"}, "c07", OWN),
            rec("verdict", "fc-04", {"verdict": "inaccurate", "justification": "w"}, "article", OWN)]
    # lesson 08's own analysis is written in reflections, saved under the course's case as the widget does
    mine.append(rec("reflection", "8.2", {"text": "placeholder words", "changed": True, "lesson": "08"}))
    report = write(tmp_path / "c", {"dot": mine + own})
    dot = by_student(report)["dot"]
    assert dot.done["8.2"] and dot.scores["8.2"] == (None, None)       # counted as done, not compared
    assert dot.scores["2.1"] == (19, 21)
    assert dot.scores["7.2"] == dot.scores["7.3"] == dot.scores["3.1"] == (None, None)
    assert report.missed["comment labels"].empty and report.missed["moderation decisions"].empty
    assert report.missed["claims (sentence labels)"].answered.tolist() == [1, 1]
    assert set(report.missed["claims (sentence labels)"].most_given_instead) <= {"opinion", "fact"}
    assert report.students.set_index("pseudonym").loc["dot", "other_case_records"] == len(own)
    # done is what medialit.exercises counts, on the same records (it decides about other cases)
    records = submissions.read_submission(tmp_path / "c" / "dot.medialit-work.json").records
    for lesson in exercises.lesson_progress(records):
        for ex in lesson["exercises"]:
            assert dot.done[ex["id"]] == ex["done"], ex["id"]


def test_an_exercise_not_attempted_has_no_score(case, tmp_path):
    right, wrong = option("0.3"), option("0.3", correct=False)
    first = next(s for s in case.key("sentences").itertuples() if not s.contested)
    report = write(tmp_path / "c", {
        "ann": [rec("quiz", "0.3", {"answer": right, "correct": True})],
        "ben": [rec("quiz", "0.3", {"answer": wrong, "correct": False}),
                rec("sentence_label", str(first.sentence), {"label": first.label}, "article")],
        "cy": [rec("progress", "pseudonym", {"lesson": "00"})],
        "dee": [rec("progress", "pseudonym", {"lesson": "00"})],
        "eve": [rec("progress", "pseudonym", {"lesson": "00"})]})
    by = by_student(report)
    for ex in ("1.1", "3.1", "4.1", "2.1", "6.1", "7.3", "pre.check"):
        assert by["cy"].scores[ex] == (None, None), ex
    assert by["ann"].scores["1.1"] == (None, None) and by["ann"].scores["4.1"] == (None, None)
    assert row(report, "1.1").scored == 0 and pd.isna(row(report, "1.1").mean_score)
    # agreement and most missed: the same students, those who answered
    assert row(report, "0.3").scored == 2 and row(report, "0.3").mean_score == 0.5
    quiz = report.missed["quizzes"].set_index("item").loc["quiz 0.3"]
    assert quiz.answered == 2 and quiz.missed_share == 0.5
    # one sentence answered: scored over that one, and the report says how many were compared
    assert by["ben"].scores["2.1"] == (1, 1)
    assert row(report, "2.1").items_compared == 1 and row(report, "2.1").key_items == 21
    students = report.students.set_index("pseudonym")
    assert students.loc["ann", "mean_score"] == 1.0 and students.loc["ann", "exercises_scored"] == 1
    assert students.loc["ben", "mean_score"] == 0.5 and students.loc["ben", "exercises_scored"] == 2
    assert students.loc["cy", "exercises_scored"] == 0
    # a fact-check exercise on a contested claim is a discussion point: done, never scored
    contested = set(case.key("factchecks").query("contested").id)
    for info in report.exercise_info:
        if info.exercise.rule.kind == "verdict" and info.exercise.rule.key in contested:
            assert info.scorer is None and "contested" in row(report, info.id).note
    path = instructor.write_csv(report, tmp_path / "g.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        grades = {(r["pseudonym"], r["exercise"]): r for r in csv.DictReader(fh)}
    assert (grades["ben", "2.1"]["score"], grades["ben", "2.1"]["max_score"]) == ("1", "1")
    assert (grades["cy", "1.1"]["score"], grades["cy", "1.1"]["max_score"]) == ("", "")


def test_each_framing_exercise_scores_what_it_asks(case, tmp_path):
    key = case.key("sources").head(12)
    judged, first_wrong = [], True
    for s in key.itertuples():
        framing = s.framing
        if not s.contested and first_wrong:
            framing, first_wrong = ("same facts" if s.framing != "same facts" else "omission"), False
        judged.append(rec("framing", s.source, {"topic": s.topic, "framing": framing,
                                                "left_out": "placeholder words"}, "sources"))
    judged.append(rec("quiz", "1.1", {"answer": option("1.1"), "correct": True}))
    report = write(tmp_path / "c", {"fay": judged})
    fay = by_student(report)["fay"]
    uncontested = int((~key.contested).sum())
    assert fay.scores["6.1"] == (uncontested - 1, uncontested)
    assert fay.scores["6.2"] == fay.scores["6.4"] == (None, None)
    assert fay.done["6.1"] and fay.done["6.2"] and fay.done["6.4"]     # done, only not scored twice
    assert "6.1" in row(report, "6.4").note and "leaves out" in row(report, "6.2").note and "left_out" not in row(report, "6.2").note
    mean = report.students.set_index("pseudonym").loc["fay", "mean_score"]
    assert mean == pytest.approx(((uncontested - 1) / uncontested + 1) / 2)


def test_moderation_needs_the_decision_and_the_rule(case, tmp_path):
    key = case.key("comments").set_index("comment_id")
    assert [key.loc[c, "contested"] for c in ("c03", "c07", "c14")] == [False] * 3
    report = write(tmp_path / "c", {"gus": [
        rec("moderation", "c03", {"decision": key.loc["c03", "decision"], "rule": key.loc["c03", "rule"]}, "c03"),
        rec("moderation", "c07", {"decision": key.loc["c07", "decision"], "rule": "R3"}, "c07"),
        rec("moderation", "c14", {"decision": "hide", "rule": key.loc["c14", "rule"]}, "c14")]})
    assert by_student(report)["gus"].scores["7.3"] == (1, 3)
    assert "rule" in row(report, "7.3").compared_with
    missed = report.missed["moderation decisions"].set_index("item")
    assert missed.loc["c07 moderation", "most_given_instead"].endswith("R3")


def test_quiz_correctness_comes_from_the_lesson_data(tmp_path):
    report = write(tmp_path / "c", {
        "hal": [rec("quiz", "1.1", {"answer": "an answer that is not an option", "correct": True}),
                rec("quiz", "1.2", {"answer": option("1.2"), "correct": False}),
                rec("quiz", "pre.1", {"answer": option("pre.1", False), "correct": True})]})
    hal = by_student(report)["hal"]
    assert hal.scores["1.1"] == (0, 1) and hal.scores["1.2"] == (1, 1)
    assert hal.scores["pre.check"] == (0, 1)
    quiz = report.missed["quizzes"].set_index("item").loc["quiz 1.1"]
    assert quiz.missed == 1 and quiz.not_an_option == 1
    assert report.before_after.set_index("item").loc["1", "before_correct"] == 0.0


def test_contested_spans_never_count_as_found(case, tmp_path):
    doc = case.document("p01")
    key = case.key("loaded_language")
    inside = key[(key.start >= doc.start) & (key.end <= doc.end)]
    assert inside.contested.any() and not inside.contested.all()
    marks = [rec("span", f"s{n}", {"label": r.category, "note": "", "task": "loaded_language"}, "p01",
                 anchor=spans.anchor(doc.text, r.start - doc.start, r.end - doc.start))
             for n, r in enumerate(inside.itertuples())]
    report = write(tmp_path / "c", {"ida": marks})
    labels = report.labels["loaded_language"]
    counted = inside[~inside.contested]
    assert labels.of.sum() == labels.found.sum() == len(counted)


def test_items_are_in_their_natural_order(case, tmp_path):
    sent = case.key("sentences").set_index("sentence")
    assert not sent.loc[5, "contested"] and not sent.loc[9, "contested"]
    wrong = {5: "opinion", 9: "opinion"}
    report = write(tmp_path / "c", {"jo": [rec("sentence_label", str(s), {"label": lab}, "article")
                                           for s, lab in wrong.items()]})
    assert report.missed["claims (sentence labels)"]["item"].tolist() == ["sentence 6", "sentence 10"]
