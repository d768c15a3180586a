"""Scoring benchmark: 100 students x 300 spans scored with the sort-and-sweep metric,
against a naive all-pairs loop over the same merged spans, measured in the same run.

``python -m bench --json`` collects :func:`run`. Values are milliseconds for the class."""
from __future__ import annotations

import json
import random
import time

from medialit.scoring import _by_label, _sweep, span_scores
from medialit.spans import Span, merge

STUDENTS = 100
SPANS = 300
TEXT_LEN = 60_000
LABELS = ("loaded_language", "name_calling", "doubt", "flag_waving", "exaggeration")


def _spans(rng: random.Random, n: int) -> list[Span]:
    out = []
    for _ in range(n):
        start = rng.randrange(TEXT_LEN - 80)
        out.append(Span(start, start + rng.randint(5, 80), rng.choice(LABELS)))
    return out


def naive_scores(pred: list[Span], key: list[Span]) -> tuple[float, float]:
    """The definition as a double loop over every (predicted, key) pair."""
    S, T = merge(pred), merge(key)
    p = r = 0.0
    for s in S:
        for t in T:
            if s.label == t.label:
                ov = min(s.end, t.end) - max(s.start, t.start)
                if ov > 0:
                    p += ov / (s.end - s.start)
                    r += ov / (t.end - t.start)
    return (p / len(S) if S else 0.0), (r / len(T) if T else 0.0)


def run() -> list[dict]:
    rng = random.Random(2026)
    key = _spans(rng, SPANS)
    # students: some key spans nudged, some dropped, some invented
    students = []
    for _ in range(STUDENTS):
        mine = [Span(max(0, s.start + rng.randint(-2, 2)), s.end + rng.randint(-2, 2), s.label)
                for s in key if rng.random() < 0.7]
        students.append(mine + _spans(rng, SPANS - len(mine)))

    t = time.perf_counter()
    fast = [span_scores(s, key) for s in students]
    sweep_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    slow = [naive_scores(s, key) for s in students]
    naive_ms = (time.perf_counter() - t) * 1000
    for f, (p, r) in zip(fast, slow):       # same answers, or the comparison means nothing
        assert abs(f.precision - p) < 1e-9 and abs(f.recall - r) < 1e-9

    # the pairing stage alone, on spans already merged and grouped by label
    groups = [_by_label(s) for s in students]
    gold = _by_label(key)
    t = time.perf_counter()
    for g in groups:
        for label, S in g.items():
            _sweep(S, gold.get(label, []))
    pair_sweep_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    for g in groups:
        for label, S in g.items():
            T = gold.get(label, [])
            for s in S:
                for u in T:
                    ov = min(s.end, u.end) - max(s.start, u.start)
                    if ov > 0:
                        pass
    pair_naive_ms = (time.perf_counter() - t) * 1000

    class_ratio, pair_ratio = sweep_ms / naive_ms, pair_sweep_ms / pair_naive_ms
    return [{"name": "scoring.class_100x300_spans_ms", "value": round(sweep_ms, 2),
             "baseline": round(naive_ms, 2), "ratio": round(class_ratio, 3), "goal": 1.0,
             "ok": class_ratio <= 1.0,
             "note": "span_scores for 100 students x 300 spans vs an all-pairs loop, merging included"},
            {"name": "scoring.pairing_only_100x300_spans_ms", "value": round(pair_sweep_ms, 2),
             "baseline": round(pair_naive_ms, 2), "ratio": round(pair_ratio, 3), "goal": 0.2,
             "ok": pair_ratio <= 0.2,
             "note": "the pairing stage alone: linear sweep vs quadratic pairs on merged spans"}]


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))
