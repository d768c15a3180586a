"""A synthetic class: exports made up from the case keys, for the report's demo notebook,
its tests and the scale benchmark. Pseudonyms are neutral (``student-001``); free text is
placeholder words; nothing is anybody's real work.

Each synthetic student has a *skill* (the chance of giving the key's answer) and a *reach*
(the share of the course they worked through). :func:`write_class` writes a realistic class;
:func:`write_bench_class` writes many students fast by mixing pre-serialised records of a
few prototypes slot by slot (same records, different answers).
"""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from .. import exercises as _exercises
from ..course import LESSONS
from ..keys import SENTENCE_LABELS, VERDICTS
from ..spans import anchor as make_anchor
from ..store import EXPORT_SCHEMA, EXPORT_VERSION, SCHEMA
from ..topics import FRAMINGS

__all__ = ["student_records", "export_doc", "write_class", "write_bench_class", "PLACEHOLDER"]

PLACEHOLDER = "placeholder words for a synthetic answer"
TIME = "2026-11-30T10:00:00.000Z"
BEFORE_AFTER = ("1", "2", "3", "4")     # items of the synthetic before/after check (pre.N, post.N)


def _rec(seq: int, kind: str, key: str, value: dict, *, case_id: str, doc_id: str = "",
         anchor: dict | None = None) -> dict:
    return {"schema": SCHEMA, "seq": seq, "time": TIME, "op": "put", "kind": kind, "case_id": case_id,
            "doc_id": doc_id, "key": key, "value": value, "anchor": anchor}


def export_doc(pseudonym: str, records: list[dict], exported: str = TIME) -> dict:
    """An export file's content, as ``Store.export()`` writes it."""
    return {"schema": EXPORT_SCHEMA, "version": EXPORT_VERSION, "student": pseudonym,
            "exported": exported, "records": records}


def _other(rng: random.Random, choices, right: str) -> str:
    return rng.choice([c for c in choices if c != right] or [right])


def _quiz_items() -> list[Any]:
    out = []
    for lesson in LESSONS:
        out += list(_exercises.lesson_data(lesson).quizzes.values())
    return out


def _span_rules(task: str) -> list[Any]:
    return [ex.rule for lesson in LESSONS for ex in _exercises.lesson_data(lesson).exercises
            if ex.rule.kind == "span" and (ex.rule.task or "loaded_language") == task]


