"""Lesson 05 progress follows the exercises: 5.3 counts spans in paragraphs 7 to 13 only (its
highlighter shows just those), and 5.6 counts marks on the student's current sentence."""
from __future__ import annotations

import pytest

from medialit import course, exercises
from medialit import store as st
from medialit.taxonomy import load_taxonomy
from medialit.techniques import check_spans
from medialit.widgets import SpanHighlighter


@pytest.fixture()
def student():
    return st.set_student("tester")


def done(store, exercise_id: str) -> bool:
    return exercises.exercise_done(exercises.lesson_data("05").exercise(exercise_id), store.records())


def highlighter(case, doc_id, text=None, task="techniques"):
    key = "techniques" if text is None else None
    return SpanHighlighter(text, case=case, doc_id=doc_id, labels=load_taxonomy().labels(), key=key, task=task)


def mark_words(hl, n, label="doubt"):
    """Mark the first n words of the highlighter's text, one span each."""
    words = [t for t in hl.tokens if t["k"] == "w"][:n]
    for t in words:
        hl.add(t["s"], t["e"], label)


def test_the_5_3_highlighter_shows_paragraphs_7_to_13_only(case):
    hl = SpanHighlighter(case=case, doc_id="p06-p12", labels=load_taxonomy().labels(), key="techniques",
                         store=False)
    p = case.paragraphs
    assert hl.text == case.text[int(p.start[6]):int(p.end[12])]
    assert hl.text.replace("\u00a0", " ").startswith("Today, as before") and hl.text.endswith("development path.")
    assert hl.doc_title == "Paragraphs 7 to 13"


def test_5_3_is_done_with_five_spans_in_its_paragraphs_not_elsewhere(case, student):
    article = highlighter(case, "article")
    mark_words(article, 5)                                # paragraph 1: not the exercise
    assert not done(student, "5.3")
    stretch = highlighter(case, "p06-p12")
    mark_words(stretch, 4)
    assert not done(student, "5.3")
    assert "mark 1 more" in check_spans(stretch, case, "p06-p12", exercise="5.3").text()
    mark_words(stretch, 5)
    assert done(student, "5.3")
    assert "more, then run" not in check_spans(stretch, case, "p06-p12", exercise="5.3").text()


def test_5_6_counts_marks_on_the_current_sentence_only(case, student):
    rewrite = course.reflection("5.5")
    mine = highlighter(case, None, rewrite.text, task="turn-the-tables")
    mark_words(mine, 1, "bandwagon")                      # the neutral sentence is not a rewrite
    assert not done(student, "5.6")
    rewrite.box.value = "Everyone in town already agrees the library must stay open late."
    mine = highlighter(case, None, rewrite.text, task="turn-the-tables")
    mark_words(mine, 1, "bandwagon")
    assert done(student, "5.6")
    rewrite.box.value = "The so-called experts on the council still want the library closed at six."
    assert not done(student, "5.6")                       # the marks are on the old sentence
    again = highlighter(case, None, rewrite.text, task="turn-the-tables")
    assert again.spans == []
    mark_words(again, 2, "doubt")
    assert done(student, "5.6")


def test_the_class_report_agrees_on_5_6(case, student, tmp_path):
    from medialit.instructor import Grader
    from medialit.instructor.submissions import read_submission
    rewrite = course.reflection("5.5")
    rewrite.box.value = "Everyone in town already agrees the library must stay open late."
    mark_words(highlighter(case, None, rewrite.text, task="turn-the-tables"), 1, "bandwagon")
    rewrite.box.value = "The so-called experts on the council still want the library closed at six."
    sub = read_submission(student.export(tmp_path / "tester.medialit-work.json"))
    assert Grader(case, ["05"]).grade(sub).done["5.6"] is False


def test_a_text_of_rule_reads_the_reflection_it_names(tmp_path):
    from medialit.errors import KeyFileError
    from medialit.spans import text_doc_id
    from medialit.store import Record
    path = tmp_path / "05.toml"
    path.write_text('lesson = "05"\n[[exercise]]\nid = "5.6"\ntitle = "t"\n[exercise.done]\nkind = "span"\n'
                    'text_of = "5.5"\n')
    rule = exercises.read_lesson_file(path).exercise("5.6").rule
    mine = "A placeholder sentence, rewritten."

    def rec(kind, key, value, doc_id=""):
        return Record(1, 1, "t", "put", kind, "rodong-2024", doc_id, key, value, None)
    span = rec("span", "s1", {"label": "doubt"}, doc_id=text_doc_id(mine))
    assert not rule.done([span])
    assert rule.done([rec("reflection", "5.5", {"text": mine, "changed": True}), span])
    assert not rule.done([rec("reflection", "5.5", {"text": mine, "changed": False}), span])
    assert not rule.done([rec("reflection", "5.5", {"text": mine + " Again.", "changed": True}), span])
    path.write_text(path.read_text().replace('"5.5"', '""'))
    with pytest.raises(KeyFileError, match="done.text_of must be a non-empty string"):
        exercises.read_lesson_file(path)
