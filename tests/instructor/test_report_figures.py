"""The report's charts: every title and axis label is in the SVG and inside the picture, the
legend covers no bar, counts are whole numbers written beside the bars, and items of two
kinds of work with the same id are told apart."""
from __future__ import annotations

import functools
import re

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.text import Text

from medialit import instructor
from medialit.instructor import figures, synthetic


@pytest.fixture(scope="module")
def report(case, tmp_path_factory):
    folder = tmp_path_factory.mktemp("figures")
    synthetic.write_class(folder, 6, case=case, seed=3)
    return instructor.class_report(folder, case=case, progress=False)


@pytest.fixture
def drawn(monkeypatch):
    """The figures behind the SVG charts drawn during a test, laid out as they were saved."""
    seen = []
    original = FigureCanvasSVG.print_svg

    @functools.wraps(original)          # matplotlib reads the signature to pick the arguments
    def print_svg(self, *args, **kwargs):
        if not any(f is self.figure for f in seen):
            seen.append(self.figure)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(FigureCanvasSVG, "print_svg", print_svg)
    return seen


def _texts(svg: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", t) for t in re.findall(r"<text\b.*?</text>", svg, re.S))


def _laid_out(fig):
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _all_inside(fig) -> list[str]:
    """What reaches outside the picture: titles, axis labels, numbers, legends, or (as
    "tick labels") anything else drawn, such as the tick labels."""
    renderer = _laid_out(fig)
    box = fig.bbox
    ticks = {id(t) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
             for tick in axis.get_major_ticks() + axis.get_minor_ticks() for t in (tick.label1, tick.label2)}
    out = []
    for t in fig.findobj(Text):      # tick labels outside the axis range are kept but never drawn
        if id(t) in ticks or not t.get_visible() or not str(t.get_text()).strip():
            continue
        e = t.get_window_extent(renderer)
        if e.x0 < box.x0 - 1 or e.x1 > box.x1 + 1 or e.y0 < box.y0 - 1 or e.y1 > box.y1 + 1:
            out.append(t.get_text())
    drawn = fig.get_tightbbox(renderer)            # in inches: everything drawn
    w, h = fig.get_size_inches()
    if drawn.x0 < -0.01 or drawn.y0 < -0.01 or drawn.x1 > w + 0.01 or drawn.y1 > h + 0.01:
        out.append("tick labels")
    return out


def _charts(report):
    missed = dict(report.missed)
    return [
        ("completion", figures.completion_chart(report.exercises),
         ["Exercises done, share of the class", "students who have done it"]),
        ("score", figures.score_chart(report.exercises),
         ["Agreement with the key (mean score / max score)", "mean share of the points"]),
        ("missed", figures.missed_chart(missed), ["Most-missed items", "share of the students"]),
        ("labels", figures.labels_chart("techniques", report.labels["techniques"]), ["Key spans found"]),
        ("spread", figures.spread_chart(report.spread), ["Contested items: how the class answered", "students"]),
        ("before-after", figures.before_after_chart(report.before_after),
         ["Before and after: share correct per item", "share correct"]),
        ("histogram", figures.done_histogram(report.students, len(report.exercises)),
         ["Exercises done per student", "students", "exercises done"]),
    ]


def test_every_chart_has_its_title_and_axis_labels_inside_the_picture(report, drawn):
    charts = _charts(report)
    assert len(drawn) == len(charts)
    for (name, svg, words), fig in zip(charts, drawn):
        assert svg.startswith("<svg") and "aria-label=" in svg, name
        text = _texts(svg)
        for w in words:
            assert w in text, (name, w)
        assert _all_inside(fig) == [], name


def test_the_before_after_legend_covers_no_bar(drawn):
    full = pd.DataFrame([{"item": str(i), "before_n": 5, "before_correct": 0.8, "after_n": 5, "after_correct": 1.0}
                         for i in range(1, 4)])                  # long bars everywhere: no room inside
    figures.before_after_chart(full)
    fig = drawn[-1]
    renderer = _laid_out(fig)
    ax = fig.axes[0]
    legend = (ax.get_legend() or fig.legends[0]).get_window_extent(renderer)
    bars = [p.get_window_extent(renderer) for p in ax.patches if p.get_width() > 0]
    assert bars and not [b for b in bars if b.overlaps(legend)]


def test_contested_counts_are_whole_numbers_written_beside_the_bars(drawn):
    spread = pd.DataFrame([
        {"area": "verdicts", "item": "fc-02", "text": "", "key": "k", "answer": "accurate", "students": 1},
        {"area": "verdicts", "item": "fc-02", "text": "", "key": "k", "answer": "inaccurate", "students": 2},
        {"area": "verdicts", "item": "fc-03", "text": "", "key": "k", "answer": "accurate", "students": 1}])
    svg = figures.spread_chart(spread)
    ax = drawn[-1].axes[0]
    _laid_out(drawn[-1])
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)
    numbers = [t.get_text().strip() for t in ax.texts]
    assert "3" in numbers and "1" in numbers            # each item's total beside its bar
    assert ">3<" in svg.replace(" ", "") or " 3" in _texts(svg)


def test_the_same_id_in_two_kinds_of_work_is_told_apart(report):
    missed = {
        "comment labels": pd.DataFrame([{"item": "c07 label", "text": "", "missed_share": 0.5}]),
        "moderation decisions": pd.DataFrame([{"item": "c07 moderation", "text": "", "missed_share": 0.5}])}
    text = _texts(figures.missed_chart(missed))
    assert "c07 label" in text and "c07 moderation" in text
    # the report names them so itself
    names = {i for frame in report.missed.values() for i in frame["item"]}
    assert not {n for n in names if re.fullmatch(r"c\d\d", n)}