def student_records(case: Any, rng: random.Random, *, skill: float = 0.7, reach: float = 1.0,
                    extra_spans: int = 0, before_after: bool = True, complete: bool = False) -> list[dict]:
    """One synthetic student's latest records on ``case``. ``complete=True`` answers every
    item (only the answers vary), so all such students have the same records."""
    cid, recs = case.case_id, []

    def add(kind, key, value, **kw):
        recs.append(_rec(len(recs) + 1, kind, key, value, case_id=cid, **kw))

    def right() -> bool:
        return rng.random() < skill

    add("progress", "pseudonym", {"lesson": "00"})
    if "sentences" in case.keys:
        for row in case.key("sentences").itertuples():
            if rng.random() < reach:
                add("sentence_label", str(row.sentence), {"label": row.label if right() else
                                                          _other(rng, SENTENCE_LABELS, row.label)},
                    doc_id="article")
    if "factchecks" in case.keys:
        for row in case.key("factchecks").itertuples():
            if rng.random() < reach:
                add("verdict", row.id, {"verdict": row.verdict if right() else _other(rng, VERDICTS, row.verdict),
                                        "justification": PLACEHOLDER, "cited": list(row.sources[:1])},
                    doc_id="article")
    for task in ("loaded_language", "techniques"):
        if task not in case.keys:
            continue
        key = case.key(task)
        label_col = "technique" if "technique" in key.columns else "category"
        labels = sorted(set(key[label_col]))
        # mark each key span where the lessons ask for it: in the paragraph an exercise names,
        # else in the whole article
        named = [r.doc_id for r in _span_rules(task) if r.doc_id and r.doc_id != "article"]
        for n, row in enumerate(key.itertuples(), 1):
            if complete or rng.random() < reach * skill:
                doc = next((d for d in named if case.document(d).start <= row.start
                            and row.end <= case.document(d).end), "article")
                d = case.document(doc)
                label = getattr(row, label_col) if right() else _other(rng, labels, getattr(row, label_col))
                add("span", f"span-{task[:2]}{n:04d}", {"label": label, "note": "", "task": task}, doc_id=doc,
                    anchor=make_anchor(d.text, row.start - d.start, row.end - d.start))
    if "sources" in case.keys:
        key = case.key("sources")
        framings = FRAMINGS
        for row in key.itertuples():
            if rng.random() < reach:
                add("framing", row.source, {"topic": row.topic, "framing": row.framing if right() else
                                            _other(rng, framings, row.framing), "left_out": PLACEHOLDER},
                    doc_id="sources")
    if "comments" in case.keys:
        key = case.key("comments")
        all_labels = sorted({lab for labs in key["labels"] for lab in labs})
        decisions = sorted(set(key["decision"]))
        for row in key.itertuples():
            if rng.random() < reach:
                labs = list(row.labels) if right() else [rng.choice(all_labels)]
                add("comment_label", row.comment_id, {"labels": labs}, doc_id=row.comment_id)
                add("moderation", row.comment_id, {"decision": row.decision if right() else
                                                   _other(rng, decisions, row.decision), "rule": row.rule},
                    doc_id=row.comment_id)
    art = case.document("article")
    for n in range(extra_spans):
        start = rng.randrange(0, len(art.text) - 20)
        add("span", f"span-x{n:05d}", {"label": "emotive", "note": PLACEHOLDER, "task": "loaded_language"},
            doc_id="article", anchor=make_anchor(art.text, start, start + rng.randrange(4, 20)))
    for q in _quiz_items():
        if q.deferred or rng.random() >= reach:
            continue
        good = [o.text for o in q.options if o.correct]
        bad = [o.text for o in q.options if not o.correct]
        answer = rng.choice(good) if right() or not bad else rng.choice(bad)
        add("quiz", q.id, {"answer": answer, "correct": answer in good, "lesson": q.lesson})
    for lesson in LESSONS:
        for rid in _exercises.lesson_data(lesson).reflections:
            if rng.random() < reach:
                add("reflection", rid, {"text": PLACEHOLDER, "changed": True, "lesson": lesson})
    if before_after:                     # the course's before/after items, or made-up ones
        gain = 0.25 * reach
        items = {q.id: q for q in _quiz_items() if q.id.startswith(("pre.", "post."))}
        for item in sorted({i.split(".", 1)[1] for i in items} or BEFORE_AFTER):
            for phase, p in (("pre", skill - 0.2), ("post", skill - 0.2 + gain)):
                if phase == "post" and rng.random() >= reach:
                    continue
                ok = rng.random() < p
                q = items.get(f"{phase}.{item}")
                if q is None:
                    answer = "the evidence" if ok else "the headline"
                else:
                    pool = [o.text for o in q.options if o.correct == ok] or [o.text for o in q.options]
                    answer = rng.choice(pool)
                    ok = q.option(answer).correct
                add("quiz", f"{phase}.{item}", {"answer": answer, "correct": ok,
                                                "lesson": "00" if phase == "pre" else "08"})
    if rng.random() < reach:
        add("progress", "export", {"lesson": "00"})
    return recs


def write_class(folder: str | Path, n: int = 24, *, case: Any = None, seed: int = 0) -> list[Path]:
    """Write ``n`` synthetic exports (``student-001-2026-11-30.medialit-work.json``...) into ``folder``."""
    if case is None:
        from .. import load_case  # noqa: PLC0415
        case = load_case()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(1, n + 1):
        skill = round(0.45 + 0.5 * rng.random(), 2)
        reach = 1.0 if i % 4 else round(0.3 + 0.6 * rng.random(), 2)
        name = f"student-{i:03d}"
        doc = export_doc(name, student_records(case, rng, skill=skill, reach=reach))
        path = folder / f"{name}-2026-11-30.medialit-work.json"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


def write_bench_class(folder: str | Path, n: int, *, records: int = 300, case: Any = None, seed: int = 0,
                      prototypes: int = 12) -> int:
    """Write ``n`` exports of exactly ``records`` records each, fast; returns the bytes written.

    A few prototype students are generated in full with the same records (everyone reaches
    everything) and serialised once; each export then picks, slot by slot, one prototype's
    version of that record."""
    if case is None:
        from .. import load_case  # noqa: PLC0415
        case = load_case()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    base = len(student_records(case, random.Random(0), reach=1.0, complete=True))
    extra = max(0, records - base)
    protos = []
    for p in range(prototypes):
        recs = student_records(case, random.Random(seed * 1000 + p), skill=0.4 + 0.05 * p, reach=1.0,
                               extra_spans=extra, complete=True)
        recs = [dict(r, seq=i + 1) for i, r in enumerate(recs[:records])]
        protos.append([json.dumps(r, ensure_ascii=False) for r in recs])
    width = min(len(p) for p in protos)
    written = 0
    for i in range(1, n + 1):
        name = f"student-{i:05d}"
        head = json.dumps({k: v for k, v in export_doc(name, []).items() if k != "records"})[:-1]
        picks = rng.choices(range(prototypes), k=width)
        body = ",\n".join(protos[picks[j]][j] for j in range(width))
        text = f'{head}, "records": [\n{body}\n]}}'
        (folder / f"{name}-2026-11-30.medialit-work.json").write_text(text, encoding="utf-8")
        written += len(text)
    return written
