"""The lesson 05 chart: technique spans per paragraph, the key's and the student's."""
from __future__ import annotations

from medialit.spans import Span
from medialit.technique_chart import technique_chart, technique_table


def test_table_counts_every_key_span_once_by_paragraph(case):
    key = case.key("techniques")
    table = technique_table(key, case.paragraphs)
    assert int(table.values.sum()) == len(key)
    assert list(table.columns)[:2] == ["paragraph 1", "paragraph 2"] and len(table.columns) == len(case.paragraphs)
    # paragraph 10 (p09) holds the reductio ad Hitlerum span
    assert table.loc["Reductio ad Hitlerum", "paragraph 10"] == 1
    assert table.loc["Repetition"].sum() == (key.technique == "repetition").sum()


def test_student_spans_are_moved_by_the_document_offset(case):
    doc = case.document("p08")
    mine = [Span(22, 36, "name_calling"), Span(0, 3, "bandwagon")]
    table = technique_table(mine, case.paragraphs, offset=doc.start)
    assert table.loc["Name calling or labelling", "paragraph 9"] == 1
    assert table.loc["Bandwagon", "paragraph 9"] == 1 and int(table.values.sum()) == 2


def test_chart_side_by_side_on_the_same_rows(case):
    doc = case.document("p08")
    chart = technique_chart(case, student=[Span(22, 36, "name_calling"), Span(0, 3, "bandwagon")], offset=doc.start)
    assert list(chart.key.index) == list(chart.student.index)
    assert "Bandwagon" in chart.key.index and chart.key.loc["Bandwagon"].sum() == 0
    assert len(chart.figure.axes) == 2
    text = repr(chart)
    assert text.startswith(f"The key marks {len(case.key('techniques'))} technique spans. Most used: Exaggeration")
    assert "You marked 2 technique spans." in text
    png = chart._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png == chart.png()


def test_key_only_chart(case):
    chart = technique_chart(case)
    assert chart.student is None and len(chart.figure.axes) == 1
    assert "You marked" not in repr(chart)
    none = technique_chart(case, student=[])
    assert "You marked 0 technique spans." in repr(none)


def test_chart_waits_for_the_attempt(case):
    from medialit.technique_chart import chart_after_attempt
    from medialit.feedback import Pending
    first = chart_after_attempt(case, [])
    assert isinstance(first, Pending) and "mark them" in repr(first)
    assert not any(r in repr(first) for r in case.key("techniques").rationale)
    doc = case.document("article")
    chart = chart_after_attempt(case, [Span(0, 5, "doubt")], offset=doc.start)
    assert chart.student.loc["Doubt", "paragraph 1"] == 1


def test_the_chart_waits_for_the_exercises_minimum_or_the_key(case):
    from medialit.feedback import Pending
    from medialit.technique_chart import chart_after_attempt
    doc = case.document("p06-p12")
    spans = [Span(i, i + 4, "doubt") for i in range(0, 40, 10)]          # 4 spans, 5.3 asks for 5
    one_short = chart_after_attempt(case, spans, offset=doc.start, exercise="5.3")
    assert isinstance(one_short, Pending) and "1 more technique span" in repr(one_short)
    assert not any(r in repr(one_short) for r in case.key("techniques").rationale)
    assert not isinstance(chart_after_attempt(case, spans + [Span(50, 54, "doubt")], offset=doc.start,
                                              exercise="5.3"), Pending)

    class Asked:                                           # a highlighter whose key was shown
        key_shown, offset = True, doc.start
        def __init__(self, s): self.spans = s
    assert not isinstance(chart_after_attempt(case, Asked(spans[:1]), exercise="5.3"), Pending)
