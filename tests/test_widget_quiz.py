"""Quiz, Reflection and SourceCard: feedback, saving, restoring, escaping."""
from __future__ import annotations

import pytest

from medialit import store
from medialit.widgets.quiz import Quiz, Reflection
from medialit.widgets.sourcecard import SourceCard

OPTIONS = ["first placeholder", "second <b>placeholder</b>"]
WHY = {OPTIONS[0]: "because <i>reasons</i>", OPTIONS[1]: "not this one"}


def test_quiz_gives_feedback_saves_and_restores():
    s = store.set_student("quiz-taker")
    q = Quiz("9.1", "Which <one>?", OPTIONS, answer=OPTIONS[0], why=WHY, store=s)
    assert repr(q) == "Quiz('9.1', answered=False)" and q.correct is None
    assert q.result == {}                                     # nothing of the answer before trying
    q._on_msg(q, {"op": "check", "answer": OPTIONS[1]}, [])
    assert q.correct is False
    assert q.result["head"] == "Not quite." and q.result["why"] == "not this one"
    # data: the front end renders it as text
    assert q.result["extra"] == "The answer: first placeholder. Because <i>reasons</i>"
    assert s.latest("quiz")["9.1"].value == {"answer": OPTIONS[1], "correct": False, "lesson": ""}
    again = Quiz("9.1", "Which <one>?", OPTIONS, answer=OPTIONS[0], why=WHY, store=s)
    assert again.selected == OPTIONS[1] and again.result["head"].startswith("Not quite")
    assert repr(again) == "Quiz('9.1', answered=True)"


def shown(result: dict) -> str:
    """The feedback as the front end shows it: the head, the explanation, then the extra line."""
    return " ".join(x for x in (result.get("head"), result.get("why"), result.get("extra")) if x)


def test_right_and_wrong_feedback_read_once_and_never_contradict():
    opts = ["It is bandwagon.", "It is flag-waving."]
    why = {opts[0]: "Everyone else already has.", opts[1]: "Nobody waves a flag here."}
    q = Quiz("9.7", "?", opts, answer=opts[0], why=why, store=False)
    assert shown(q.check(opts[0])) == "Right. Everyone else already has."
    assert shown(q.check(opts[1])) == ("Not quite. Nobody waves a flag here. "
                                       "The answer: It is bandwagon. Everyone else already has.")


def test_every_quiz_item_of_the_course_reads_cleanly_after_each_answer():
    from medialit import exercises
    for lesson in exercises.lessons_with_data():
        for item in exercises.lesson_data(lesson).quizzes.values():
            if item.deferred:
                continue
            q = Quiz.from_item(item, store=False)
            for option in q.options:
                text = shown(q.check(option))
                assert "Yes" not in text.split(":")[0] and "Yes:" not in text and "Yes." not in text, (item.id, text)
                assert ".." not in text.replace("…", "") and ".”." not in text, (item.id, text)
                assert text.startswith("Right. " if option in q.answers else "Not quite. "), (item.id, text)


def test_a_why_that_opens_with_a_verdict_is_refused(tmp_path):
    from medialit import exercises
    from medialit.errors import KeyFileError
    path = tmp_path / "05.toml"
    path.write_text('lesson = "05"\n[[quiz]]\nid = "5.2"\nprompt = "p"\n[[quiz.option]]\ntext = "a"\ncorrect = true\n'
                    'why = "Yes: a placeholder reason."\n[[quiz.option]]\ntext = "b"\nwhy = "Another reason."\n')
    with pytest.raises(KeyFileError, match="start with the reason"):
        exercises.read_lesson_file(path)


def test_quiz_asks_for_a_choice_first_and_rejects_bad_answers():
    q = Quiz("9.2", "?", OPTIONS, answer=OPTIONS[0], why=WHY, store=False)
    q.check()
    assert "Pick an option first" in q.result["message"]
    assert "Not saved" in q.save_status
    with pytest.raises(ValueError, match="is not one of the options"):
        Quiz("9.3", "?", OPTIONS, answer="missing", why={})
    with pytest.raises(ValueError, match="is not one of the options"):
        q.choose("not an option")


def test_deferred_quiz_saves_without_feedback():
    s = store.set_student("before-check")
    q = Quiz("pre.1", "?", OPTIONS, answer=OPTIONS[0], why=WHY, store=s, deferred=True, lesson="00")
    assert q.action == "Save my answer"
    q.check(OPTIONS[0])
    assert q.result == {"deferred": True, "message": q.result["message"]} and "Saved" in q.result["message"]
    assert "at the end of the course (lesson 08)" in q.result["message"]
    assert s.latest("quiz")["pre.1"].value["correct"] is True
    assert Quiz("9.8", "?", OPTIONS, answer=OPTIONS[0], why=WHY, store=False).action == "Check my answer"


def test_the_after_check_in_lesson_08_says_where_the_results_are():
    from medialit import course
    q = course.quiz("post.1", store=False)
    assert q.action == "Save my answer"
    q.check(q.options[0])
    assert q.result["message"] == "Saved. You will see how you did in the before-and-after table below."
    assert "lesson 08)" not in q.result["message"]
    q = course.quiz("pre.1", store=False)
    q.check()
    assert q.result["message"] == "Pick an option first, then save."


class BrokenStore:
    student = "broken"

    def latest(self, *a, **k):
        return {}

    def put(self, *a, **k):
        from medialit.errors import StoreError
        raise StoreError("the disk is full (placeholder)")


def test_a_failed_save_is_shown_never_a_stale_saved():
    q = Quiz("9.5", "?", OPTIONS, answer=OPTIONS[0], why=WHY, store=BrokenStore())
    q.check(OPTIONS[0])
    assert q.save_status.startswith("Not saved: the disk is full")
    r = Reflection("9.6", "?", store=BrokenStore())
    r.box.value = "some words"
    assert "Not saved: the disk is full" in r.status.value and "Saved (" not in r.status.value


def test_reflection_saves_as_typed_and_restores():
    s = store.set_student("writer")
    r = Reflection("9.4", "Write <here>", store=s, initial="draft")
    assert not r.changed
    r.box.value = "<img src=x onerror=alert(1)> placeholder"
    saved = s.latest("reflection")["9.4"].value
    assert saved["text"].startswith("<img") and saved["changed"] is True
    assert repr(r) == f"Reflection('9.4', characters={len(r.text)})"
    restored = Reflection("9.4", "Write <here>", store=s, initial="draft")
    assert restored.text == r.text
    assert all("<img" not in c.value for c in restored.children if hasattr(c, "value") and c is not restored.box)
    r.box.value = " draft "                                   # back to the start: not done
    assert s.latest("reflection")["9.4"].value["changed"] is False


def test_source_card_lists_layers_and_escapes(case):
    card = SourceCard(case)
    text = repr(card)
    assert text.startswith("SourceCard: Russia and the DPRK")
    assert "Outlet: KCNA" in text and "[not verified]" in text
    html = card._repr_html_()
    assert "address unknown" in html and "rel='noopener noreferrer'" in html
    assert "<script" not in html
