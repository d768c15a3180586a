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
    q.choice.value = OPTIONS[1]
    q.check.click()
    assert q.correct is False
    assert "Not quite" in q.feedback.value and "&lt;i&gt;reasons&lt;/i&gt;" in q.feedback.value
    assert "<i>" not in q.feedback.value
    assert s.latest("quiz")["9.1"].value == {"answer": OPTIONS[1], "correct": False}
    again = Quiz("9.1", "Which <one>?", OPTIONS, answer=OPTIONS[0], why=WHY, store=s)
    assert again.choice.value == OPTIONS[1] and "Not quite" in again.feedback.value


def test_quiz_asks_for_a_choice_first_and_rejects_bad_answers():
    q = Quiz("9.2", "?", OPTIONS, answer=OPTIONS[0], why=WHY, store=False)
    q.check.click()
    assert "Pick an option first" in q.feedback.value
    assert "Not saved" in q.status.value
    with pytest.raises(ValueError, match="is not one of the options"):
        Quiz("9.3", "?", OPTIONS, answer="missing", why={})


def test_reflection_saves_as_typed_and_restores():
    s = store.set_student("writer")
    r = Reflection("9.4", "Write <here>", store=s, initial="draft")
    r.box.value = "<img src=x onerror=alert(1)> placeholder"
    assert s.latest("reflection")["9.4"].value["text"].startswith("<img")
    assert repr(r) == f"Reflection('9.4', characters={len(r.text)})"
    restored = Reflection("9.4", "Write <here>", store=s, initial="draft")
    assert restored.text == r.text
    assert all("<img" not in c.value for c in restored.children if hasattr(c, "value") and c is not restored.box)


def test_source_card_lists_layers_and_escapes(case):
    card = SourceCard(case)
    text = repr(card)
    assert text.startswith("SourceCard: Russia and the DPRK")
    assert "Outlet: KCNA" in text and "[not verified]" in text
    html = card._repr_html_()
    assert "address unknown" in html and "rel='noopener noreferrer'" in html
    assert "<script" not in html
