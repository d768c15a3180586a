"""The course helpers: setup line, pseudonyms (guest work moves), checks and navigation."""
from __future__ import annotations

import pytest

from medialit import course, store
from medialit.errors import StoreError


def test_start_saves_as_guest_until_a_pseudonym_is_chosen():
    lesson = course.start("2")
    assert lesson.id == "02" and lesson.title == "Claims and opinions"
    assert store.current_student() == course.GUEST
    assert "saving as 'guest' until you choose a pseudonym" in repr(lesson)
    assert "&lt;" not in lesson._repr_html_() and lesson._repr_html_().startswith("<p")
    with pytest.raises(ValueError, match="lessons are 00, 01"):
        course.start("42")


def test_guest_work_moves_to_the_chosen_pseudonym():
    lesson = course.start("00")
    lesson.store.put("reflection", case_id="rodong-2024", key="0.4", value={"text": "placeholder words"})
    chosen = course.choose_pseudonym("river-otter")
    assert chosen.moved_guest_work and "moved with you" in repr(chosen)
    assert store.current_student() == "river-otter"
    assert store.open_store().latest("reflection")["0.4"].value == {"text": "placeholder words"}
    assert "$MEDIALIT_WORK/river-otter/work.jsonl" in repr(chosen)


def test_existing_work_is_never_overwritten_by_guest_work():
    store.set_student("river-otter").put("quiz", case_id="rodong-2024", key="0.3", value={"answer": "a"})
    store.set_student(course.GUEST).put("quiz", case_id="rodong-2024", key="0.3", value={"answer": "b"})
    chosen = course.choose_pseudonym("river-otter")
    assert not chosen.moved_guest_work
    assert store.open_store().latest("quiz")["0.3"].value == {"answer": "a"}


@pytest.mark.parametrize("bad", ["guest", "has space", "", "x" * 41, "<b>"])
def test_bad_pseudonyms_are_refused_with_a_reason(bad):
    with pytest.raises(StoreError, match="pseudonym"):
        course.choose_pseudonym(bad)


def test_check_2_2_knows_the_answer_and_explains():
    lesson = course.start("02")
    shares = course._facts_by_part(lesson.case)
    best = max(shares, key=shares.get)
    ok = course.check("2.2", best, lesson=lesson)
    assert ok.correct and "Correct" in repr(ok)
    other = next(p for p in course.PARTS if p != best)
    wrong = course.check("2.2", other, lesson=lesson)
    assert not wrong.correct and best in wrong.message
    assert not course.check("2.2", "nonsense", lesson=lesson).correct
    assert "No answer yet" in course.check("2.2", None, lesson=lesson).message
    assert lesson.store.latest("quiz")["2.2"].value == {"answer": "nonsense", "correct": False}


def test_check_4_4_lists_what_is_still_loaded():
    lesson = course.start("04")
    doc = lesson.case.document(course.REWRITE_DOC)
    assert "still the original" in course.check("4.4", doc.text, lesson=lesson).message
    key = lesson.case.key("loaded_language")
    quote = key[(key.start >= doc.start) & (key.end <= doc.end)].quote.iloc[0]
    left = course.check("4.4", f"A plain sentence that keeps {quote}.", lesson=lesson)
    assert not left.correct and "Still loaded" in left.message
    assert course.check("4.4", "The article says the United States promotes an order.", lesson=lesson).correct


def test_feedback_html_is_escaped():
    fb = course.Feedback("1.1", False, "<script>alert(1)</script>")
    assert "<script>" not in fb._repr_html_() and "&lt;script&gt;" in fb._repr_html_()


def test_navigation_links_only_to_lessons_that_exist():
    nav = course.nav("00")
    assert repr(nav) == "Start: 00-start-here.ipynb | Next: 01-who-is-speaking.ipynb"
    assert "Next" not in repr(course.nav("04"))
    assert "<a href='03-checking-the-history.ipynb'>" in course.nav("04")._repr_html_()


def test_factcheck_answer_states_established_contested_and_sources():
    lesson = course.start("03")
    text = repr(course.factcheck_answer(lesson, "fc-02"))
    assert "Verdict: misleading by omission (contested" in text
    assert "Established:" in text and "Contested:" in text and "Sources:" in text and "http" in text
    with pytest.raises(ValueError, match="no fact-check"):
        course.factcheck_answer(lesson, "fc-99")


def test_complete_records_progress():
    lesson = course.start("01")
    lesson.complete()
    assert "01:done" in lesson.store.latest("progress")
