"""Case-loading benchmark: ``load_case`` on large synthetic cases, against reading the same
``source.txt`` and splitting it on blank lines, measured in the same run.

Goals (issue 9): an article of 4,000 sentences with 1,500 comments loads in under 3 s, and
10,000 comments in under 10 s; loading is linear (time per comment at 10,000 comments at
most twice that at 2,500; quadratic work would make it four times).

The synthetic texts are neutral: made-up sentences about widgets, rivers and markets, with
the things the rules must handle (abbreviations, initials, decimals, quotes, author lines,
agreement markers, names, emoji, links). ``python -m bench load``; ``BENCH_REPEATS`` sets
how many runs each figure is the best of (default 2)."""
from __future__ import annotations

import json
import os
import random
import re
import tempfile
import time
from pathlib import Path

import medialit

REPEATS = int(os.environ.get("BENCH_REPEATS", "2"))
NOUNS = ("widget", "river", "market", "bridge", "garden", "harbour", "council", "report", "village", "factory",
         "orchard", "library", "railway", "festival", "museum", "bakery", "meadow", "lantern", "ferry", "tower")
VERBS = ("opens", "closes", "grows", "moves", "waits", "changes", "returns", "improves", "meets", "describes")
ADJ = ("blue", "quiet", "old", "new", "busy", "small", "wide", "green", "early", "late", "northern", "plain")
AUTHORS = ("Ann Example", "Bob Example", "Cleo Sample", "Dan Placeholder", "Eve Example")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(ADJ if k % 3 == 0 else NOUNS if k % 3 == 1 else VERBS) for k in range(rng.randint(6, 16))]
    extra = rng.random()
    if extra < 0.1:
        words.insert(2, "Mr. Example")
    elif extra < 0.2:
        words.insert(3, f"{rng.randint(1, 9)}.{rng.randint(0, 9)} percent")
    elif extra < 0.25:
        words.insert(1, "e.g. the")
    elif extra < 0.3:
        words.insert(2, "“a quoted phrase”")
    return "The " + " ".join(words) + rng.choice((".", ".", ".", "!", "?"))


def _comment(rng: random.Random, i: int) -> str:
    opening = rng.choice(("", "", "", "yes, ", "oh yes ", "not to mention ", "exactly, "))
    body = " ".join(rng.choice(NOUNS + VERBS + ADJ) for _ in range(rng.randint(4, 24)))
    tail = rng.choice(("", "", "", " 😆", " 🇷🇺=🤡", " see https://example.org/page-%d" % i,
                       " agree with you %s" % rng.choice(AUTHORS).lower()))
    return opening + body + tail


def write_case(folder: Path, *, sentences: int, comments: int, seed: int = 9) -> Path:
    """A case folder with an article of ``sentences`` sentences and ``comments`` comments."""
    rng = random.Random(seed)
    paras, left = [], sentences
    while left > 0:
        k = min(left, rng.randint(3, 12))
        paras.append(" ".join(_sentence(rng) for _ in range(k)))
        left -= k
    blocks = []
    for i in range(comments):
        if rng.random() < 0.3:
            blocks.append(rng.choice(AUTHORS))
        blocks.append(_comment(rng, i))
    text = ("A Placeholder Headline About Widgets\n\nBy a placeholder author\n\n" + "\n\n".join(paras)
            + "\n\n\n" + "\n\n".join(blocks) + "\n")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.txt").write_text(text, encoding="utf-8")
    (folder / "case.toml").write_text(
        'id = "bench"\ntitle = "A synthetic case"\n[layout]\nbyline = true\n[comments]\nauthors = '
        + json.dumps(list(AUTHORS)) + "\n", encoding="utf-8")
    return folder


def _best(fn) -> float:
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _split_on_blank_lines(folder: Path) -> list[str]:
    """The baseline: read the same text and split it into blocks."""
    text = (folder / "source.txt").read_bytes().decode("utf-8")
    return re.split(r"\n[ \t\u00a0]*\n", text)


def _measure(folder: Path) -> tuple[float, float, medialit.Case]:
    case = medialit.load_case(path=folder)          # warm-up, and the tables to check
    load = _best(lambda: medialit.load_case(path=folder))
    base = _best(lambda: _split_on_blank_lines(folder))
    return load, base, case


def _row(name: str, value: float, baseline: float, limit: float, note: str) -> dict:
    return {"name": name, "value": round(value, 4), "baseline": round(baseline, 4),
            "ratio": round(value / baseline, 1) if baseline else None, "goal": limit,
            "ok": value <= limit, "note": note}


def run() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="medialit-bench-load-") as tmp:
        big = write_case(Path(tmp) / "article", sentences=4000, comments=1500)
        load, base, case = _measure(big)
        assert len(case.sentences) >= 4000 and len(case.comments) == 1500, case
        rows.append(_row("load.4000_sentences_1500_comments_s", load, base, 3.0,
                         "seconds to load_case; baseline: read the same text and split it on blank lines; "
                         "ok if under 3 s"))
        small = write_case(Path(tmp) / "c2500", sentences=40, comments=2500)
        many = write_case(Path(tmp) / "c10000", sentences=40, comments=10_000)
        load_s, base_s, _ = _measure(small)
        load_m, base_m, case = _measure(many)
        assert len(case.comments) == 10_000
        rows.append(_row("load.10000_comments_s", load_m, base_m, 10.0,
                         "seconds to load_case; baseline as above; ok if under 10 s"))
        rows.append(_row("load.per_comment_10000_vs_2500", (load_m / 10_000) / (load_s / 2500),
                         (base_m / 10_000) / (base_s / 2500), 2.0,
                         "time per comment at 10,000 over that at 2,500 (linear: about 1, quadratic: 4); "
                         "ok if at most 2"))
    return rows


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))
