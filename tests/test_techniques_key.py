"""The technique key (lesson 05): exact quotes, taxonomy labels, the techniques not found."""
from __future__ import annotations

import pytest

from medialit.errors import KeyFileError
from medialit.keys import load_key
from medialit.taxonomy import TECHNIQUES, load_taxonomy
from medialit.techniques import not_found

TRIM = " \t\n\r\u00a0.,:;"


@pytest.fixture(scope="module")
def key(case):
    return case.key("techniques")


def test_every_quote_is_the_text_at_its_offsets(key, case):
    text = case.text
    for n, row in enumerate(key.itertuples(), 1):
        assert text[row.start:row.end] == row.quote, f"item {n}"
        i = -1
        for _ in range(row.occurrence):
            i = text.find(row.quote, i + 1)
        assert i == row.start, f"item {n}: occurrence {row.occurrence} of {row.quote!r} is at {i}"


def test_spans_cover_the_article_tightly(key, case):
    a = case.article
    assert 30 <= len(key) <= 80
    assert key.start.is_monotonic_increasing
    for n, row in enumerate(key.itertuples(), 1):
        assert a.start <= row.start < row.end <= a.end, f"item {n} is outside the article"
        assert row.quote[0] not in TRIM and row.quote[-1] not in TRIM, f"item {n} {row.quote!r} is not trimmed"
        assert row.rationale.strip() and isinstance(row.contested, bool)
    # spread over the article, not bunched in one place
    paragraphs = {int(case.paragraphs[(case.paragraphs.start <= s) & (s < case.paragraphs.end)].paragraph.iloc[0])
                  for s in key.start}
    assert len(paragraphs) >= 10
    assert not key.duplicated(["start", "end", "technique"]).any()


def test_spans_overlap_each_other_and_loaded_language(key, case):
    spans = sorted(zip(key.start, key.end))
    assert any(b[0] < a[1] for a, b in zip(spans, spans[1:])), "no two technique spans overlap"
    loaded = case.key("loaded_language")
    assert any(s < le and ls < e for s, e in spans for ls, le in zip(loaded.start, loaded.end))


def test_every_technique_is_in_the_taxonomy_and_accounted_for(key, case):
    tax = load_taxonomy()
    used = set(key.technique)
    assert used <= set(tax.ids)
    missing = not_found(case)
    listed = {m["technique"] for m in missing}
    assert used.isdisjoint(listed)
    assert used | listed == set(TECHNIQUES), f"neither used nor listed: {set(TECHNIQUES) - used - listed}"
    assert all(len(m["reason"]) > 40 for m in missing)
    assert len(used) >= 12


def test_contested_items_are_a_minority_with_reasons(key):
    assert 0 < key.contested.sum() < len(key)
    for row in key[key.contested].itertuples():
        r = row.rationale.lower()
        assert any(w in r for w in ("readers", "some", "judgement", "disput", "contested", "fair second",
                                    "cannot be proved", "hard to check", "may")), row.quote


def test_rationales_cite_a_fact_check_where_they_state_facts(key, case):
    # a rationale that states a year, a date or a figure says which of lesson 03's fact checks
    # (the evidence cards a student can open) it comes from, and that fact check exists
    import re
    checks = set(case.key("factchecks").id)
    for row in key.itertuples():
        r = row.rationale
        cited = re.findall(r"fact check (fc-\w+)", r)
        if re.search(r"\b\d{2,}|%", r.replace("2014 armed coup", "")) and not cited:
            pytest.fail(f"{row.quote!r}: a factual rationale without the fact check it rests on")
        assert set(cited) <= checks, (row.quote, cited)


def _key_file(tmp_path, body: str):
    (tmp_path / "keys").mkdir(exist_ok=True)
    (tmp_path / "keys" / "techniques.toml").write_text(body, encoding="utf-8")
    return tmp_path


ITEM = ('[[item]]\nquote = "abc"\noccurrence = 1\nstart = 0\nend = 3\ntechnique = "{t}"\n'
        'rationale = "R"\ncontested = false\n')


def test_key_validation_names_file_item_and_problem(tmp_path):
    path = _key_file(tmp_path, ITEM.format(t="doubt"))
    assert len(load_key(path, "techniques", "abc def")) == 1
    _key_file(tmp_path, ITEM.format(t="doubt") + ITEM.format(t="spin"))
    with pytest.raises(KeyFileError, match=r"techniques\.toml: item 2 'technique' is 'spin'; expected one of name_calling"):
        load_key(path, "techniques", "abc def")
    _key_file(tmp_path, ITEM.format(t="doubt").replace("end = 3", "end = 4"))
    with pytest.raises(KeyFileError, match="item 1 quote 'abc' does not match the text at 0..4"):
        load_key(path, "techniques", "abc def")
    _key_file(tmp_path, ITEM.format(t="doubt").replace('technique = "doubt"\n', ""))
    with pytest.raises(KeyFileError, match="item 1 has no 'technique'"):
        load_key(path, "techniques", "abc def")


class _Case:
    def __init__(self, path, text):
        self.path, self.text = path, text

    def key(self, name):
        return load_key(self.path, name, self.text)


def test_not_found_validation(tmp_path):
    base = ITEM.format(t="doubt")
    c = _Case(_key_file(tmp_path, base + '[[not_found]]\ntechnique = "bandwagon"\nreason = "none here"\n'), "abc")
    assert not_found(c) == [{"technique": "bandwagon", "reason": "none here"}]
    _key_file(tmp_path, base + '[[not_found]]\ntechnique = "doubt"\nreason = "r"\n')
    with pytest.raises(KeyFileError, match=r"not_found 1 \(doubt\) is also used by a key span"):
        not_found(c)
    _key_file(tmp_path, base + '[[not_found]]\ntechnique = "spin"\nreason = "r"\n')
    with pytest.raises(KeyFileError, match="not_found 1 technique is 'spin'"):
        not_found(c)
    _key_file(tmp_path, base + '[[not_found]]\ntechnique = "bandwagon"\nreason = ""\n')
    with pytest.raises(KeyFileError, match=r"not_found 1 \(bandwagon\) needs a non-empty 'reason'"):
        not_found(c)
