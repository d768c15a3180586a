"""The before and after check side by side (end of lesson 08). Pure, no widgets.

Lesson 00 opens with a short check, quiz items ``pre.1`` .. ``pre.N`` in
``data/lessons/00.toml``; lesson 08 closes with parallel items ``post.1`` .. ``post.N`` in
``data/lessons/08.toml``: ``pre.k`` and ``post.k`` test the same skill (``skill``) on
different material. Both are ``deferred``: answers are saved as quiz records (kind ``quiz``,
key the item id, value ``{"answer", "correct", ...}``) with no feedback, until
:func:`before_after` puts them side by side. Explanations appear only for items the student
answered, and only once the after check has an answer; before that nothing of the answers
is shown. The quiz records are part of every export, so the class report can use them too.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

__all__ = ["Pair", "BeforeAfter", "before_after", "check_items", "PRE", "POST"]

PRE, POST = "pre.", "post."


@dataclass(frozen=True)
class Pair:
    """One skill, tested before and after: None when that side is not answered yet."""

    number: int
    skill: str
    before: bool | None
    after: bool | None
    before_why: str = ""
    after_why: str = ""
    before_answer: str = ""     # "The answer: .... Why", only for an answer not yet right
    after_answer: str = ""


def _mark(ok: bool | None) -> str:
    return "not answered" if ok is None else ("right" if ok else "not yet right")


@dataclass(frozen=True)
class BeforeAfter:
    pairs: tuple[Pair, ...]

    @property
    def before_score(self) -> int:
        return sum(p.before is True for p in self.pairs)

    @property
    def after_score(self) -> int:
        return sum(p.after is True for p in self.pairs)

    @property
    def answered(self) -> tuple[int, int]:
        return (sum(p.before is not None for p in self.pairs), sum(p.after is not None for p in self.pairs))

    def message(self) -> str:
        n = len(self.pairs)
        before, after = self.answered
        if not after:
            return (f"Take the after check above first (items 1 to {n}); then run this cell again to see your "
                    f"answers beside the ones you gave in lesson 00.")
        head = (f"Before (lesson 00): {self.before_score} of {n} right" + ("" if before == n else
                f", {n - before} not answered") + f". After (lesson 08): {self.after_score} of {n} right"
                + ("" if after == n else f", {n - after} not answered") + ".")
        return head

    def rows(self) -> list[dict]:
        return [{"item": p.number, "skill": p.skill, "before": _mark(p.before), "after": _mark(p.after)}
                for p in self.pairs]

    def _show_why(self) -> bool:
        return self.answered[1] > 0

    def __repr__(self) -> str:
        lines = [self.message()]
        if self._show_why():
            for p in self.pairs:
                lines.append(f"{p.number}. {p.skill}: before {_mark(p.before)}, after {_mark(p.after)}")
                for when, why, answer in (("before", p.before_why, p.before_answer),
                                          ("after", p.after_why, p.after_answer)):
                    if why:
                        lines.append(f"   {when}: {why}")
                    if answer:
                        lines.append(f"   {answer}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        out = [f"<p>{e(self.message())}</p>"]
        if self._show_why():
            def cell(ok: bool | None, why: str, answer: str) -> str:
                return e(_mark(ok)) + "".join(f"<br><small>{e(t)}</small>" for t in (why, answer) if t)
            td = "<td style='text-align:left;vertical-align:top'>"    # JupyterLab right-aligns cells
            rows = "".join(
                f"<tr>{td}{p.number}</td>{td}{e(p.skill)}</td>{td}{cell(p.before, p.before_why, p.before_answer)}"
                f"</td>{td}{cell(p.after, p.after_why, p.after_answer)}</td></tr>" for p in self.pairs)
            th = "<th style='text-align:left'>"
            out.append(f"<table><thead><tr>{th}item</th>{th}skill</th>{th}before (lesson 00)</th>"
                       f"{th}after (lesson 08)</th></tr></thead><tbody>{rows}</tbody></table>")
        return f"<div class='medialit-beforeafter' role='status'>{''.join(out)}</div>"


def _latest_quiz(records: Iterable[Any]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for r in records:
        d = r if isinstance(r, Mapping) else {"kind": r.kind, "key": r.key, "value": r.value,
                                             "op": getattr(r, "op", "put")}
        if d.get("kind") != "quiz":
            continue
        if d.get("op", "put") == "delete":
            out.pop(str(d.get("key")), None)
        else:
            out[str(d.get("key"))] = dict(d.get("value") or {})
    return out


def _options(item: Any) -> list[dict]:
    """The options of a quiz item, as dicts: from a :class:`medialit.exercises.QuizItem` or
    from a TOML table (``option`` or ``options``)."""
    if hasattr(item, "options") and not isinstance(item, Mapping):
        return [{"text": o.text, "correct": o.correct, "why": o.why} for o in item.options]
    return [dict(o) for o in (item.get("options") or item.get("option") or [])]


def _id(item: Any) -> str:
    return str(item.id if hasattr(item, "id") and not isinstance(item, Mapping) else item["id"])


def _skills(lesson: str) -> dict[str, str]:
    """quiz id -> its ``skill`` field, read from the lesson's data file."""
    import tomllib  # noqa: PLC0415
    from .exercises import lessons_dir  # noqa: PLC0415
    path = lessons_dir() / f"{lesson}.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {str(q.get("id")): str(q.get("skill", "")) for q in raw.get("quiz", []) if isinstance(q, Mapping)}


