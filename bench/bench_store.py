"""Store benchmarks: durable save latency against an unsynced append, measured in the same run.

``python -m bench --json`` collects :func:`run`. Values are milliseconds per save
(median and 99th percentile) and per full load."""
from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from medialit import spans
from medialit.store import Store

N_SAVES = 1500
N_LOAD = 10_000
TEXT = "Placeholder words for a benchmark, repeated. " * 40


def _pct(samples: list[float], q: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def _row(name: str, value: float, baseline: float, goal: float, *, limit_ms: float | None = None,
         note: str = "") -> dict:
    """``goal`` is the ratio ceiling (value/baseline); ``limit_ms`` an absolute ceiling as well."""
    ratio = value / baseline if baseline else None
    ok = ratio is not None and ratio <= goal and (limit_ms is None or value <= limit_ms)
    return {"name": name, "value": round(value, 4), "baseline": round(baseline, 4),
            "ratio": round(ratio, 3) if ratio is not None else None, "goal": goal, "ok": ok, "note": note}


def _value(i: int) -> dict:
    return {"label": "loaded_language", "note": f"placeholder note {i}"}


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="medialit-bench-") as tmp:
        root = Path(tmp)
        store = Store("bench", root=root)
        anchors = [spans.anchor(TEXT, i % 500, i % 500 + 20) for i in range(N_SAVES)]

        durable = []
        for i in range(N_SAVES):
            t = time.perf_counter()
            store.put("span", case_id="bench", doc_id="article", key=f"k{i}", value=_value(i), anchor=anchors[i])
            durable.append((time.perf_counter() - t) * 1000)

        # baseline: the same JSON line appended and flushed, no lock, no fsync
        plain = []
        with open(root / "plain.jsonl", "a", encoding="utf-8") as fh:
            for i in range(N_SAVES):
                t = time.perf_counter()
                rec = {"schema": 1, "seq": i + 1, "time": "2026-01-01T00:00:00.000Z", "op": "put",
                       "kind": "span", "case_id": "bench", "doc_id": "article", "key": f"k{i}",
                       "value": _value(i), "anchor": anchors[i]}
                fh.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
                fh.flush()
                plain.append((time.perf_counter() - t) * 1000)

        # loading a big store against parsing the same lines with json.loads alone
        big = root / "big" / "work.jsonl"
        big.parent.mkdir()
        line = (root / "bench" / "work.jsonl").read_text(encoding="utf-8").splitlines()
        with open(big, "w", encoding="utf-8") as fh:
            for i in range(N_LOAD):
                fh.write(line[i % len(line)].replace('"seq":', f'"seq":{i + 1},"_":', 1) + "\n")
        t = time.perf_counter()
        loaded = Store("big", root=root)
        load_ms = (time.perf_counter() - t) * 1000
        assert len(loaded.history()) == N_LOAD and not loaded.problems, loaded.problems[:3]
        t = time.perf_counter()
        with open(big, encoding="utf-8") as fh:
            [json.loads(x) for x in fh]
        parse_ms = (time.perf_counter() - t) * 1000

    # An fsync'd, locked save costs far more than a buffered append; what matters is that it
    # stays below what a student notices after a click, so the absolute limits decide "ok".
    return [
        _row("store.save_p50_ms", _pct(durable, 0.5), _pct(plain, 0.5), 1000.0, limit_ms=10.0,
             note="durable save (lock + append + fsync) vs unsynced append; ok if <= 10 ms"),
        _row("store.save_p99_ms", _pct(durable, 0.99), _pct(plain, 0.99), 2000.0, limit_ms=100.0,
             note="99th percentile; ok if <= 100 ms"),
        _row("store.load_10k_records_ms", load_ms, parse_ms, 5.0,
             note="opening a 10,000-record store vs json.loads of the same lines"),
    ]


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))
