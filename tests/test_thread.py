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
