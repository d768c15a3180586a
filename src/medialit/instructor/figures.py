"""The report's charts as static SVG (matplotlib's SVG backend, no pyplot): no script, no fonts to fetch.

Charts show only course data (exercise ids, key labels, item names) and counts, except the
answer labels of the contested-items chart; matplotlib's math parser is switched off, so
no text is ever interpreted, and its SVG writer escapes every string. The output is
deterministic (a fixed hash salt, no date), so a notebook that shows it passes strict nbval.
Colours are the Okabe-Ito palette, and bars also differ by hatching where colour carries meaning.
Layout is matplotlib's constrained layout, so titles (at the figure's left edge), axis labels
and legends (outside the bars) stay inside the picture; counts are whole numbers.
"""
from __future__ import annotations

import io
import re

import pandas as pd

__all__ = ["completion_chart", "score_chart", "missed_chart", "labels_chart", "spread_chart",
           "before_after_chart", "done_histogram"]

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#999999", "#F0E442")
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")
_RC = {"svg.fonttype": "none", "svg.hashsalt": "medialit-class-report", "text.parse_math": False,
       "font.family": "DejaVu Sans", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False}
_PROLOG = re.compile(r"^.*?(?=<svg)", re.S)


def _mpl():
    import matplotlib  # noqa: PLC0415 (heavy; only when a chart is drawn)
    import matplotlib.ticker  # noqa: F401,PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415 (no pyplot: no window manager, no global state)
    return matplotlib, Figure


def _figure(width: float, height: float):
    """A figure whose layout keeps every title, label and legend inside it."""
    _, Figure = _mpl()
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def _title(fig, title: str) -> None:
    """The chart's title at the figure's left edge, so a long title is never cut off."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=10)


def _svg(fig) -> str:
    from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: PLC0415
    buf = io.StringIO()
    # the constrained layout keeps everything inside the figure, so one drawing pass is enough
    FigureCanvasSVG(fig).print_svg(buf, metadata={"Date": None, "Creator": None})
    svg = _PROLOG.sub("", buf.getvalue(), count=1)
    # an accessible name; the numbers are in the table beside every chart
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(fig.get_suptitle())}" ', 1)


def _clip(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n - 1] + "\u2026"


def _attr(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;"))


def _barh(labels: list[str], values: list[float], title: str, *, xlabel: str, xmax: float | None = 1.0,
          color: str = OKABE_ITO[0], percent: bool = True) -> str:
    matplotlib, _ = _mpl()
    with matplotlib.rc_context(_RC):
        fig, ax = _figure(6.4, 0.9 + 0.24 * max(len(labels), 1))
        y = range(len(labels))
        ax.barh(list(y), values, color=color, height=0.7)
        ax.set_yticks(list(y), labels)
        ax.invert_yaxis()
        if xmax is not None:
            ax.set_xlim(0, xmax * 1.12)          # room for the number beside a full bar
            ax.set_xticks([xmax * t / 4 for t in range(5)])
        for yi, v in zip(y, values):
            ax.text(v, yi, f" {v:.0%}" if percent else f" {v:g}", va="center", fontsize=8)
        ax.set_xlabel(xlabel, loc="right")         # ends under the bars, however long the item names
        if percent:
            ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        _title(fig, title)
        return _svg(fig)


def completion_chart(exercises: pd.DataFrame) -> str:
    """Share of the class that has done each exercise."""
    rows = exercises.fillna({"done_share": 0.0})
    return _barh([f"{e} {_clip(t, 38)}" for e, t in zip(rows.exercise, rows.title)], list(rows.done_share),
                 "Exercises done, share of the class", xlabel="students who have done it")


def score_chart(exercises: pd.DataFrame) -> str:
    """Mean agreement with the key for each scored exercise."""
    rows = exercises[exercises.mean_score.notna()]
    return _barh([f"{e} {_clip(t, 38)}" for e, t in zip(rows.exercise, rows.title)], list(rows.mean_score),
                 "Agreement with the key (mean score / max score)", xlabel="mean share of the points",
                 color=OKABE_ITO[2])


def missed_chart(missed: dict[str, pd.DataFrame], top: int = 12) -> str:
    """The items most often missed, across every kind of work."""
    rows = [(f"{r.item}: {_clip(r.text, 22)}" if r.text else str(r.item), r.missed_share)
            for frame in missed.values() for r in frame.itertuples()]
    rows.sort(key=lambda t: (-t[1], t[0]))
    rows = rows[:top]
    return _barh([r[0] for r in rows], [r[1] for r in rows], "Most-missed items (share who missed them)",
                 xlabel="share of the students who answered or reached it", color=OKABE_ITO[1])


def labels_chart(task: str, labels: pd.DataFrame) -> str:
    """Share of the key's spans found, per label (technique or category)."""
    rows = labels.fillna({"found_share": 0.0})
    return _barh(list(rows.label), list(rows.found_share), f"Key spans found with the key's label ({task})",
                 xlabel="share of the key spans within reach", color=OKABE_ITO[4])


