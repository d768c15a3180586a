"""The lesson data: exercises (what counts as done), quiz items and reflections, checked."""
from __future__ import annotations

import dataclasses

import pytest

from medialit import exercises, feedback
from medialit.errors import KeyFileError
from medialit.store import Record


def rec(kind, key, value=None, doc_id="", op="put", case_id="rodong-2024"):
    return Record(1, 1, "t", op, kind, case_id, doc_id, key, value or {}, None)


def test_every_lesson_file_loads_and_numbers_its_exercises():
    assert exercises.lessons_with_data()[:5] == ["00", "01", "02", "03", "04"]
    for lesson in exercises.lessons_with_data():
        data = exercises.lesson_data(lesson)
        assert data.exercises, lesson
        for q in data.quizzes.values():
            assert q.answers and all(o.why for o in q.options)


def test_rules_count_only_real_work():
    rule = exercises.ExerciseRule("verdict", key="fc-04", fields=("verdict", "justification"))
    assert not rule.done([rec("verdict", "fc-04", {"verdict": "accurate", "justification": "  "})])
    assert not rule.done([rec("verdict", "fc-04", {"verdict": "accurate", "justification": "x"}, op="delete")])
    assert rule.done([rec("verdict", "fc-04", {"verdict": "accurate", "justification": "card says"})])
    changed = exercises.ExerciseRule("reflection", key_prefix="1.3", min=3, changed=True)
    three = [rec("reflection", f"1.3{c}", {"text": "t", "changed": True}) for c in "abc"]
    assert changed.done(three) and not changed.done(three[:2])
    assert not changed.done([rec("reflection", f"1.3{c}", {"text": "t", "changed": False}) for c in "abc"])
    spans = exercises.ExerciseRule("span", task="loaded_language", doc_id="p07")
    assert spans.done([rec("span", "s1", {"task": "loaded_language"}, doc_id="p07")])
    assert not spans.done([rec("span", "s1", {"task": "techniques"}, doc_id="p07")])


def test_work_on_a_students_own_text_counts_only_for_lesson_08(case):
    own = "own-0123456789"                      # lesson 08: a pasted text, same sentence numbers
    labels = [rec("sentence_label", str(i), {"label": "fact"}, doc_id="article", case_id=own)
              for i in range(len(case.sentences))]
    sort_all = exercises.lesson_data("02").exercise("2.1")
    assert not exercises.exercise_done(sort_all, labels)
    assert exercises.exercise_done(sort_all, [dataclasses.replace(r, case_id=case.case_id) for r in labels])
    thoughts = [rec("reflection", f"8.{n}", {"text": "placeholder", "changed": True}, case_id=own) for n in range(1, 6)]
    row = exercises.lesson_progress(thoughts, ["08"])[0]
    assert row["done"] == 5 and row["remaining"] == ["8.6"]
    assert exercises.lesson_progress(labels, ["02"])[0]["done"] == 0


def test_no_work_means_no_progress_anywhere():
    assert all(r["done"] == 0 for r in exercises.lesson_progress([]))


def test_exercise_2_1_needs_every_sentence(case):
    assert exercises.lesson_data("02").exercise("2.1").rule.min == len(case.sentences)


def test_quiz_2_2_answer_follows_from_the_sentence_key(case):
    shares = feedback.fact_shares(case)
    assert exercises.find_quiz("2.2").answers == [max(shares, key=shares.get)]
    assert [o.text for o in exercises.find_quiz("2.2").options] == list(feedback.PARTS)


def test_fact_check_exercises_name_claims_of_the_key(case):
    ids = set(case.key("factchecks").id)
    for ex in exercises.lesson_data("03").exercises:
        if ex.rule.kind == "verdict":
            assert ex.rule.key in ids


def test_bad_lesson_files_name_the_file_and_the_entry(tmp_path):
    path = tmp_path / "05.toml"
    path.write_text('lesson = "05"\n[[exercise]]\nid = "5.1"\ntitle = "t"\n[exercise.done]\nkind = "nope"\n')
    with pytest.raises(KeyFileError, match=r"05\.toml: exercise 1 \(5\.1\): done\.kind must be one of"):
        exercises.read_lesson_file(path)
    path.write_text('lesson = "05"\n[[quiz]]\nid = "5.2"\nprompt = "p"\n[[quiz.option]]\ntext = "a"\nwhy = "w"\n'
                    '[[quiz.option]]\ntext = "b"\nwhy = "w"\n')
    with pytest.raises(KeyFileError, match="no option marked correct"):
        exercises.read_lesson_file(path)
    path.write_text('lesson = "05"\n[[exercise]]\nid = "5.1"\ntitle = "t"\n[exercise.done]\nkind = "quiz"\ncase = "mine"\n')
    with pytest.raises(KeyFileError, match=r'done\.case must be "course"'):
        exercises.read_lesson_file(path)
    path.write_text('lesson = "04"\n')
    with pytest.raises(KeyFileError, match="'lesson' must be '05'"):
        exercises.read_lesson_file(path)


def test_the_before_check_counts_in_lesson_00_once_every_item_is_answered():
    ex = exercises.lesson_data("00").exercise("pre.check")
    items = [q for q in exercises.lesson_data("00").quizzes if q.startswith("pre.")]
    assert ex.rule.min == len(items) == 7
    answers = [rec("quiz", q, {"answer": "x", "correct": False}) for q in items]
    assert exercises.exercise_done(ex, answers) and not exercises.exercise_done(ex, answers[1:])
