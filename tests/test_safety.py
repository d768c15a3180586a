"""Masking keeps length and offsets; revealing is explicit. Tests use neutral placeholder terms."""
from __future__ import annotations

from hypothesis import given, strategies as st

import medialit
from medialit import safety

WORDS = ["placeholder", "zork"]


def test_mask_is_same_length_and_whole_word():
    text = "A placeholder, Placeholder’s and placeholders; zork! notzork"
    got = safety.mask(text, words=WORDS)
    assert len(got) == len(text)
    assert got == "A p**********, P**********’s and placeholders; z***! notzork"
    assert safety.masked_ranges(text, words=WORDS) == [(2, 13), (15, 26), (47, 51)]


def test_reveal_is_explicit():
    text = "one placeholder here"
    assert safety.mask(text, words=WORDS, reveal=True) == text
    assert safety.mask(text, words=WORDS, reveal="yes") != text  # only True reveals
    assert "Reveal" in safety.REVEAL_LABEL and "slurs" in safety.REVEAL_LABEL


def test_masking_after_flag_emoji_keeps_offsets():
    text = "\U0001F1F7\U0001F1FA=zork 😆"
    got = safety.mask(text, words=WORDS)
    assert got == "\U0001F1F7\U0001F1FA=z*** 😆"
    assert [got[i] for i in range(len(got))][3] == "z"


@given(st.text(alphabet=st.sampled_from(list("zork placeholder.,’\u00a0🇷🇺😆")), max_size=80))
def test_mask_properties(text):
    got = safety.mask(text, words=WORDS)
    assert len(got) == len(text)
    assert safety.is_masked(got, words=WORDS)
    for i, (a, b) in enumerate(zip(text, got)):
        assert a == b or b == safety.MASK_CHAR


def test_every_listed_term_occurs_in_the_case_and_is_masked(case):
    """The list is data about this case: each term is found, and masking removes all of them."""
    terms = safety.terms()
    assert len(terms) >= 3
    for t in terms:
        assert safety.masked_ranges(case.text, words=[t]), f"listed term #{terms.index(t)} not in the case"
    masked = safety.mask(case.text)
    assert len(masked) == len(case.text)
    assert safety.is_masked(masked)
    # the article itself has nothing to mask
    assert safety.mask(case.article.text) == case.article.text


def test_content_note_is_available():
    assert "antisemitic" in safety.CONTENT_NOTE
    assert medialit.load_case().meta["content_notes"]["comments"]
