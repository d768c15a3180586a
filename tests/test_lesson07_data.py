"""Lesson 07's data agrees with the case: the replies quiz 7.1 names are the ones the thread
inference finds, for the reasons it gives (a change to the inference must update the quiz)."""
from __future__ import annotations

import re

from medialit.exercises import lesson_data


def test_quiz_7_1_names_the_inferred_replies(case):
    item = lesson_data("07").quizzes["7.1"]
    replies = dict(zip(case.comments.comment_id, case.comments.reply_to))
    reasons = dict(zip(case.comments.comment_id, case.comments.reply_reason))
    expect = {"names the author": True, "repeats the pattern": False, "opens with": False}
    for opt in item.options:
        m = re.match(r"Comment (\d+) answers comment (\d+):", opt.text)
        assert m, opt.text
        child, parent = f"c{int(m.group(1)):02d}", f"c{int(m.group(2)):02d}"
        assert replies[child] == parent, opt.text
        rule = next(k for k in expect if reasons[child].startswith(k))
        assert opt.correct is expect[rule], opt.text


def test_every_exercise_of_07_and_08_counts_work_not_runs():
    for lesson in ("07", "08"):
        data = lesson_data(lesson)
        assert data.exercises
        for ex in data.exercises:
            assert ex.rule.kind != "progress", ex.id
            if ex.rule.kind == "reflection":
                assert ex.rule.changed and ex.rule.key in data.reflections, ex.id
            if ex.rule.kind == "quiz" and ex.rule.key:
                assert ex.rule.key in data.quizzes, ex.id
