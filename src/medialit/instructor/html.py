"""The class report as one self-contained HTML file: inline CSS and SVG, no script, no
external resource (a Content-Security-Policy forbids them too), so it opens offline and
can be mailed or archived as it is.

Every string that reaches the page goes through :func:`html.escape` here, whatever its
source (a pseudonym, a file name, an answer, a reason a file was skipped); only the SVG
charts, which matplotlib writes and escapes, are inserted as markup.
"""
from __future__ import annotations

import html as _html
from typing import Any, Callable

import pandas as pd

from . import figures
from .gradebook import Roster
from .summary import ClassReport

__all__ = ["render_html"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:74rem;margin:1.5rem auto;padding:0 1rem;
color:#1a1a1a;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ccc}
h3{font-size:1rem;margin-top:1.4rem}.lead{color:#444;margin-top:0}
.pair{display:flex;flex-wrap:wrap;gap:1.2rem;align-items:flex-start}.pair>figure{flex:1 1 30rem;margin:0}
.pair>div{flex:1 1 auto;max-width:100%;overflow-x:auto}svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.85rem;margin:.4rem 0}th,td{border:1px solid #ddd;padding:.2rem .45rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#555;font-size:.85rem}nav ol{columns:2}code{font-size:.85em}
"""


def _e(value: Any) -> str:
    return _html.escape("" if value is None else str(value), quote=True)


def pct(v: Any) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) else f"{float(v):.0%}"


def num(v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    return f"{v:.2f}" if isinstance(v, float) and not float(v).is_integer() else str(int(v)) if isinstance(v, float) else str(v)


Column = tuple[str, str, Callable[[Any], str] | None]


def table(frame: pd.DataFrame, columns: list[Column], *, caption: str = "", empty: str = "Nothing to show yet.") -> str:
    """An HTML table of ``frame``'s columns: (column, heading, formatter or None for text)."""
    if frame is None or frame.empty:
        return f"<p class='note'>{_e(empty)}</p>"
    head = "".join(f"<th scope='col'>{_e(h)}</th>" for _, h, _ in columns)
    body = []
    for row in frame.to_dict("records"):
        cells = []
        for col, _, fmt in columns:
            v = row.get(col)
            cells.append(f"<td class='n'>{_e(fmt(v))}</td>" if fmt else f"<td>{_e(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _pair(svg: str, caption: str, side: str) -> str:
    return (f"<div class='pair'><figure>{svg}<figcaption class='note'>{_e(caption)}</figcaption></figure>"
            f"<div>{side}</div></div>")


def _section(anchor: str, title: str, body: str) -> str:
    return f"<section id='{_e(anchor)}'><h2>{_e(title)}</h2>{body}</section>"


def _completion(r: ClassReport) -> str:
    lessons = table(r.lessons, [("lesson", "Lesson", None), ("title", "Title", None), ("exercises", "Exercises", num),
                                ("students_done", "Students done", num), ("done_share", "Share", pct),
                                ("mean_exercises_done", "Mean exercises done", num)],
                    caption="A lesson is done when all its exercises are.")
    ex = table(r.exercises, [("exercise", "Exercise", None), ("title", "Title", None), ("done", "Done", num),
                             ("students", "Of", num), ("done_share", "Share", pct)])
    chart = figures.completion_chart(r.exercises) if not r.exercises.empty and r.n_students else ""
    return lessons + (_pair(chart, "Share of the class that has done each exercise (what counts as done is in "
                                   "data/lessons/NN.toml).", ex) if chart else ex)


def _agreement(r: ClassReport) -> str:
    scored = r.exercises[r.exercises.compared_with != ""]
    side = table(scored, [("exercise", "Exercise", None), ("compared_with", "Compared with", None),
                          ("scored", "Students scored", num), ("mean_score", "Mean", pct),
                          ("median_score", "Median", pct), ("items_compared", "Items compared (mean)", num),
                          ("key_items", "Key items", num), ("kappa", "Cohen's kappa (class)", num)],
                 empty="No exercise could be compared with a key yet.")
    out = _pair(figures.score_chart(r.exercises), "Mean share of the points per exercise.", side) \
        if scored.mean_score.notna().any() else side
    out += ("<p class='note'>A student has a score for an exercise once they have attempted it: answered at "
            "least one item of it that the key counts. The score is over the items they answered (a gradebook "
            "score of 1 out of 1 is one item compared, not the whole exercise: see Items compared against "
            "Key items); spans score F1, out of 1, in the paragraphs they marked; an exercise not attempted "
            "has no score and counts in no mean. Completion is counted apart. Quiz answers are checked "
            "against the options in the lesson data; an answer that is not an option is wrong. Work on "
            "another case (lesson 08's own texts) is never compared with this case's keys. Contested key "
            "items count neither for nor against a student: they are discussion points (see the contested "
            "items below). Spans are scored as in SemEval-2020 Task 11 (partial overlap F1, 0 to 1); labels "
            "and verdicts by agreement; kappa: 1 = full agreement, 0 = what chance gives, below 0 = worse "
            "than chance.</p>")
    unscored = r.exercises[r.exercises.note.str.startswith("not scored")]
    if len(unscored):
        items = "".join(f"<li><b>{_e(e)}</b>: {_e(n)}</li>" for e, n in zip(unscored.exercise, unscored.note))
        out += f"<p class='note'>Done, but not scored:</p><ul class='note'>{items}</ul>"
    if r.not_compared:
        items = "".join(f"<li><b>{_e(kind)}</b>: {_e(why)}</li>" for kind, why in r.not_compared)
        out += f"<p class='note'>Not compared with a key:</p><ul class='note'>{items}</ul>"
    return out


def _missed(r: ClassReport) -> str:
    frames = {k: v for k, v in r.missed.items() if v is not None and not v.empty}
    out = ""
    if frames:
        out += _pair(figures.missed_chart(frames), "The items most students missed, across every kind of work.",
                     "<p class='note'>Each table lists up to ten items, most missed first, as a share of the "
                     "students who answered the item (or marked spans in its paragraph), the students the "
                     "agreement counts. Sentences and paragraphs are numbered from 1, as students see them. "
                     "Listed slurs are masked.</p>")
    for area, frame in r.missed.items():
        cols: list[Column] = [("item", "Item", None), ("text", "Text", None), ("key", "Key", None)]
        if area.startswith("spans"):
            cols += [("in_reach", "Students in reach", num), ("missed", "Missed", num),
                     ("other_label", "Marked, other label", num), ("missed_share", "Missed share", pct)]
        else:
            cols += [("answered", "Answered", num), ("missed", "Missed", num), ("missed_share", "Missed share", pct),
                     ("most_given_instead", "Most given instead", None)]
        if "not_an_option" in frame.columns:
            cols.append(("not_an_option", "Not an option", num))
        out += f"<h3>{_e(area.capitalize())}</h3>" + table(frame, cols, empty="Nobody missed anything here (or no answers yet).")
    return out


def _labels(r: ClassReport) -> str:
    out = ""
    for task, frame in r.labels.items():
        side = table(frame, [("label", "Label", None), ("found", "Found", num), ("of", "Of", num),
                             ("found_share", "Share", pct)])
        out += f"<h3>{_e(task)}</h3>"
        out += _pair(figures.labels_chart(task, frame), "Key spans marked with the key's label, as a share of the "
                     "key spans in the paragraphs each student worked on.", side) if not frame.empty else side
    return out or "<p class='note'>No span key in this case.</p>"


def _spread(r: ClassReport) -> str:
    side = table(r.spread, [("area", "Area", None), ("item", "Item", None), ("text", "Text", None),
                            ("key", "Key", None), ("answer", "Answer", None), ("students", "Students", num)],
                 empty="No answers on contested items yet.")
    return _pair(figures.spread_chart(r.spread), "How the class answered each contested item.", side) \
        if not r.spread.empty else side


def _before_after(r: ClassReport) -> str:
    if r.before_after.empty:
        return "<p class='note'>No before/after answers (quiz items pre.N and post.N) in these exports yet.</p>"
    side = table(r.before_after, [("item", "Item", None), ("before_n", "Answered before", num),
                                  ("before_correct", "Correct before", pct), ("after_n", "Answered after", num),
                                  ("after_correct", "Correct after", pct)])
    s = r.before_after_students
    paired = s.dropna(subset=["before", "after"])
    line = (f"<p>{len(paired)} students answered both checks; on average they got {pct(paired.before.mean())} "
            f"right before and {pct(paired.after.mean())} after.</p>") if len(paired) else ""
    return line + _pair(figures.before_after_chart(r.before_after), "Share correct per item.", side)


def _students(r: ClassReport, roster: Roster | None) -> str:
    frame = r.students.copy()
    cols: list[Column] = [("pseudonym", "Pseudonym", None)]
    if roster is not None:
        frame["student_id"] = [roster.rows.get(p, {}).get("student_id", "") for p in frame.pseudonym]
        cols.append(("student_id", "Student id", None))
    cols += [("exercises_done", "Exercises done", num), ("exercises", "Of", num),
             ("lessons_done", "Lessons done", num), ("exercises_scored", "Exercises scored", num),
             ("mean_score", "Mean score (scored exercises)", pct), ("before", "Before", pct),
             ("after", "After", pct), ("records", "Records", num),
             ("other_case_records", "Records on other texts", num), ("exported", "Exported", None),
             ("file", "File", None)]
    out = ""
    if r.n_students:
        out += _pair(figures.done_histogram(r.students, len(r.exercises)),
                     "How many students have done how many exercises.", "")
    out += table(frame, cols, empty="No valid submissions.")
    if r.n_students:
        out += ("<p class='note'>Mean score: over the exercises the student attempted (Exercises scored). "
                "Records on other texts: work on another case, such as lesson 08's own text; it counts toward "
                "done only where the lesson's done rule counts it, and is never compared with this case's "
                "keys.</p>")
    if roster is not None:
        missing = roster.missing(frame.pseudonym)
        unknown = roster.unknown(frame.pseudonym)
        if missing:
            out += f"<p>On the roster, no submission ({len(missing)}): " + ", ".join(_e(m) for m in missing) + "</p>"
        if unknown:
            out += f"<p>Submitted, not on the roster ({len(unknown)}): " + ", ".join(_e(u) for u in unknown) + "</p>"
    return out


def _skipped(r: ClassReport) -> str:
    if not r.skipped:
        return "<p>Every file in the folder was read.</p>"
    frame = pd.DataFrame([{"name": s.name, "reason": s.reason, "advice": s.advice} for s in r.skipped])
    return ("<p>These files were left out; nothing in them was used.</p>"
            + table(frame, [("name", "File", None), ("reason", "Why it was skipped", None),
                            ("advice", "What to do", None)]))


def render_html(report: ClassReport, *, roster: Roster | None = None, title: str | None = None) -> str:
    """The whole report page as a string."""
    title = title or f"Class report · {report.case_title}"
    newest = report.students.exported.max() if report.n_students else ""
    sections = [
        ("completion", "Completion per lesson and exercise", _completion(report)),
        ("agreement", "Agreement with the key", _agreement(report)),
        ("missed", "Most-missed spans, claims, verdicts and quiz items", _missed(report)),
        ("labels", "Techniques and categories found", _labels(report)),
        ("contested", "Contested items: the spread of answers", _spread(report)),
        ("before-after", "Before and after", _before_after(report)),
        ("students", "Per pseudonym", _students(report, roster)),
        ("skipped", f"Files skipped ({len(report.skipped)})", _skipped(report)),
    ]
    nav = "".join(f"<li><a href='#{a}'>{_e(t)}</a></li>" for a, t, _ in sections)
    body = "".join(_section(a, t, b) for a, t, b in sections)
    lead = (f"{report.n_students} students · case {_e(report.case_id)} · {len(report.skipped)} files skipped"
            + (f" · newest export {_e(newest)}" if newest else ""))
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{_e(title)}</h1><p class='lead'>{lead}</p><nav><ol>{nav}</ol></nav>{body}"
            "<p class='note'>Made by <code>medialit class-report</code> from exported work files; nothing in "
            "them was run. Pseudonyms only: map them to students with <code>--roster</code>.</p></body></html>")
