"""Where the article leans on which technique: counts per technique and paragraph (lesson 05).

:func:`technique_table` counts technique spans per paragraph (a span belongs to the
paragraph it starts in; columns are 1-based "paragraph N", as students count).
:func:`technique_chart` draws the key's table, and the student's beside it, as a heat map
and returns a :class:`TechniqueChart`, which displays itself as a PNG with a text summary
(matplotlib's object-oriented API with the Agg canvas: no pyplot state, no screen).
Pure functions of their inputs; the lesson decides when the key may be shown.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .scoring import as_spans
from .taxonomy import Taxonomy, load_taxonomy

__all__ = ["technique_table", "technique_chart", "chart_after_attempt", "TechniqueChart"]


def _paragraph_of(paragraphs: pd.DataFrame, pos: int) -> int | None:
    hit = paragraphs[(paragraphs.start <= pos) & (pos < paragraphs.end)]
    return int(hit.paragraph.iloc[0]) if len(hit) else None


def technique_table(spans: Any, paragraphs: pd.DataFrame, *, offset: int = 0,
                    taxonomy: Taxonomy | None = None, techniques: list[str] | None = None) -> pd.DataFrame:
    """Counts of spans per technique (rows, by name, taxonomy order) and paragraph (columns
    "paragraph 1" … for every paragraph). ``spans`` carry a technique label (a key DataFrame
    with a ``technique`` column, Span objects, store records); ``offset`` moves them into the
    case text (a highlighter's ``offset``). ``paragraphs`` is ``case.paragraphs``. Rows are
    the techniques used, or ``techniques`` when given. Spans outside every paragraph are
    left out."""
    tax = taxonomy or load_taxonomy()
    cols = [f"paragraph {int(p) + 1}" for p in paragraphs.paragraph]
    counts: dict[str, dict[str, int]] = {}
    for s in as_spans(spans):
        p = _paragraph_of(paragraphs, s.start + offset)
        if p is None or not s.label:
            continue
        row = counts.setdefault(s.label, {})
        row[f"paragraph {p + 1}"] = row.get(f"paragraph {p + 1}", 0) + 1
    order = techniques if techniques is not None else [t for t in tax.ids if t in counts] + \
        sorted(t for t in counts if t not in tax)
    names = tax.names
    table = pd.DataFrame([[counts.get(t, {}).get(c, 0) for c in cols] for t in order],
                         index=pd.Index([names.get(t, t) for t in order], name="technique"), columns=cols)
    return table.astype(int)


@dataclass(frozen=True)
class TechniqueChart:
    """The key's counts and, when given, the student's: ``.key`` and ``.student`` tables,
    ``.figure`` (matplotlib), displayed as a PNG with a text summary."""

    key: pd.DataFrame
    student: pd.DataFrame | None
    figure: Any

    def summary(self) -> str:
        def top(t: pd.DataFrame) -> str:
            s = t.sum(axis=1).sort_values(ascending=False, kind="stable")
            return ", ".join(f"{name} ({int(n)})" for name, n in s.head(3).items() if n)
        def busiest(t: pd.DataFrame) -> str:
            s = t.sum(axis=0).sort_values(ascending=False, kind="stable")
            return ", ".join(f"{c} ({int(n)})" for c, n in s.head(3).items() if n)
        lines = [f"The key marks {int(self.key.values.sum())} technique spans. Most used: {top(self.key)}. "
                 f"Busiest paragraphs: {busiest(self.key)}."]
        if self.student is not None:
            n = int(self.student.values.sum())
            lines.append(f"You marked {n} technique span{'s' if n != 1 else ''}."
                         + (f" Most used: {top(self.student)}. Busiest paragraphs: {busiest(self.student)}." if n else ""))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()

    def png(self) -> bytes:
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=90, metadata={"Software": None})
        return buf.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png()


def _heatmap(ax, table: pd.DataFrame, title: str, *, show_rows: bool) -> Any:
    data = table.to_numpy()
    im = ax.imshow(data, cmap="Blues", vmin=0, vmax=max(1, int(data.max()) if data.size else 1), aspect="auto")
    ax.set_title(title, fontsize=10)
    ax.set_xticks(range(len(table.columns)), [c.split()[-1] for c in table.columns], fontsize=8)
    ax.set_xlabel("paragraph", fontsize=9)
    ax.set_yticks(range(len(table.index)), list(table.index) if show_rows else [], fontsize=8)
    for (i, j), v in pd.DataFrame(data).stack().items():
        if v:
            ax.text(j, i, str(int(v)), ha="center", va="center", fontsize=7,
                    color="white" if v > data.max() / 2 else "black")
    return im


def technique_chart(case: Any, key: Any = None, student: Any = None, *, offset: int = 0,
                    taxonomy: Taxonomy | None = None) -> TechniqueChart:
    """Heat map of technique spans per paragraph: the key (``case.key("techniques")`` by
    default) and, when ``student`` spans are given (offsets into the document that starts at
    ``offset`` in the case text), the student's beside it, on the same rows."""
    from matplotlib.figure import Figure   # heavy import only when a chart is drawn

    tax = taxonomy or load_taxonomy()
    key = case.key("techniques") if key is None else key
    ktab = technique_table(key, case.paragraphs, taxonomy=tax)
    stab = None
    if student is not None:
        used = technique_table(student, case.paragraphs, offset=offset, taxonomy=tax)
        ids = [t for t in tax.ids if tax[t].name in ktab.index or tax[t].name in used.index]
        ktab = technique_table(key, case.paragraphs, taxonomy=tax, techniques=ids)
        stab = technique_table(student, case.paragraphs, offset=offset, taxonomy=tax, techniques=ids)
    panels = [("The key", ktab)] + ([("Your spans", stab)] if stab is not None else [])
    fig = Figure(figsize=(5.2 * len(panels) + 1.6, 0.32 * len(ktab) + 1.4))
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    for n, (ax, (title, table)) in enumerate(zip(axes, panels)):
        _heatmap(ax, table, title, show_rows=n == 0)
    fig.suptitle("Which techniques, where: spans per paragraph", fontsize=11)
    fig.tight_layout()
    return TechniqueChart(ktab, stab, fig)


def chart_after_attempt(case: Any, student: Any, *, offset: int = 0, taxonomy: Taxonomy | None = None,
                        exercise: str | None = None):
    """The chart with the student's spans beside the key's, or, before the attempt, a message
    saying what to do (nothing of the key). ``student`` is the highlighter (its spans, offset
    and whether the key was asked for) or the spans; the chart waits until the student has
    marked the minimum number of spans ``exercise`` ("5.3") asks for, or asked for the key."""
    from .feedback import Pending
    from .techniques import least_spans
    key_shown = bool(getattr(student, "key_shown", False))
    if hasattr(student, "spans") and hasattr(student, "offset"):
        offset, student = student.offset, student.spans
    marked = [s for s in as_spans(student) if s.end > s.start and s.label]
    least = least_spans(exercise)
    if not marked or (len(marked) < least and not key_shown):
        more = f"{least - len(marked)} more technique span{'s' if least - len(marked) != 1 else ''}" if marked \
            else "technique spans"
        return Pending(f"the chart appears once you have marked {more} in the highlighter above "
                       f"(or pressed Show the key): mark them, then run this cell again.")
    return technique_chart(case, student=student, offset=offset, taxonomy=taxonomy)