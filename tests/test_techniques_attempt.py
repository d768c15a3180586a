"""Lesson 05 feedback on an attempt: the feedback cell and the highlighter classify a span
alike, quote the student's words, and hold back the key's unfound spans until it is shown."""
from __future__ import annotations

import html

import pytest

from medialit.scoring import _TITLES
from medialit.spans import Span
from medialit.taxonomy import load_taxonomy
from medialit.techniques import check_spans
from medialit.widgets import SpanHighlighter


def _key_rows(case, doc_id):
    key, doc = case.key("techniques"), case.document(doc_id)
    return key[(key.start >= doc.start) & (key.end <= doc.end)]


def _plain(text: str) -> str:
    return " ".join(html.unescape(text).replace("\u00a0", " ").split())


def _highlighter(case, doc_id, *marks):
    hl = SpanHighlighter(case=case, doc_id=doc_id, labels=load_taxonomy().labels(), key="techniques",
                         task="techniques", store=False)
    for words, label in marks:
        i = hl.text.replace("\u00a0", " ").index(words)
        hl.add(i, i + len(words), label)
    return hl


def test_one_span_holds_back_the_rest_of_the_key_until_it_is_shown(case):
    rows = _key_rows(case, "p06-p12")
    hl = _highlighter(case, "p06-p12", ("its satellites", "name_calling"))
    fb = check_spans(hl, case, "p06-p12", exercise="5.3")
    shown = _plain(fb.text() + fb._repr_html_())
    assert f"You have not found {len(rows) - 1} of the key's {len(rows)} spans yet" in shown
    assert "Missed." not in shown
    for r in rows[rows.quote != "its satellites"].itertuples():
        assert _plain(r.rationale) not in shown and _plain(r.quote) not in shown, r.quote
    # per technique: only what the student used, so no technique of an unfound span is named
    assert list(fb.per_technique().index) == ["Name calling or labelling", "(overall)"]
    assert "at least 5 spans and you have marked 1: mark 4 more" in shown
    # the same rule as the highlighter: after "Show the key", the whole key with its reasons
    hl.show_key()
    full = check_spans(hl, case, "p06-p12", exercise="5.3")
    assert all(_plain(r.rationale) in _plain(full.text()) for r in rows.itertuples())
    assert sum(i.student is None for i in full.shown) == len(rows) - 1


def test_spans_given_as_a_list_hold_back_the_key_and_name_the_minimum(case):
    first = check_spans([], case, "p08", exercise="5.2")
    assert "Mark at least 3 technique spans" in repr(first)
    doc = case.document("p08")
    i = doc.text.index("its satellites")
    fb = check_spans([Span(i, i + 14, "name_calling")], case, "p08", exercise="5.2")
    assert [item.kind for item in fb.shown] == ["matched"]
    assert "mark 2 more" in fb.text() and "Missed." not in fb.text()


def test_the_feedback_quotes_the_students_words_and_says_how_the_key_differs(case):
    hl = _highlighter(case, "p08", ("strategic defeat", "doubt"))
    (item,) = check_spans(hl, case, "p08").shown
    assert item.message.startswith("You marked \u201cstrategic defeat\u201d as Doubt; the key says Exaggeration")
    assert "a longer stretch around your words" in item.message
    assert "openly declare" not in _plain(item.message)
    doc_id = next(d for d in case.documents if d.startswith("p") and "Pyongyang has always been"
                  in case.document(d).text.replace("\u00a0", " ") and "-" not in d)
    hl = _highlighter(case, doc_id, ("Pyongyang has always been", "exaggeration_minimisation"))
    (item,) = check_spans(hl, case, doc_id).shown
    assert item.message.startswith("You marked \u201cPyongyang has always been\u201d as Exaggeration")
    assert "like-minded supporter" not in _plain(item.message)


@pytest.mark.parametrize("marks", [
    [("strategic defeat", "doubt")],                        # inside a contested span, another technique
    [("its satellites openly declare", "doubt")],           # over two key spans, another technique
    [("The United States", "doubt"), ("its satellites", "name_calling")],
    [("openly declare", "exaggeration_minimisation")],      # part of a key span, its technique
], ids=["inside-contested", "over-two", "extra-and-match", "partial"])
def test_the_highlighter_and_the_feedback_cell_say_the_same(case, marks):
    hl = _highlighter(case, "p08", *marks)
    for _ in ("before", "after the key is shown"):
        cell, widget = check_spans(hl, case, "p08"), hl.feedback()
        assert [(i.kind, i.key, i.student) for i in cell.shown] == [(i.kind, i.key, i.student) for i in widget.items]
        assert all(c.message.startswith(w.message) for c, w in zip(cell.shown, widget.items))
        hl.compare = True                                    # the widget's own panel
        assert [(f["kind"], f["title"]) for f in hl.feedback_items] == [(i.kind, _TITLES[i.kind]) for i in cell.shown]
        # one item per passage the student marked: never "Not in the key" beside a point about the same words
        for s in hl.spans:
            about = [i for i in cell.shown if i.student is not None and i.student.start < s.end and s.start < i.student.end]
            assert len({i.key for i in about}) == len(about) and not (
                any(i.kind == "extra" for i in about) and any(i.kind != "extra" for i in about))
        assert "The key marks part of this" not in " ".join(i.message for i in cell.shown if i.key is None)
        hl.show_key()