def check_items(lesson: str, prefix: str) -> list[dict]:
    """The quiz items of ``lesson`` whose ids start with ``prefix``, as dicts with their skill."""
    from .exercises import lesson_data  # noqa: PLC0415
    skills = _skills(lesson)
    return [{"id": q.id, "skill": skills.get(q.id, ""), "prompt": q.prompt, "options": _options(q)}
            for q in lesson_data(lesson).quizzes.values() if q.id.startswith(prefix)]


def before_after(records: Iterable[Any], *, pre: Iterable[Any] | None = None,
                 post: Iterable[Any] | None = None) -> BeforeAfter:
    """Pair ``pre.k`` with ``post.k`` and say, for each, whether the saved answer is right.

    ``records`` are store records or exported dicts. The items default to the lesson data
    (``pre.*`` in lesson 00, ``post.*`` in lesson 08); tests pass their own, as dicts with
    ``id``, ``skill`` and ``option``/``options`` (``text``, ``correct``, ``why``). Correctness
    is judged from the items' options, so a corrected item corrects the view."""
    pre = check_items("00", PRE) if pre is None else list(pre)
    post = check_items("08", POST) if post is None else list(post)
    by_id = {_id(i): {"skill": i.get("skill", "") if isinstance(i, Mapping) else "", "options": _options(i)}
             for i in [*pre, *post]}
    numbers = sorted({int(k[len(p):]) for k in by_id for p in (PRE, POST)
                      if k.startswith(p) and k[len(p):].isdigit()})
    answers = _latest_quiz(records)
    pairs = []
    for n in numbers:
        a, b = by_id.get(f"{PRE}{n}"), by_id.get(f"{POST}{n}")
        va, vb = answers.get(f"{PRE}{n}"), answers.get(f"{POST}{n}")
        pairs.append(Pair(n, str((a or b or {}).get("skill") or (b or {}).get("skill", "")),
                          _judge(a, va), _judge(b, vb), _why(a, va), _why(b, vb),
                          _answer(a, va), _answer(b, vb)))
    return BeforeAfter(tuple(pairs))


def _judge(item: Mapping | None, value: Mapping | None) -> bool | None:
    if item is None or value is None or "answer" not in value:
        return None
    return value["answer"] in {o.get("text") for o in item["options"] if o.get("correct")}


def _why(item: Mapping | None, value: Mapping | None) -> str:
    if item is None or value is None:
        return ""
    return next((str(o.get("why", "")) for o in item["options"] if o.get("text") == value.get("answer")), "")


def _answer(item: Mapping | None, value: Mapping | None) -> str:
    """The right answer and why, for an answer that is not yet right (shown after the attempt)."""
    if _judge(item, value) is not False:
        return ""
    from .exercises import answer_line  # noqa: PLC0415
    opts = item["options"]
    return answer_line([str(o.get("text")) for o in opts if o.get("correct")],
                       {str(o.get("text")): str(o.get("why", "")) for o in opts})
