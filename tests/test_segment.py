"""Sentence splitting rules, each with a case, plus properties on generated paragraphs."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from medialit.segment import ABBREVIATIONS, paragraph_spans, split_sentences


def sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("One fact. Two facts.", ["One fact.", "Two facts."]),
    ("One\u00a0fact.\u00a0Two facts.", ["One\u00a0fact.", "Two facts."]),            # no-break space between
    ("He said “it is over.” Then he left.", ["He said “it is over.”", "Then he left."]),  # ends in a quote
    ("The US leads. The U.S. agrees. Next.", ["The US leads.", "The U.S. agrees.", "Next."]),
    ("Mr. Placeholder met Dr. Example. Done.", ["Mr. Placeholder met Dr. Example.", "Done."]),
    ("V. Putin wrote it. Then more.", ["V. Putin wrote it.", "Then more."]),        # an initial
    ("A rise of 1.5 percent. Next.", ["A rise of 1.5 percent.", "Next."]),
    ("In 1950–1953 – a war – it ended. Yes.", ["In 1950–1953 – a war – it ended.", "Yes."]),
    ("Really?? Yes! (Fine.) Ok.", ["Really??", "Yes!", "(Fine.)", "Ok."]),
    ("lower case. continues here", ["lower case. continues here"]),                # next word not capital
    ("The neo\u2011placeholder regime. It ends", ["The neo\u2011placeholder regime.", "It ends"]),
    ("Wait… Then 2024 came.", ["Wait…", "Then 2024 came."]),
])
def test_rules(text, expected):
    assert sents(text) == expected


def test_paragraph_spans_trim_and_skip_blank_lines():
    text = "  first line\nsecond line  \n \n\n\u00a0\nthird\n"
    got = [text[s:e] for s, e in paragraph_spans(text)]
    assert got == ["first line\nsecond line", "third"]


# one capital letter and a dot is an initial, and "cf." an abbreviation: neither ends a sentence
words = st.text(alphabet="abcdefgh", min_size=2, max_size=8).filter(lambda w: w not in ABBREVIATIONS)
sentence = st.builds(lambda w, rest, end: w.capitalize() + "".join(" " + r for r in rest) + end,
                     words, st.lists(words, max_size=6), st.sampled_from([".", "!", "?", ".”"]))


@given(st.lists(sentence, min_size=1, max_size=8), st.sampled_from([" ", "\u00a0", "  "]))
def test_generated_paragraphs_split_back(parts, gap):
    text = gap.join(parts)
    got = split_sentences(text)
    assert [text[s:e] for s, e in got] == parts


@given(st.text(max_size=200))
def test_offsets_are_ordered_and_inside(text):
    last = 0
    for s, e in split_sentences(text):
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        last = e
