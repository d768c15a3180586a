"""The technique taxonomy file and its cue list (lesson 05)."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from medialit.errors import KeyFileError
from medialit.spans import fold
from medialit.taxonomy import TECHNIQUES, cue_hits, default_taxonomy_path, load_taxonomy


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


def test_every_semeval_class_of_the_issue_once_in_order(tax):
    assert tax.ids == list(TECHNIQUES) and len(tax) == 17
    assert "loaded_language" not in tax          # lesson 04's key, not this taxonomy


def test_entries_are_complete_and_neighbours_exist(tax):
    for t in tax:
        for text in (t.name, t.semeval, t.definition, t.tell_apart, t.made_up):
            assert text.strip(), t.id
        assert t.neighbours and all(n in tax and n != t.id for n in t.neighbours), t.id
        # the advice names at least one neighbour, so a student can tell them apart
        said = fold(t.tell_apart).lower()
        assert any(w in said for n in t.neighbours for w in _words(tax[n].name)), t.id


def _words(name: str) -> list[str]:
    return [w[:6] for w in fold(name).lower().replace("-", " ").split() if len(w) > 4]


def test_examples_quote_the_article_and_are_key_spans(tax, case):
    tax.check_examples(case)
    key = case.key("techniques")
    with_example = [t for t in tax if t.example is not None]
    assert len(with_example) >= 12
    for t in with_example:
        ex = t.example
        assert case.text[ex.start:ex.end] == ex.quote
        assert case.article.start <= ex.start and ex.end <= case.article.end
        same = key[(key.start == ex.start) & (key.end == ex.end) & (key.technique == t.id)]
        assert len(same) == 1, f"{t.id}: the example is not a key span with that technique"
    # techniques the key does not find have no article example
    for t in tax:
        if t.id not in set(key.technique):
            assert t.example is None, t.id


def test_made_up_examples_carry_no_case_text(tax, case):
    for t in tax:
        assert fold(t.made_up) not in fold(case.text), t.id


def test_table_hides_article_examples_unless_asked(tax):
    plain, full = tax.table(), tax.table(examples=True)
    assert list(plain.columns) == ["definition", "tell it apart", "made-up example"]
    assert {"in the article", "why"} <= set(full.columns)
    assert not any(t.example.note in plain.to_string() for t in tax if t.example)


def _write(tmp_path, body: str):
    p = tmp_path / "techniques.toml"
    p.write_text(body, encoding="utf-8")
    return p


def _entries(skip: str = "", **over) -> str:
    out = []
    for tid in TECHNIQUES:
        if tid == skip:
            continue
        row = {"id": tid, "name": tid, "semeval": tid, "definition": "D", "tell_apart": "T", "made_up": "M"}
        row.update(over.get(tid, {}))
        nb = '["doubt"]' if tid != "doubt" else '["slogans"]'
        out.append("[[technique]]\n" + "".join(f'{k} = "{v}"\n' for k, v in row.items()) + f"neighbours = {nb}\n")
    return "\n".join(out)


def test_errors_name_the_file_and_the_entry(tmp_path):
    p = _write(tmp_path, _entries())
    assert len(load_taxonomy(p)) == 17
    p = _write(tmp_path, _entries(doubt={"definition": " "}))
    with pytest.raises(KeyFileError, match=r"techniques\.toml: technique 7 \(doubt\) needs a non-empty 'definition'"):
        load_taxonomy(p)
    p = _write(tmp_path, _entries(skip="slogans"))
    with pytest.raises(KeyFileError, match="techniques missing from the file: slogans"):
        load_taxonomy(p)
    p = _write(tmp_path, _entries(doubt={"id": "spin"}))
    with pytest.raises(KeyFileError, match=r"technique 7 \(spin\) id 'spin' is not one of"):
        load_taxonomy(p)
    p = _write(tmp_path, _entries() + '\n[[technique]]\nid = "doubt"\nname = "x"\nsemeval = "x"\n'
               'definition = "x"\ntell_apart = "x"\nmade_up = "x"\n')
    with pytest.raises(KeyFileError, match=r"technique 18 \(doubt\) repeats the id 'doubt'"):
        load_taxonomy(p)
    p = _write(tmp_path, _entries().replace('neighbours = ["slogans"]', 'neighbours = ["spin"]'))
    with pytest.raises(KeyFileError, match=r"technique 7 \(doubt\) neighbours \['spin'\]"):
        load_taxonomy(p)
    p = _write(tmp_path, _entries() + '\n  [technique.example]\n  case = "c"\n  quote = "q"\n  occurrence = 0\n'
               '  start = 1\n  end = 2\n  note = "n"\n')
    with pytest.raises(KeyFileError, match=r"technique 17 \(obfuscation\) example needs occurrence >= 1"):
        load_taxonomy(p)
    p = _write(tmp_path, "[[technique]\n")
    with pytest.raises(KeyFileError, match="not valid TOML"):
        load_taxonomy(p)
    with pytest.raises(KeyFileError, match="file not found"):
        load_taxonomy(tmp_path / "nope.toml")


def test_a_wrong_example_offset_is_named(tmp_path, case):
    body = default_taxonomy_path().read_text(encoding="utf-8").replace("start = 4076", "start = 4077", 1)
    tax = load_taxonomy(_write(tmp_path, body))
    with pytest.raises(KeyFileError, match=r"technique 1 \(name_calling\) example: quote 'its satellites' "
                                           r"does not match the text at 4077\.\.4090"):
        tax.check_examples(case)


def test_cues_find_words_and_the_two_rules(tax):
    text = "Either we close the library or the so-called experts win. Safe roads, safe town!"
    hits = {(h.technique, text[h.start:h.end]) for h in cue_hits(text, taxonomy=tax)}
    assert ("black_and_white", "Either") in hits
    assert ("doubt", "so-called") in hits
    assert ("repetition", "Safe") in hits and ("repetition", "safe") in hits
    assert ("slogans", "Safe roads, safe town!") in hits
    assert not any(t == "repetition" and w.lower() == "the" for t, w in hits)   # function words do not count


def test_cue_offsets_after_emoji_and_special_spaces(tax):
    text = "\U0001F1F0\U0001F1F5 the so\u2011called\u00a0experts said"
    hit = next(h for h in cue_hits(text, taxonomy=tax) if h.technique == "doubt")
    assert text[hit.start:hit.end] == "so\u2011called"


@given(st.text(alphabet=st.sampled_from(list("abce so-called either! \u00a0\u2011.\U0001F600")), max_size=60))
def test_cue_hits_stay_inside_the_text_and_match_their_cue(text):
    tax = load_taxonomy()
    for h in cue_hits(text, taxonomy=tax):
        assert 0 <= h.start < h.end <= len(text)
        found = fold(text[h.start:h.end]).lower()
        if h.technique not in ("repetition", "slogans"):
            assert " ".join(found.replace("-", " ").split()) == " ".join(h.cue.lower().replace("-", " ").split())


def test_the_course_credits_the_corpus_with_the_techniques_and_the_task_with_14_classes():
    # the 18 techniques are the Propaganda Techniques Corpus's (Da San Martino et al. 2019);
    # SemEval-2020 Task 11 merged them into 14 classes (shared/reference/taxonomies.md)
    from pathlib import Path
    repo = Path(__file__).resolve().parents[1]
    lesson = (repo / "course" / "05-propaganda-techniques.py").read_text(encoding="utf-8")
    note = (repo / "docs" / "teaching" / "05-propaganda-techniques.md").read_text(encoding="utf-8")
    data = (repo / "data" / "taxonomy" / "techniques.toml").read_text(encoding="utf-8")
    readme = (repo / "README.md").read_text(encoding="utf-8")
    for text in (lesson, note, data, readme):
        for wrong in ("SemEval-2020 Task 11 classes", "SemEval-2020 techniques", "corpus of the SemEval-2020"):
            assert wrong not in text
    for text in (lesson, note, data):
        assert "Propaganda Techniques Corpus" in text and "14 classes" in text
