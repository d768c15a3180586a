"""Answer keys, the evidence library and the lexicon baseline: data lint and loader checks.

Each test states a rule the keys promise (see docs/architecture.md and COURSE.md); breaking
the rule in the data makes the test fail.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import medialit
from medialit.errors import KeyFileError
from medialit.keys import (CATEGORIES, EVIDENCE_KINDS, SENTENCE_LABELS, VERDICTS, load_evidence,
                           load_key, load_lexicon)
from medialit.lexicon import flag
from medialit.spans import fold

TRIM = " \t\n\r\u00a0.,:;"


@pytest.fixture(scope="module")
def case():
    return medialit.load_case()


@pytest.fixture(scope="module")
def evidence(case):
    return load_evidence(case.path)


@pytest.fixture(scope="module")
def factchecks(case):
    return load_key(case.path, "factchecks", case.text)


@pytest.fixture(scope="module")
def loaded(case):
    return load_key(case.path, "loaded_language", case.text)


# --- evidence library ---------------------------------------------------------------------

def test_evidence_has_enough_cards_with_addresses(evidence):
    assert len(evidence) >= 25
    assert evidence["id"].is_unique
    for row in evidence.itertuples():
        assert row.url.strip().startswith("http"), f"card {row.id} has no web address"
        assert row.kind in EVIDENCE_KINDS, row.id
        assert row.status in ("verified", "secondary"), row.id
        assert row.summary.strip() and row.title.strip(), row.id
        assert isinstance(row.topics, list) and row.topics, row.id
        assert isinstance(row.fact_sheet, list) and row.fact_sheet, row.id


def test_secondary_cards_say_so(evidence):
    """A card resting on a third-party copy must tell the reader in its summary."""
    for row in evidence[evidence["status"] == "secondary"].itertuples():
        text = row.summary.lower()
        assert any(w in text for w in ("secondary", "only in", "repost", "copy")), row.id


# --- fact checks ---------------------------------------------------------------------------

def test_factchecks_cover_fact_sheet_items_1_to_21(factchecks):
    covered = set(factchecks["fact_sheet"])
    missing = {str(n) for n in range(1, 22)} - covered
    assert not missing, f"fact-sheet items without a fact check: {sorted(missing, key=int)}"
    assert factchecks["id"].is_unique


def test_factchecks_cite_existing_evidence(factchecks, evidence):
    ids = set(evidence["id"])
    for row in factchecks.itertuples():
        assert isinstance(row.sources, list) and row.sources, f"{row.id} cites no evidence card"
        unknown = set(row.sources) - ids
        assert not unknown, f"{row.id} cites unknown cards {sorted(unknown)}"


def test_factcheck_fields(factchecks, case):
    article = case.article
    for row in factchecks.itertuples():
        assert row.verdict in VERDICTS, row.id
        assert row.status in ("verified", "secondary"), row.id
        if row.status == "secondary":
            assert "secondary" in row.rationale.lower(), f"{row.id}: a secondary verdict must say so"
        assert row.established.strip() and row.rationale.strip() and row.claim.strip(), row.id
        if row.contested:
            assert row.contested_note.strip() or row.verdict == "not checkable", \
                f"{row.id} is contested but says nothing about what is contested"
        if row.verdict == "sources disagree":     # a disagreement needs two sides, each cited
            assert row.contested and len(row.sources) >= 2, f"{row.id}: say who disagrees"
        # the quote carries the claim and sits in the article body, not the headline or comments
        i = case.text.find(row.quote, article.start)
        assert i != -1 and i + len(row.quote) <= article.end, f"{row.id}: quote not in the article"


def test_factcheck_quotes_keep_the_source_characters(factchecks):
    """Quotes are copied, not retyped: the neo-Nazi quote keeps U+2011."""
    quotes = " ".join(factchecks["quote"])
    assert "neo\u2011Nazi" in quotes
    assert "neo-Nazi" not in quotes


# --- loaded language -----------------------------------------------------------------------

def test_loaded_language_span_count_and_categories(loaded):
    assert 40 <= len(loaded) <= 80
    assert set(loaded["category"]) <= set(CATEGORIES)
    assert loaded["contested"].map(type).eq(bool).all()


def test_loaded_language_spans_match_their_offsets(loaded, case):
    text = case.text
    for n, row in enumerate(loaded.itertuples(), 1):
        assert text[row.start:row.end] == row.quote, f"span {n}"
        # occurrence k of the quote starts at `start`
        i = -1
        for _ in range(row.occurrence):
            i = text.find(row.quote, i + 1)
        assert i == row.start, f"span {n}: occurrence {row.occurrence} of {row.quote!r} is at {i}"


def test_loaded_language_spans_are_tight_and_in_the_article(loaded, case):
    a = case.article
    seen = set()
    for n, row in enumerate(loaded.itertuples(), 1):
        assert a.start <= row.start < row.end <= a.end, f"span {n} {row.quote!r} is outside the article"
        assert row.quote[0] not in TRIM and row.quote[-1] not in TRIM, f"span {n} {row.quote!r} is not trimmed"
        assert (row.start, row.end) not in seen, f"span {n} repeats an earlier span"
        seen.add((row.start, row.end))
        assert row.rationale.strip()


# --- sentences ----------------------------------------------------------------------------

def test_every_sentence_labelled_exactly_once(case):
    if not (case.path / "keys" / "sentences.toml").exists():
        pytest.skip("no sentence key yet")
    key = load_key(case.path, "sentences", case.text)
    assert sorted(key["sentence"]) == list(case.sentences["sentence"]), \
        "each article sentence needs exactly one label"
    assert set(key["label"]) <= set(SENTENCE_LABELS)
    by_index = case.sentences.set_index("sentence")["text"]
    for row in key.itertuples():
        assert by_index[row.sentence].startswith(row.text_start), \
            f"sentence {row.sentence} drifted: key expects {row.text_start!r}"
        assert row.rationale.strip()


# --- lexicon baseline ---------------------------------------------------------------------

def test_lexicon_loads():
    lex = load_lexicon()
    assert 60 <= len(lex) <= 150
    assert set(lex["category"]) <= set(CATEGORIES)
    assert lex["note"].str.strip().astype(bool).all()
    assert set(lex.columns) >= {"term", "category", "note"}


def test_flag_finds_known_terms_in_a_neutral_sentence():
    text = "The heroic volunteers said the REGIME of rain was regimented, not a so-called regime."
    found = [(text[s.start:s.end], s.label) for s in flag(text)]
    assert ("heroic", "glorifying") in found
    assert ("REGIME", "labelling") in found          # case-insensitive
    assert ("so-called", "emotive") in found
    assert ("regime", "labelling") in found
    assert all(q.lower() != "regimented" for q, _ in found)   # whole words only
    assert all(s.note for s in flag(text))


def test_flag_offsets_after_a_flag_emoji_and_special_spaces():
    lex = pd.DataFrame([
        {"term": "alpha beta", "category": "emotive", "note": "placeholder phrase"},
        {"term": "alpha", "category": "labelling", "note": "placeholder word"},
        {"term": "gamma-delta", "category": "euphemism", "note": "hyphenated placeholder"},
    ])
    text = "\U0001F1F7\U0001F1FA alpha\u00a0beta, then gamma\u2011delta and alpha."
    spans = flag(text, lexicon=lex)
    got = [(text[s.start:s.end], s.label) for s in spans]
    # longest match wins where entries overlap; no-break space and U+2011 fold to space and hyphen
    assert got == [("alpha\u00a0beta", "emotive"), ("gamma\u2011delta", "euphemism"), ("alpha", "labelling")]
    assert spans[0].start == 3            # two code points of flag plus a space
    assert fold(text[spans[1].start:spans[1].end]) == "gamma-delta"


def test_flag_on_the_article_maps_offsets(case):
    art = case.article
    spans = flag(art.text)
    quotes = {art.text[s.start:s.end] for s in spans}
    assert "special military operation" in quotes
    assert "neo\u2011Nazi" in quotes
    for s in spans:
        assert fold(case.text[art.start + s.start:art.start + s.end]).lower().replace("-", " ") \
            == fold(art.text[s.start:s.end]).lower().replace("-", " ")


# --- loader errors ------------------------------------------------------------------------

def _case_dir(tmp_path: Path, key_name: str, body: str) -> Path:
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / f"{key_name}.toml").write_text(body, encoding="utf-8")
    return tmp_path


def test_key_file_error_names_file_item_and_problem(tmp_path):
    text = "Some plain text with a loaded word."
    body = ('[[item]]\nquote = "plain"\noccurrence = 1\nstart = 5\nend = 10\ncategory = "emotive"\n'
            'rationale = "ok"\ncontested = false\n\n'
            '[[item]]\nquote = "loaded"\noccurrence = 1\nstart = 20\nend = 26\ncategory = "emotive"\n'
            'rationale = "offsets are off by three"\ncontested = false\n')
    d = _case_dir(tmp_path, "loaded_language", body)
    with pytest.raises(KeyFileError) as err:
        load_key(d, "loaded_language", text)
    msg = str(err.value)
    assert "loaded_language.toml" in msg and "item 2" in msg and "loaded" in msg


def test_key_file_error_on_bad_value_and_missing_field(tmp_path):
    text = "abc"
    d = _case_dir(tmp_path, "sentences", '[[item]]\nsentence = 0\ntext_start = "abc"\nlabel = "rumour"\n'
                                          'rationale = "x"\ncontested = false\n')
    with pytest.raises(KeyFileError, match=r"item 1 'label'"):
        load_key(d, "sentences", text)
    (d / "keys" / "sentences.toml").write_text('[[item]]\nsentence = 0\nlabel = "fact"\n', encoding="utf-8")
    with pytest.raises(KeyFileError, match="text_start"):
        load_key(d, "sentences", text)
    (d / "keys" / "sentences.toml").write_text('[[item]\nbroken', encoding="utf-8")
    with pytest.raises(KeyFileError, match="not valid TOML"):
        load_key(d, "sentences", text)


def test_unknown_key_lists_available(tmp_path):
    d = _case_dir(tmp_path, "sentences", '[[item]]\nrationale = "x"\n')
    with pytest.raises(KeyFileError, match=r"available keys: sentences"):
        load_key(d, "nonesuch", "text")


def test_evidence_errors(tmp_path):
    card = ('[[card]]\nid = "{id}"\npublisher = "P"\nkind = "WIRE"\ntitle = "T"\ndate = ""\nurl = "{url}"\n'
            'summary = "S"\nquote = ""\nstatus = "verified"\ntopics = ["x"]\nfact_sheet = ["1"]\n\n')
    (tmp_path / "evidence.toml").write_text(card.format(id="a", url="https://example.org")
                                            + card.format(id="b", url=""), encoding="utf-8")
    with pytest.raises(KeyFileError, match=r"card 2 .*empty 'url'"):
        load_evidence(tmp_path)
    (tmp_path / "evidence.toml").write_text(card.format(id="a", url="https://example.org")
                                            + card.format(id="a", url="https://example.org"), encoding="utf-8")
    with pytest.raises(KeyFileError, match="repeats the id 'a'"):
        load_evidence(tmp_path)


def test_lexicon_errors(tmp_path):
    p = tmp_path / "lex.toml"
    p.write_text('[[entry]]\nterm = "x"\ncategory = "spicy"\nnote = "n"\n', encoding="utf-8")
    with pytest.raises(KeyFileError, match="entry 1 category"):
        load_lexicon(p)
