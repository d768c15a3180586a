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
    # choosing is the work of Exercise 0.1
    assert "pseudonym" in store.open_store().latest("progress")


def test_no_pseudonym_is_chosen_for_the_student():
    course.start("00")
    for empty in ("", "   ", None):
        said = course.choose_pseudonym(empty)
        assert said.pseudonym is None and "type one between the quotes" in repr(said)
    assert store.current_student() == course.GUEST


def test_an_empty_cell_after_a_choice_says_who_is_saving():
    course.start("00")
    course.choose_pseudonym("kestrel_7")
    said = course.choose_pseudonym("")          # lesson 00 reopened unsaved: the cell is empty again
    assert said.pseudonym == "kestrel_7" and "You are saving as kestrel_7" in repr(said)
    assert "No pseudonym yet" not in repr(said) and store.current_student() == "kestrel_7"


def test_guest_work_joins_an_existing_pseudonym_without_overwriting_it():
    store.set_student("river-otter").put("quiz", case_id="rodong-2024", key="0.3", value={"answer": "a"})
    guest = store.set_student(course.GUEST)
    guest.put("quiz", case_id="rodong-2024", key="0.3", value={"answer": "b"})
    guest.put("reflection", case_id="rodong-2024", key="0.4", value={"text": "new words"})
    chosen = course.choose_pseudonym("river-otter")
    mine = store.open_store()
    assert mine.latest("quiz")["0.3"].value == {"answer": "a"}            # never overwritten
    assert mine.latest("reflection")["0.4"].value == {"text": "new words"}  # moved
    assert chosen.moved == 1 and chosen.kept_aside == 1 and ".guest-kept-1" in repr(chosen)
    assert not (store.work_dir() / course.GUEST).exists()
    assert (store.work_dir() / ".guest-kept-1" / "work.jsonl").exists()


def test_a_widget_opened_as_guest_keeps_saving_after_the_choice():
    from medialit.widgets._base import resolve_store
    course.start("00")
    current, status = resolve_store()
    assert "Saving as guest" in status
    current.put("quiz", case_id="rodong-2024", key="0.3", value={"answer": "first"})
    course.choose_pseudonym("kestrel_7")
    current.put("quiz", case_id="rodong-2024", key="1.1", value={"answer": "later"})
    assert set(store.open_store("kestrel_7").latest("quiz")) == {"0.3", "1.1"}
    assert not (store.work_dir() / course.GUEST).exists()      # no recreated guest folder


@pytest.mark.parametrize("bad", ["guest", "has space", "x" * 41, "<b>", "-fox"])
def test_bad_pseudonyms_are_refused_with_a_reason(bad):
    with pytest.raises(StoreError, match="pseudonym"):
        course.choose_pseudonym(bad)


def test_quiz_and_reflection_come_from_the_lesson_data():
    course.start("00")
    q = course.quiz("0.3")
    assert q.qid == "0.3" and len(q.options) == 3 and q.result == {}
    r = course.reflection("4.4")
    assert r.text == course.start("04").case.document("p07").text.replace("\u00a0", " ")
    assert not r.changed
    with pytest.raises(KeyError, match="no quiz"):
        course.quiz("9.9")


def test_check_4_4_waits_for_a_rewrite_and_allows_attributed_quotes():
    lesson = course.start("04")
    doc = lesson.case.document(course.REWRITE_DOC)
    assert isinstance(course.check("4.4", doc.text, lesson=lesson), course.Pending)
    assert isinstance(course.check("4.4", "  ", lesson=lesson), course.Pending)
    key = lesson.case.key("loaded_language")
    quote = key[(key.start >= doc.start) & (key.end <= doc.end)].quote.iloc[-1]
    left = course.check("4.4", f"A plain sentence that keeps {quote}.", lesson=lesson)
    assert not left.correct and "Still loaded" in left.message
    quoted = course.check("4.4", f"The article says the United States seeks “{quote}”.", lesson=lesson)
    assert quoted.correct and "quotation marks" in quoted.message
    unattributed = course.check("4.4", "The United States promotes an order.", lesson=lesson)
    assert not unattributed.correct and "attribute" in unattributed.message
    assert course.check("4.4", "The article says the United States promotes an order.", lesson=lesson).correct


def test_feedback_cells_say_what_to_do_before_the_attempt_and_show_the_key_after():
    lesson = course.start("02")
    before = course.facts_by_paragraph(lesson)
    assert isinstance(before, course.Pending) and "0 of 41" in repr(before)
    for i in range(len(lesson.case.sentences)):
        lesson.store.put("sentence_label", case_id="rodong-2024", doc_id="article", key=str(i), value={"label": "fact"})
    after = course.facts_by_paragraph(lesson)
    assert list(after.index) == list(range(1, 18))        # paragraphs numbered from 1
    l3 = course.start("03")
    assert "3.1, 3.2, 3.3, 3.4" in repr(course.verdict_pattern(l3))
    for claim in ("fc-04", "fc-02", "fc-21", "fc-17"):
        l3.store.put("verdict", case_id="rodong-2024", doc_id="article", key=claim,
                     value={"verdict": "accurate", "justification": "placeholder reasons"})
    shown = repr(course.verdict_pattern(l3))
    assert "The key's verdicts on all" in shown and "Exercise 3.1 (fc-04): you said “accurate”" in shown
    l4 = course.start("04")
    assert isinstance(course.lexicon_comparison(l4), course.Pending)


