"""Masking keeps length and offsets; revealing is explicit. Tests use neutral placeholder terms."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

import medialit
from medialit import safety

WORDS = ["placeholder", "zork"]


def test_mask_is_same_length_and_whole_word():
    text = "A placeholder, Placeholder’s and placeholders; zork! notzork zorky"
    got = safety.mask(text, words=WORDS)
    assert len(got) == len(text)
    assert got == "A p**********, P**********’s and p***********; z***! notzork zorky"
    assert safety.masked_ranges(text, words=WORDS) == [(2, 13), (15, 26), (33, 45), (47, 51)]


# The ways of writing a term past a filter (issue 9 tried 39; all were shown unmasked).
# Each is (variant, how much of it is masked after the first letter).
VARIANTS = [
    ("zork", "z***"), ("ZORK", "Z***"), ("ZoRk", "Z***"),
    ("zorks", "z****"), ("zorkes", "z*****"), ("zorkz", "z****"), ("placeholders", "p***********"),
    ("zork's", "z***'s"), ("zork’s", "z***’s"), ("zork\u02bcs", "z***\u02bcs"), ("zorks'", "z****'"),
    ("zo\u200brk", "z****"), ("z\u200cork", "z****"), ("z\u200dork", "z****"), ("zor\u2060k", "z****"),
    ("z\ufeffork", "z****"), ("z\u00adork", "z****"), ("pla\u00adce\u00adhol\u00adder", "p*************"),
    ("zo\u0301rk", "z****"),                                   # a combining accent
    ("\uff5a\uff4f\uff52\uff4b", "\uff5a***"),                # fullwidth
    ("\U0001d433\U0001d428\U0001d42b\U0001d424", "\U0001d433***"),  # mathematical bold
    ("\u24e9\u24de\u24e1\u24da", "\u24e9***"),                # circled letters
    ("z\u043erk", "z***"), ("z\u03bfrk", "z***"),              # Cyrillic and Greek o
    ("\u0440laceholder", "\u0440**********"),                    # Cyrillic er for p
    ("z0rk", "z***"), ("2ork", "2***"), ("pl4c3h0ld3r", "p**********"), ("p|@ceh0lder", "p**********"),
    ("z0rk$", "z****"),
    ("z o r k", "z******"), ("z.o.r.k", "z******"), ("z-o-r-k", "z******"), ("z_o_r_k", "z******"),
    ("z*o*r*k", "z******"), ("z  o  r  k", "z*********"), ("z\u00a0o\u00a0r\u00a0k", "z******"),
    ("z . o . r . k", "z" + "*" * 12), ("z-0-r-k", "z******"), ("z o r k s", "z********"),
]


@pytest.mark.parametrize("variant, shown", VARIANTS)
def test_variants_are_masked_in_place(variant, shown):
    text = f"one {variant}, then more"
    got = safety.mask(text, words=WORDS)
    assert got == f"one {shown}, then more"
    assert safety.masked_ranges(text, words=WORDS)[0][0] == 4
    assert safety.is_masked(got, words=WORDS)


@pytest.mark.parametrize("text", ["notzork", "zorky", "zorkzork", "zor", "york", "zork2", "z o rk", "zo rk",
                                  "z\nork", "z o r k y", "zo\u200byrk"])
def test_other_words_are_not_masked(text):
    assert safety.mask(text, words=WORDS) == text


def test_offsets_hold_in_text_that_normalises_to_another_length():
    # "ﬁ" becomes two letters and U+200B none: matching must still mask the original characters
    text = "\ufb01ne \u200b\u200b z\u200bo\u200br\u200bk \u00df zork"
    got = safety.mask(text, words=WORDS)
    assert len(got) == len(text)
    assert got == "\ufb01ne \u200b\u200b z****** \u00df z***"
    assert safety.masked_ranges(text, words=WORDS) == [(7, 14), (17, 21)]


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


IGNORED = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u0301"]


@given(st.lists(st.sampled_from(IGNORED), max_size=4).flatmap(
           lambda ins: st.tuples(st.just(ins), st.lists(st.integers(1, 3), min_size=len(ins), max_size=len(ins)))),
       st.sampled_from(["", "a ", "one two ", "\U0001F1F7\U0001F1FA=", "\ufb01 \u00df "]),
       st.sampled_from(["", " end", "! more", "’s here", "s."]))
def test_insertions_keep_a_term_masked_at_its_original_offsets(inserts, before, after):
    gaps: dict[int, str] = {}                       # inserted after letter 1, 2 or 3, never outside
    for ch, gap in zip(*inserts):
        gaps[gap] = gaps.get(gap, "") + ch
    variant = "".join(c + gaps.get(k + 1, "") for k, c in enumerate("zork"))
    text = before + variant + after
    start, end = len(before), len(before) + len(variant) + (1 if after.startswith("s") else 0)
    assert (start, end) in safety.masked_ranges(text, words=WORDS)
    got = safety.mask(text, words=WORDS)
    assert got[:start + 1] == text[:start + 1] and set(got[start + 1:end]) == {safety.MASK_CHAR}
    assert got[end:] == text[end:]


@given(st.text(alphabet=st.sampled_from(list("zork placeholder.,’\u00a0🇷🇺😆0\u200b\u00ad-ʼ")), max_size=80))
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


def test_the_list_gives_a_reason_for_every_decision(case):
    """Each masked term and each insult deliberately left visible has a reason and a source;
    what is left visible occurs in the comments it names and is shown as it is."""
    import tomllib
    data = tomllib.loads(safety._terms_file().read_text(encoding="utf-8"))
    assert len(data["term"]) == len(safety.terms())
    for entry in data["term"] + data["not_masked"]:
        assert entry["why"].strip() and entry["source"].strip()
    for entry in data["not_masked"]:
        for cid in entry["comments"]:
            text = case.document(cid).text.lower()
            assert entry["words"] in text, (entry["words"], cid)
            assert entry["words"] in safety.mask(case.document(cid).text).lower(), (entry["words"], cid)


def test_every_course_error_masks_listed_terms_whoever_raises_it(monkeypatch):
    from medialit import safety
    from medialit.errors import CaseError, KeyFileError, StoreError
    monkeypatch.setattr(safety, "terms", lambda: ("placeholderterm",))
    for cls in (CaseError, KeyFileError, StoreError):
        message = str(cls("keys/x.toml: quote 'a placeholderterm here' is not in the text"))
        assert "placeholderterm" not in message and "keys/x.toml" in message
