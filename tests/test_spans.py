"""Span arithmetic, UTF-16 conversion and W3C selectors, with hard text."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from medialit.spans import (OffsetMap, Span, anchor, checksum, cp_to_utf16, fold, merge, overlap,
                            quote_selector, reanchor, resolve_quote, trim, utf16_to_cp)

FLAG = "\U0001F1F7\U0001F1FA"                      # a flag: two regional indicators
FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # ZWJ sequence
THUMB = "\U0001F44D\U0001F3FD"                     # skin-tone modifier
COMBINING = "e\u0301"                              # e + combining acute
RTL = "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627"  # Hebrew and Arabic words
HARD = [FLAG, FAMILY, THUMB, COMBINING, RTL, "\u00a0", "\u2011", "“", "”", "–", "😆"]

hard_text = st.lists(st.one_of(st.sampled_from(HARD), st.text(min_size=1, max_size=5)), max_size=30).map("".join)


def js_length(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@given(hard_text, st.data())
def test_utf16_round_trip(text, data):
    m = OffsetMap(text)
    assert m.utf16_length == js_length(text)
    cp = data.draw(st.integers(0, len(text)))
    u = m.to_utf16(cp)
    assert u == js_length(text[:cp])  # what JavaScript's String.length counts
    assert m.to_cp(u) == cp


@given(hard_text)
def test_inside_a_surrogate_pair_is_refused_or_rounded_down(text):
    m = OffsetMap(text)
    for cp, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            u = m.to_utf16(cp) + 1
            with pytest.raises(ValueError, match="surrogate"):
                m.to_cp(u)
            assert m.to_cp(u, strict=False) == cp


def test_flag_emoji_offsets_known_answer():
    text = f"Flag {FLAG} then placeholder words"
    start = text.index("then")
    assert start == 8                       # code points: F l a g _ RU(2) _
    assert cp_to_utf16(text, start) == 10   # the browser counts 2 more
    assert utf16_to_cp(text, 10) == 8
    assert cp_to_utf16("Café 😀 loaded", 7) == 8  # the case checked in a real browser


def test_offsets_out_of_range():
    with pytest.raises(ValueError, match="outside"):
        OffsetMap("abc").to_utf16(4)
    with pytest.raises(ValueError, match="outside"):
        OffsetMap("abc").to_cp(-1)


@given(hard_text, st.data())
def test_quote_selector_and_anchor(text, data):
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    q = quote_selector(text, s, e)
    assert q["type"] == "TextQuoteSelector"
    assert q["prefix"] + q["exact"] + q["suffix"] == text[max(0, s - 32):e + 32]
    a = anchor(text, s, e)
    assert a["position"] == {"type": "TextPositionSelector", "start": s, "end": e}
    assert a["checksum"] == checksum(text)
    json.dumps(a)  # plain data


@given(hard_text, hard_text, hard_text, st.data())
def test_reanchor_after_text_is_inserted_before(before, middle, inserted, data):
    text = before + "placeholder target" + middle
    s = len(before)
    e = s + len("placeholder target")
    q = quote_selector(text, s, e)
    new = inserted + text
    got = reanchor(new, s, e, q["exact"], q["prefix"], q["suffix"])
    assert got is not None
    assert new[got[0]:got[1]] == "placeholder target"


def test_reanchor_picks_the_occurrence_with_matching_context():
    text = "alpha word beta. gamma word delta."
    s = text.index("word", 12)
    q = quote_selector(text, s, s + 4, context=6)
    shifted = "XX" + text
    assert reanchor(shifted, s, s + 4, q["exact"], q["prefix"], q["suffix"]) == (s + 2, s + 6)
    assert reanchor(text, s, s + 4, "word") == (s, s + 4)  # still valid: unchanged


def test_resolve_quote_folds_spaces_and_hyphens():
    text = "the\u00a0neo\u2011placeholder regime"
    assert resolve_quote(text, "the neo-placeholder") == (0, 19)
    assert resolve_quote(text, "absent") is None
    assert resolve_quote(text, "") is None


@given(hard_text)
def test_fold_keeps_length(text):
    assert len(fold(text)) == len(text)


spans = st.lists(st.builds(lambda a, b, lab: Span(min(a, b), max(a, b), lab),
                           st.integers(0, 60), st.integers(0, 60), st.sampled_from(["x", "y"])), max_size=25)


@given(spans)
def test_merge_is_idempotent_and_covers_the_same_characters(ss):
    m = merge(ss)
    assert merge(m) == m
    for label in {"x", "y"}:
        before = {i for s in ss if s.label == label for i in range(s.start, s.end)}
        after = {i for s in m if s.label == label for i in range(s.start, s.end)}
        assert before == after
    same = [(a, b) for a in m for b in m if a is not b and a.label == b.label]
    assert all(overlap(a, b) == 0 for a, b in same)


def test_merge_keeps_touching_spans_apart_and_labels_separate():
    got = merge([Span(0, 5, "x"), Span(5, 9, "x"), Span(3, 7, "y"), Span(4, 8, "y", "n")])
    assert got == [Span(0, 5, "x"), Span(3, 8, "y"), Span(5, 9, "x")]
    assert [s.note for s in got] == ["", "n", ""]


def test_span_validation_and_helpers():
    with pytest.raises(ValueError, match="start <= end"):
        Span(5, 2)
    with pytest.raises(TypeError):
        Span(1.0, 2)  # type: ignore[arg-type]
    s = Span(4, 8, "x", "note")
    assert len(s) == 4 and s.quote("abc placeholder") == "plac"
    assert s.with_label("y").label == "y"
    assert overlap(Span(0, 5), Span(3, 9)) == 2 and overlap(Span(0, 3), Span(3, 9)) == 0


def test_trim_drops_spaces_and_punctuation():
    text = " placeholder words., "
    assert trim(text, Span(0, len(text), "x")) == Span(1, 18, "x")