def test_the_lexicon_meets_the_key_only_after_show_the_key(case):
    from medialit.widgets import SpanHighlighter
    l4 = course.start("04")
    marker = SpanHighlighter(case=case, doc_id="p07", key="loaded_language")
    doc = case.document("p07")
    i = doc.text.index("dictatorship")
    marker.add(i, i + len("dictatorship"), "labelling")
    key = case.key("loaded_language")
    from medialit import lexicon
    flagged = [doc.text[f.start:f.end] for f in lexicon.flag(doc.text)]     # the lexicon's own output
    hidden = [r.quote for r in key.itertuples() if r.start >= doc.start and r.end <= doc.end
              and "dictatorship" not in r.quote and not any(f in r.quote for f in flagged)]
    assert hidden                                         # key spans the lexicon misses
    before = course.lexicon_comparison(l4, marker)
    text = repr(before) + before._repr_html_()
    assert "in your spans?" in text and "the key marks" in text
    assert not any(q in text for q in hidden) and "Marked by the key" not in text
    marker.show_key()
    after = repr(course.lexicon_comparison(l4, marker))
    assert "in the key?" in after and "Marked by the key, missed by the lexicon" in after


def test_quiz_results_side_by_side():
    course.start("00")
    q = course.quiz("0.3")
    q.check(q.options[0])
    res = course.quiz_results("0.", "1.")
    assert res.summary() == {"0.": (1, 1, 1), "1.": (0, 0, 3)}
    assert "<table" in res._repr_html_()
    assert store.open_store(course.GUEST).latest("quiz")["0.3"].value["correct"] is True


def test_lesson_08_follows_MEDIALIT_CASE(monkeypatch, tmp_path):
    from medialit.errors import CaseError
    monkeypatch.setenv(course.CASE_ENV, str(tmp_path / "missing-case"))
    with pytest.raises(CaseError, match="MEDIALIT_CASE"):
        course.start("08")
    assert course.start("02").case.case_id == "rodong-2024"     # the other lessons keep their case
    monkeypatch.setenv(course.CASE_ENV, "rodong-2024")
    assert course.start("08").case.case_id == "rodong-2024"


def test_feedback_html_is_escaped():
    fb = course.Feedback("1.1", False, "<script>alert(1)</script>")
    assert "<script>" not in fb._repr_html_() and "&lt;script&gt;" in fb._repr_html_()


def test_navigation_links_only_to_lessons_that_exist():
    nav = course.nav("00")
    assert repr(nav) == "Start: 00-start-here.ipynb | Next: 01-who-is-speaking.ipynb"
    from medialit import lessons
    last = lessons.lesson_names()[-1][:2]                       # no link past the last lesson that exists
    assert "Next" not in repr(course.nav(last))
    assert "Next: 05-propaganda-techniques.ipynb" in repr(course.nav("04"))
    assert "<a href='03-checking-the-history.ipynb'>" in course.nav("04")._repr_html_()


def test_factcheck_answer_states_established_contested_and_sources():
    lesson = course.start("03")
    text = repr(course.factcheck_answer(lesson, "fc-02"))
    assert "Verdict: misleading by omission (contested" in text
    assert "Established:" in text and "Contested:" in text and "Sources:" in text and "http" in text
    with pytest.raises(ValueError, match="no fact-check"):
        course.factcheck_answer(lesson, "fc-99")


def test_a_failed_move_of_guest_work_is_a_course_error_and_loses_nothing(monkeypatch):
    import os as _os
    course.start("00")
    store.open_store(course.GUEST).put("quiz", case_id="rodong-2024", key="0.3", value={"answer": "a"})

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(_os, "rename", refuse)
    with pytest.raises(StoreError, match="Nothing was lost"):
        course.choose_pseudonym("river-otter")
    assert store.open_store(course.GUEST).latest("quiz")["0.3"].value == {"answer": "a"}


def test_every_pending_message_starts_a_sentence(case):
    """Pending texts written in lower case (techniques, the chart) still read "Not yet. Mark …"."""
    from medialit.technique_chart import chart_after_attempt
    from medialit.techniques import check_spans
    own = course.Pending("mark at least one <span> placeholder first.")
    assert repr(own) == "Not yet: Mark at least one <span> placeholder first."
    assert "<b>Not yet.</b> Mark at least one &lt;span&gt; placeholder" in own._repr_html_()
    for pending in (check_spans([], case, "p08"), chart_after_attempt(case, [])):
        text = pending._repr_html_().split("<b>Not yet.</b> ", 1)[1]
        assert text[:1].isupper(), text
        assert repr(pending).split("Not yet: ", 1)[1][:1].isupper()
