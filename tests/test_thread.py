"""Comment-section layout rules and reply inference, on neutral placeholder threads."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from medialit.thread import looks_like_author, parse_comments


def parse(body, authors=None):
    return parse_comments(body, 0, authors=authors)


def test_blank_line_runs_only_separate():
    body = "first placeholder\n\n\n\nsecond placeholder\n \t\nthird placeholder\n"
    rows = parse(body)
    assert [r.text for r in rows] == ["first placeholder", "second placeholder", "third placeholder"]
    assert [r.author for r in rows] == [None, None, None]
    assert all(body[r.start:r.end] == r.text for r in rows)


def test_author_lines_by_shape():
    assert looks_like_author("Ann Example")
    assert looks_like_author("Vlad the Great")
    assert not looks_like_author("ann example")          # lower case
    assert not looks_like_author("Thanks for this.")     # punctuation
    assert not looks_like_author("Agent 47")             # digits
    assert not looks_like_author("One Two Three Four Five Six")


def test_author_list_wins_over_shape():
    body = "Ann Example\n\nfirst placeholder\n\nZed\n\nsecond placeholder\n"
    rows = parse(body, authors=["Ann Example"])
    assert [(r.author, r.text) for r in rows] == [
        ("Ann Example", "first placeholder"), (None, "Zed"), (None, "second placeholder")]


def test_multi_line_comment_is_one_comment():
    rows = parse("Ann Example\nsecond line\n\nnext placeholder\n")
    assert rows[0].text == "Ann Example\nsecond line" and rows[0].author is None


def test_author_at_end_is_an_error():
    with pytest.raises(ValueError, match="has no comment after it"):
        parse("placeholder\n\nAnn Example\n")


def test_reply_rules():
    body = "\n\n".join([
        "Ann Example", "the widget factory makes blue widgets",                 # c01
        "Bob Example", "blue widgets?? only on tuesdays",                       # c02 echoes c01
        "completely agree with you ann example, tuesdays",                    # c03 names Ann
        "placeholder = 🤡 😆😆😆",                                              # c04
        "another thing = 🤡 😆😆😆",                                            # c05 mirrors c04
        "oh yes, the factory again",                                          # c06 agrees: shares 'factory' with c01 only
        "a new topic entirely",                                               # c07 new thread
        "not to mention the topic",                                           # c08 adds to c07
    ])
    rows = {r.comment_id: r for r in parse(body)}
    got = {k: r.reply_to for k, r in rows.items()}
    assert got == {"c01": None, "c02": "c01", "c03": "c01", "c04": None, "c05": "c04",
                   "c06": "c01", "c07": None, "c08": "c07"}
    assert "names the author Ann Example" == rows["c03"].reply_reason
    assert "echoes" in rows["c02"].reply_reason
    assert "repeats the pattern" in rows["c05"].reply_reason
    assert "rarest words" in rows["c06"].reply_reason
    assert "just before" in rows["c08"].reply_reason


@given(st.lists(st.text(alphabet="abc xyz.", min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=8),
       st.lists(st.integers(1, 4), min_size=8, max_size=8))
def test_any_spacing_parses_back(comments, gaps):
    body = "".join(c + "\n" * (g + 1) for c, g in zip(comments, gaps))
    rows = parse(body)
    assert [r.text for r in rows] == [c.strip() for c in comments]
    for r in rows:
        assert body[r.start:r.end] == r.text
        assert r.reply_to is None or int(r.reply_to[1:]) < r.position


def test_links_are_not_evidence_of_a_reply():
    """A shared address, or "see https", put a joke under an unrelated comment ("echoes the
    words", issue 11)."""
    body = "\n\n".join([
        "the widget factory makes blue widgets, see https://example.org/report",   # c01
        "a new placeholder topic about tuesdays",                                  # c02
        "see https://example.net/a-joke-about-ducks 😆",                           # c03 shares only "see https"
        "lol example.org/report",                                                  # c04 shares only the address
        "mail me at someone@example.org or www.example.org/report",                # c05
        "the widget factory: https://example.org/report",                          # c06 echoes c01's words
    ])
    got = {r.comment_id: (r.reply_to, r.reply_reason) for r in parse(body)}
    assert [got[c][0] for c in ("c03", "c04", "c05")] == [None, None, None], got
    assert got["c06"][0] == "c01" and "echoes" in got["c06"][1]
    assert "https" not in got["c06"][1]


def reference_replies(rows):
    """The rules a-d compared pair by pair, as first written (quadratic), on text without links."""
    import math
    import re as _re
    from medialit.spans import fold
    from medialit.thread import _AGREE, _content, _trigrams, _unlinked
    texts = [_unlinked(r.text) for r in rows]
    words = [set(_content(t)) for t in texts]
    df = {}
    for ws in words:
        for w in ws:
            df[w] = df.get(w, 0) + 1
    n = max(len(rows), 1)
    out = {}
    for i, row in enumerate(rows):
        got = None
        low = texts[i].lower()
        for prev in reversed(rows[:i]):
            name = r"[\s.]+".join(map(_re.escape, fold(prev.author or "").lower().replace(".", " ").split()))
            if name and _re.search(rf"\b{name}\b", low):
                got = prev.comment_id
                break
        first = set(_content(_re.split(r"[.!?,;:]", texts[i], maxsplit=1)[0].strip()))
        if got is None and len(first) >= 2:
            got = next((rows[j].comment_id for j in range(i - 1, -1, -1) if first <= words[j]), None)
        if got is None:
            g = _trigrams(texts[i])
            got = next((rows[j].comment_id for j in range(i - 1, -1, -1) if g & _trigrams(texts[j])), None)
        if got is None and i and _AGREE.match(texts[i]):
            best = i - 1
            if not words[i] & words[i - 1]:
                best_score = 0.0
                for j in range(i - 2, -1, -1):
                    score = sum(math.log((n + 1) / df[w]) for w in words[i] & words[j])
                    if score > best_score + 1e-9:
                        best, best_score = j, score
            got = rows[best].comment_id
        out[row.comment_id] = got
    return out


VOCAB = ["widget", "factory", "blue", "tuesday", "placeholder", "topic", "yes", "oh yes", "ann example",
         "bob", "mr. fixer", "see", "😆", "🤡", "=", "https://example.org/x", "exactly", "agree", "not to mention"]


@given(st.lists(st.tuples(st.sampled_from([None, "Ann Example", "Bob", "Mr Fixer"]),
                          st.lists(st.sampled_from(VOCAB), min_size=1, max_size=7)), min_size=1, max_size=25))
def test_indexed_inference_gives_the_pairwise_answers(thread):
    from medialit.thread import CommentRow, infer_replies
    rows = [CommentRow(f"c{i + 1:02d}", i + 1, author, " ".join(words), 0, 0)
            for i, (author, words) in enumerate(thread)]
    infer_replies(rows)
    assert {r.comment_id: r.reply_to for r in rows} == reference_replies(rows)


def test_ten_thousand_comments_infer_in_linear_time():
    """Before: 1,500 comments took 34 s and 3,000 took 148 s (every pair compared)."""
    import random
    import time
    from medialit.thread import CommentRow, infer_replies
    rng = random.Random(7)
    words = [f"{a}{b}" for a in ("pla", "wid", "fac", "tue", "blu", "gre", "top", "ord") for b in
             ("ce", "get", "tory", "sday", "ish", "ener", "ics", "ers", "al", "on")]

    def thread(n):
        return [CommentRow(f"c{i + 1:05d}", i + 1, rng.choice([None, None, "Ann Example", "Bob Example"]),
                           rng.choice(["", "yes ", "not to mention "]) + " ".join(rng.choices(words, k=12)), 0, 0)
                for i in range(n)]

    times = {}
    for n in (2500, 10_000):
        rows = thread(n)
        t = time.perf_counter()
        infer_replies(rows)
        times[n] = time.perf_counter() - t
    assert times[10_000] < 10.0, times
    assert times[10_000] < 4 * times[2500] * 2.5, times    # 4x the comments: far from 16x the time
