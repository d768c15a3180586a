"""Technique scoring and feedback (lesson 05): known answers, feedback kinds, turn the tables."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from medialit.spans import Span
from medialit.techniques import (Pending, classification_scores, identification_scores, key_spans, recognise,
                                 technique_feedback, turn_the_tables)

# The SemEval-2020 Task 11 scorer's own sample (shared/reference/taxonomies.md).
GOLD = [(0, 59), (171, 181), (0, 9), (115, 167), (740, 759)]
PRED = [(0, 50), (161, 172), (0, 10), (115, 167)]


def test_identification_reproduces_the_semeval_sample_whatever_the_labels():
    labels = ["doubt", "slogans", "repetition", "doubt", "straw_man"]
    gold = [Span(s, e, lab) for (s, e), lab in zip(GOLD, labels)]
    pred = [Span(s, e, lab) for (s, e), lab in zip(PRED, ["slogans", "doubt", "doubt", "bandwagon"])]
    si = identification_scores(pred, gold)
    assert (si.n_pred, si.n_key) == (2, 4)
    assert si.precision == pytest.approx(0.964912, abs=1e-6)
    assert si.recall == pytest.approx(0.486864, abs=1e-6)
    assert si.f1 == pytest.approx(0.647181, abs=1e-6)


def test_classification_per_technique_known_answer():
    key = [{"start": 0, "end": 10, "technique": "doubt"}, {"start": 20, "end": 30, "technique": "slogans"}]
    pred = [Span(0, 5, "doubt"), Span(20, 30, "doubt")]
    tc = classification_scores(pred, key)
    d, s = tc.per_label["doubt"], tc.per_label["slogans"]
    assert (d.precision, d.recall, d.f1) == pytest.approx((0.5, 0.5, 0.5))
    assert (s.precision, s.recall, s.f1, s.n_pred, s.n_key) == (0.0, 0.0, 0.0, 0, 1)
    assert tc.overall.precision == pytest.approx(0.5)
    assert tc.overall.recall == pytest.approx(0.25)
    assert tc.overall.f1 == pytest.approx(1 / 3)
    si = identification_scores(pred, key)
    assert (si.precision, si.recall, si.f1) == pytest.approx((1.0, 0.75, 6 / 7))


def test_empty_sides():
    assert identification_scores([], []).f1 == 1.0
    assert identification_scores([Span(0, 3, "doubt")], []).f1 == 0.0
    assert classification_scores([], [Span(0, 3, "doubt")]).f1 == 0.0


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20), st.sampled_from(["doubt", "slogans", "repetition"])),
                 max_size=6).map(lambda xs: [Span(s, s + n, lab) for s, n, lab in xs])


@given(spans, spans)
def test_identification_ignores_labels_and_bounds_classification(pred, gold):
    si = identification_scores(pred, gold)
    relabelled = identification_scores([s.with_label("x") for s in pred], [g.with_label("y") for g in gold])
    assert (si.precision, si.recall, si.f1) == (relabelled.precision, relabelled.recall, relabelled.f1)
    assert 0.0 <= si.f1 <= 1.0
    # with one label on both sides, classification is identification
    same = classification_scores([s.with_label("x") for s in pred], [g.with_label("x") for g in gold]).overall
    assert (same.precision, same.recall, same.f1) == (si.precision, si.recall, si.f1)


TEXT = "They say the so-called experts are wrong, and that everyone already agrees with us today."
KEY = [  # offsets into TEXT
    {"start": 9, "end": 30, "technique": "doubt", "rationale": "R-doubt", "contested": False},
    {"start": 51, "end": 74, "technique": "bandwagon", "rationale": "R-band", "contested": False},
    {"start": 0, "end": 8, "technique": "straw_man", "rationale": "R-straw", "contested": True},
    {"start": 80, "end": 88, "technique": "slogans", "rationale": "R-slog", "contested": False},
]


def test_feedback_kinds_per_span():
    answer = [Span(13, 30, "doubt"),            # found, 17 of the key's 21 characters: nearly
              Span(51, 75, "flag_waving"),      # found the passage, other technique: flag-waving is bandwagon's neighbour
              Span(0, 8, "doubt"),              # contested key item, another technique: discussion
              Span(36, 41, "exaggeration_minimisation")]   # not in the key
    fb = technique_feedback(answer, KEY, TEXT)
    kinds = [(i.kind, i.label) for i in fb.items]
    assert kinds == [("discussion", "straw_man"), ("near_miss", "doubt"), ("extra", "exaggeration_minimisation"),
                     ("label_differs", "bandwagon"), ("missed", "slogans")]
    msgs = {i.kind: i.message for i in fb.items}
    assert "You marked \u201cso-called experts\u201d as Doubt; the key marks" in msgs["near_miss"]
    assert "Almost: start 4 characters earlier" in msgs["near_miss"]
    assert "as Flag-waving; the key says Bandwagon. Compare" in msgs["label_differs"]
    assert "They are neighbours" in msgs["label_differs"] and "Bandwagon: Persuading" not in msgs["label_differs"]
    assert "R-band" in msgs["label_differs"] and "readers disagree" in msgs["discussion"].lower()
    assert "you did not mark it" in msgs["missed"] and "Slogans: A brief, striking phrase" in msgs["missed"]
    assert "the key does not" in msgs["extra"]
    assert fb.counts() == {"matched": 0, "near_miss": 1, "partial": 0, "label_differs": 1, "missed": 1,
                           "extra": 1, "discussion": 1}
    table = fb.per_technique()
    assert table.loc["Doubt", "your spans"] == 2 and table.loc["Bandwagon", "key spans"] == 1
    assert table.loc["(overall)", "key spans"] == 4
    assert "Passages found (any technique)" in fb.summary()
    assert "1 found with the key's technique, 1 found under another, 1 missed" in fb.summary()


def test_feedback_names_a_cue_in_an_extra_span_and_escapes_html():
    text = "Either <b>this</b> or nothing, and the so-called plan fails."
    fb = technique_feedback([Span(0, 6, "black_and_white")], [], text)
    (item,) = fb.items
    assert item.kind == "extra" and "“either”, a cue the taxonomy lists for Black-and-white fallacy" in item.message
    fb = technique_feedback([Span(7, 18, "doubt")], [], text)
    assert "<b>this" not in fb._repr_html_() and "&lt;b&gt;this" in fb._repr_html_()


def test_feedback_on_a_paragraph_uses_only_its_key_spans(case):
    key = case.key("techniques")
    doc = case.document("p08")
    inside = key[(key.start >= doc.start) & (key.end <= doc.end)]
    answer = [Span(int(r.start - doc.start), int(r.end - doc.start), r.technique) for r in inside.itertuples()]
    fb = technique_feedback(answer, key, doc.text, offset=doc.start)
    assert fb.counts()["matched"] == len(inside) >= 5
    assert fb.identification.f1 == 1.0 and fb.classification.f1 == 1.0
    assert all(i.key.start >= 0 and i.key.end <= len(doc.text) for i in fb.items)
    assert fb.of("matched")[0].message.count("as the key does") == 1
    empty = technique_feedback([], key, doc.text, offset=doc.start)
    assert empty.counts()["missed"] + empty.counts()["discussion"] == len(inside)
    assert empty.identification.f1 == 0.0


def test_recognise_names_lexicon_and_cues():
    text = "Either we extend the library hours or the whole town will collapse into chaos!"
    r = recognise(text, chosen="black_and_white", marked=[(0, 6)])
    lines = r.lines()
    assert lines[0] == "The loaded-language lexicon flags “chaos” (emotive)."
    assert "Inside the words you marked, the cue list for Black-and-white fallacy recognises “either”." in lines
    assert any(x.startswith("Cues of other techniques appear too: Appeal to fear") for x in lines)
    outside = recognise(text, chosen="black_and_white", marked=[(7, 20)])
    assert "but outside the words you marked" in repr(outside)
    none = recognise("The library opens at nine.", chosen="red_herring")
    assert "No cue word of Red herring appears" in repr(none)
    assert "Mark the words where your technique sits" in repr(none)
    with pytest.raises(ValueError, match="chosen must be one of"):
        recognise(text, chosen="spin")


def test_check_spans_before_and_after_trying(case):
    from medialit.techniques import Pending, check_spans
    key = case.key("techniques")
    first = check_spans([], case, "p08")
    assert isinstance(first, Pending) and "Not yet: Mark at least one technique span" in repr(first)
    assert not any(r in repr(first) for r in key.rationale)
    art = case.document("article")
    # a stretch: paragraphs 7 to 13 (0-based 6..12); a span outside it does not count
    p9 = case.document("p08")
    sat = p9.start + p9.text.index("its satellites") - art.start
    outside = Span(0, 10, "doubt")
    fb = check_spans([outside], case, "article", paragraphs=(6, 12))
    assert isinstance(fb, Pending) and "in paragraphs 7 to 13" in repr(fb)
    fb = check_spans([outside, Span(sat, sat + len("its satellites"), "name_calling")], case, "article",
                     paragraphs=(6, 12))
    p = case.paragraphs
    lo, hi = int(p.start[p.paragraph == 6].iloc[0]), int(p.end[p.paragraph == 12].iloc[0])
    inside = key[(key.start >= lo) & (key.end <= hi)]
    assert len(fb.of("matched")) == 1 and fb.classification.overall.n_key == len(inside)
    assert not fb.of("extra")
    with pytest.raises(ValueError, match="no paragraphs 40..41"):
        check_spans([outside], case, "article", paragraphs=(40, 41))


def test_recognise_takes_the_technique_from_the_marked_spans():
    text = "The so-called experts say the bridge is safe."
    r = recognise(text, marked=[Span(4, 13, "doubt")])
    assert r.chosen == "doubt" and "recognises “so-called”" in repr(r)


def test_key_spans_for_a_worked_solution(case):
    spans = key_spans(case, "article", paragraphs=(6, 12))
    art = case.document("article")
    assert spans and all(art.text[s.start:s.end] for s in spans)
    assert {s.label for s in spans} >= {"reductio_ad_hitlerum", "whataboutism"}
    assert "slogans" not in {s.label for s in spans}          # paragraph 14 is outside the stretch
    assert len(key_spans(case, "p08")) == len(key_spans(case, "article", paragraphs=(8, 8)))


def test_turn_the_tables_waits_for_a_rewrite():
    neutral = "The town council will decide next month whether to extend the opening hours of the public library."
    assert isinstance(turn_the_tables(neutral, neutral=neutral), Pending)
    assert isinstance(turn_the_tables("  ", neutral=neutral), Pending)
    mine = "Everyone already agrees the library must stay open late."
    r = turn_the_tables(mine, [Span(0, 8, "bandwagon")], neutral=neutral)
    assert r.chosen == "bandwagon" and "recognises “everyone”" in repr(r)