def spread_chart(spread: pd.DataFrame, top: int = 14) -> str:
    """How the class answered the contested items (stacked counts per item, each item's total beside it)."""
    matplotlib, _ = _mpl()
    rows = list(zip(spread["item"], spread["answer"], spread["students"]))
    items = list(dict.fromkeys(i for i, _, _ in rows))[:top]
    wanted = set(items)
    totals: dict[str, int] = {}
    counts: dict[tuple[str, str], int] = {}
    for item, ans, n in rows:
        if item in wanted:
            totals[ans] = totals.get(ans, 0) + int(n)
            counts[(item, ans)] = counts.get((item, ans), 0) + int(n)
    answers = sorted(totals, key=lambda a: (-totals[a], a))
    shown = answers[:len(OKABE_ITO) - 1]
    with matplotlib.rc_context(_RC):
        fig, ax = _figure(6.4, 1.4 + 0.26 * max(len(items), 1))
        left = [0] * len(items)
        groups = [(str(a), [a]) for a in shown]
        if len(answers) > len(shown):
            groups.append(("(other answers)", answers[len(shown):]))
        for n, (ans, members) in enumerate(groups):
            vals = [sum(counts.get((i, a), 0) for a in members) for i in items]
            ax.barh(range(len(items)), vals, left=left, color=OKABE_ITO[n % len(OKABE_ITO)],
                    hatch=HATCHES[n % len(HATCHES)], edgecolor="white", label=_clip(ans, 30), height=0.7)
            left = [a + b for a, b in zip(left, vals)]
        for yi, total in enumerate(left):
            ax.text(total, yi, f" {total}", va="center", fontsize=8)
        ax.set_yticks(range(len(items)), items)
        ax.invert_yaxis()
        ax.set_xlim(0, max(left, default=1) * 1.1 + 0.5)
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        ax.set_xlabel("students")
        fig.legend(fontsize=7, frameon=False, loc="outside lower center", ncol=3)
        _title(fig, "Contested items: how the class answered")
        return _svg(fig)


def before_after_chart(before_after: pd.DataFrame) -> str:
    """Share correct per item, before and after."""
    matplotlib, _ = _mpl()
    rows = before_after.fillna({"before_correct": 0.0, "after_correct": 0.0})
    with matplotlib.rc_context(_RC):
        fig, ax = _figure(6.4, 1.2 + 0.4 * max(len(rows), 1))
        y = list(range(len(rows)))
        ax.barh([v - 0.2 for v in y], rows.before_correct, height=0.4, color=OKABE_ITO[6], label="before")
        ax.barh([v + 0.2 for v in y], rows.after_correct, height=0.4, color=OKABE_ITO[0], hatch="//",
                edgecolor="white", label="after")
        for v, b, a in zip(y, rows.before_correct, rows.after_correct):
            ax.text(b, v - 0.2, f" {b:.0%}", va="center", fontsize=8)
            ax.text(a, v + 0.2, f" {a:.0%}", va="center", fontsize=8)
        ax.set_yticks(y, [f"item {i}" for i in rows["item"]])
        ax.invert_yaxis()
        ax.set_xlim(0, 1.12)                          # room for "100%" beside a full bar
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_xlabel("share correct")
        fig.legend(fontsize=8, frameon=False, loc="outside right upper")    # outside the bars
        _title(fig, "Before and after: share correct per item")
        return _svg(fig)


def done_histogram(students: pd.DataFrame, total: int) -> str:
    """How many students have done how many exercises."""
    matplotlib, _ = _mpl()
    counts = students.exercises_done.value_counts()
    xs = list(range(total + 1))
    with matplotlib.rc_context(_RC):
        fig, ax = _figure(6.4, 2.4)
        vals = [int(counts.get(x, 0)) for x in xs]
        ax.bar(xs, vals, color=OKABE_ITO[0], width=0.8)
        ax.set_xlim(-1, total + 1)
        ax.set_xlabel(f"exercises done (of {total})")
        ax.set_ylabel("students")
        ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        _title(fig, "Exercises done per student")
        return _svg(fig)
