"""Scoring: SemEval-2020 span P/R/F1, exact match, feedback, agreement and kappa.

Texts are neutral placeholders; no course comments are copied here."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medialit import scoring
from medialit.scoring import (cohen_kappa, exact_scores, sentence_agreement, span_feedback, span_scores,
                              verdict_agreement)
from medialit.spans import Span, merge


def approx(x):
    return pytest.approx(x, abs=1e-6)


# ---------------------------------------------------------------- known answers

def test_semeval_sample_known_answer():
    """taxonomies.md: the task's own sample, checked against the official scorer."""
    key = [Span(0, 59, "t"), Span(171, 181, "t"), Span(0, 9, "t"), Span(115, 167, "t"), Span(740, 759, "t")]
    pred = [Span(0, 50, "t"), Span(161, 172, "t"), Span(0, 10, "t"), Span(115, 167, "t")]
    s = span_scores(pred, key)
    assert (s.overall.n_pred, s.overall.n_key) == (2, 4)
    assert s.overall.p_sum == approx(1.929825) and s.overall.r_sum == approx(1.947458)
    assert (round(s.precision, 6), round(s.recall, 6), round(s.f1, 6)) == (0.964912, 0.486864, 0.647181)
    assert s.per_label["t"] == s.overall
    assert exact_scores(pred, key).f1 == 0.0


@pytest.mark.parametrize("pred, key, expected", [
    # half of each side overlaps
    ([(0, 10, "a")], [(5, 15, "a")], (0.5, 0.5, 0.5)),
    # wider than the key: all of the key found, a third of the answer in it
    ([(0, 30, "a")], [(10, 20, "a")], (1 / 3, 1.0, 0.5)),
    # overlapping answers merge into one span that equals the key
    ([(0, 6, "a"), (4, 10, "a")], [(0, 10, "a")], (1.0, 1.0, 1.0)),
    # touching answers stay apart: two spans each fully inside the key
    ([(0, 5, "a"), (5, 10, "a")], [(0, 10, "a")], (1.0, 1.0, 1.0)),
    # right place, other label: no credit
    ([(0, 10, "a")], [(0, 10, "b")], (0.0, 0.0, 0.0)),
    # pairs only within a label; totals over labels: P=(1+0)/2, R=(1+0)/2
    ([(0, 10, "a"), (20, 30, "b")], [(0, 10, "a"), (20, 25, "a")], (0.5, 0.5, 0.5)),
    # empty cases
    ([], [], (1.0, 1.0, 1.0)),
    ([(0, 10, "a")], [], (0.0, 0.0, 0.0)),
    ([], [(0, 10, "a")], (0.0, 0.0, 0.0)),
    # zero-length spans are not claims
    ([(3, 3, "a")], [], (1.0, 1.0, 1.0)),
])
def test_hand_worked_cases(pred, key, expected):
    s = span_scores(pred, key)
    assert (s.precision, s.recall, s.f1) == approx(expected)


def test_per_label_scores_and_label_filter():
    pred = [(0, 10, "a"), (20, 30, "b")]
    key = [(0, 10, "a"), (40, 50, "c")]
    s = span_scores(pred, key)
    assert sorted(s.per_label) == ["a", "b", "c"]
    assert s.per_label["a"].f1 == 1.0 and s.per_label["b"].f1 == 0.0 and s.per_label["c"].f1 == 0.0
    only = span_scores(pred, key, labels=["a", "d"])
    assert only.f1 == 1.0 and only.per_label["d"].f1 == 1.0     # neither side used "d"
    frame = s.to_frame()
    assert list(frame["label"]) == ["a", "b", "c", "(overall)"]
    assert "<table" in s._repr_html_() and repr(s) == repr(span_scores(list(reversed(pred)), key))


def test_exact_match_variant():
    key = [(0, 10, "a"), (20, 30, "a"), (40, 45, "b")]
    pred = [(0, 10, "a"), (20, 29, "a"), (40, 45, "a")]
    s = exact_scores(pred, key)
    assert (s.precision, s.recall) == approx((1 / 3, 1 / 3))
    assert s.per_label["a"].precision == approx(1 / 3) and s.per_label["a"].recall == approx(1 / 2)
    assert exact_scores(key, key).f1 == 1.0


def test_inputs_dataframe_dicts_tuples_and_store_records():
    key = pd.DataFrame({"start": [0, 20], "end": [10, 30], "category": ["a", "b"],
                        "rationale": ["placeholder reason", float("nan")], "contested": [False, None]})
    pred_dicts = [{"start": 0, "end": 10, "label": "a"}, {"start": 20, "end": 30, "label": "b"}]
    record = {"key": "k", "value": {"label": "a", "note": ""},
              "anchor": {"position": {"start": 0, "end": 10}, "quote": {"exact": "x"}, "checksum": "c"}}
    assert span_scores(pred_dicts, key).f1 == 1.0
    assert span_scores({"k": record}, key[key.category == "a"]).f1 == 1.0
    items = scoring.as_key_items(key)
    assert items[0].rationale == "placeholder reason" and items[1].rationale == "" and not items[1].contested
    assert isinstance(items[0].start, int)


def test_store_records_feed_scoring_directly(tmp_path):
    from medialit import spans, store
    s = store.set_student("scorer", root=tmp_path)
    text = "Placeholder words and more placeholder words."
    s.put_span(case_id="c", doc_id="article", text=text, start=0, end=17, label="a", key="x")
    fb = span_feedback(s.latest("span"), [{"start": 0, "end": 17, "label": "a"}], text)
    assert fb.counts()["matched"] == 1 and fb.scores.f1 == 1.0
    assert span_scores(s.records("span"), [Span(0, 17, "a")]).f1 == 1.0
    assert spans.checksum(text) == s.records("span")[0].anchor["checksum"]


@pytest.mark.parametrize("bad, message", [
    ([{"start": 1.5, "end": 3, "label": "a"}], "whole number"),
    ([{"end": 3, "label": "a"}], "needs 'start' and 'end'"),
    ([{"start": 5, "end": 3, "label": "a"}], "start <= end"),
    ([object()], "expected a Span"),
    ("0-10", "expected spans"),
])
def test_bad_span_input_says_what_was_expected(bad, message):
    with pytest.raises((ValueError, TypeError), match=message):
        span_scores(bad, [])


# ---------------------------------------------------------------- properties

LABELS = st.sampled_from(["a", "b", "c"])
span_st = st.builds(lambda s, n, lab: Span(s, s + n, lab), st.integers(0, 300), st.integers(0, 40), LABELS)
spans_st = st.lists(span_st, max_size=25)


def naive(pred, key):
    """All-pairs reference straight from the definition (for comparing with the sweep)."""
    P, T = merge(s for s in pred if len(s)), merge(t for t in key if len(t))
    if not P and not T:
        return 1.0, 1.0
    p = sum(max(0, min(s.end, t.end) - max(s.start, t.start)) / len(s) for s in P for t in T if s.label == t.label)
    r = sum(max(0, min(s.end, t.end) - max(s.start, t.start)) / len(t) for s in P for t in T if s.label == t.label)
    return (p / len(P) if P else 0.0), (r / len(T) if T else 0.0)


@settings(max_examples=300, deadline=None)
@given(spans_st, spans_st)
def test_scores_are_within_0_and_1_and_match_the_definition(pred, key):
    s = span_scores(pred, key)
    for sc in [s.overall, *s.per_label.values()]:
        assert 0.0 <= sc.precision <= 1.0 and 0.0 <= sc.recall <= 1.0 and 0.0 <= sc.f1 <= 1.0
    assert (s.precision, s.recall) == approx(naive(pred, key))
    e = exact_scores(pred, key)
    # exact matches are a subset of overlaps, so the strict scores never exceed the partial ones
    assert 0.0 <= e.precision <= s.precision + 1e-9 and 0.0 <= e.recall <= s.recall + 1e-9


@settings(max_examples=200, deadline=None)
@given(spans_st)
def test_a_perfect_answer_scores_1(key):
    assert span_scores(key, key).f1 == approx(1.0)
    assert exact_scores(list(reversed(key)), key).f1 == 1.0


@settings(max_examples=200, deadline=None)
@given(spans_st)
def test_empty_cases_follow_the_definition(spans):
    real = [s for s in spans if len(s)]
    expected = 1.0 if not real else 0.0
    assert span_scores(spans, []).f1 == expected and span_scores([], spans).f1 == expected


@settings(max_examples=300, deadline=None)
@given(spans_st)
def test_merging_is_idempotent_and_leaves_no_same_label_overlap(spans):
    once = merge(spans)
    assert merge(once) == once
    for x, y in zip(once, once[1:]):
        if x.label == y.label and len(x) and len(y):
            assert x.end <= y.start or y.end <= x.start


@settings(max_examples=200, deadline=None)
@given(spans_st, spans_st)
def test_precision_and_recall_swap_with_the_sides(pred, key):
    a, b = span_scores(pred, key), span_scores(key, pred)
    assert a.precision == approx(b.recall) and a.recall == approx(b.precision)


@settings(max_examples=200, deadline=None)
@given(spans_st, spans_st)
def test_order_and_duplicates_do_not_matter(pred, key):
    assert span_scores(pred + pred, key).f1 == approx(span_scores(list(reversed(pred)), key).f1)


# ---------------------------------------------------------------- feedback

TEXT = "The placeholder words and other placeholder words. Some more words here, then filler text."
KEY = [
    {"id": "k1", "start": 4, "end": 21, "label": "loaded_language", "rationale": "Strong feeling words."},
    {"id": "k2", "start": 32, "end": 49, "label": "loaded_language", "rationale": "Repeated for effect."},
    {"id": "k3", "start": 51, "end": 55, "label": "doubt", "rationale": "Open to debate.", "contested": True},
    {"id": "k4", "start": 61, "end": 71, "label": "name_calling", "rationale": "A placeholder tag."},
    {"id": "k5", "start": 78, "end": 89, "label": "loaded_language", "rationale": "Placeholder reason."},
]


def by_kind(fb):
    return {k: [(i.key.item_id if i.key else None) for i in fb.of(k)] for k in scoring.FEEDBACK_KINDS}


def test_feedback_sorts_items_into_kinds():
    answer = [Span(4, 22, "loaded_language"),     # k1 plus a trailing space: trimmed, matched
              Span(30, 49, "loaded_language"),    # k2 starts 2 characters early: near miss
              Span(61, 71, "loaded_language"),    # k4's words, other label: one label_differs item
              Span(78, 82, "loaded_language"),    # a third of k5: partial
              Span(0, 3, "doubt")]                # nothing there: extra
    fb = span_feedback(answer, KEY, TEXT)
    assert by_kind(fb) == {"matched": ["k1"], "near_miss": ["k2"], "partial": ["k5"], "label_differs": ["k4"],
                           "missed": [], "extra": [None], "discussion": ["k3"]}
    assert [i.start for i in fb.items] == sorted(i.start for i in fb.items)
    assert fb.scores == span_scores(answer, KEY)


def test_feedback_messages_are_actionable():
    answer = [Span(30, 49, "loaded_language"), Span(61, 71, "loaded_language"), Span(78, 82, "loaded_language")]
    fb = span_feedback(answer, KEY, TEXT)
    near, = fb.near_misses
    assert "\u201cr placeholder words\u201d" in near.message and "\u201cplaceholder words\u201d" in near.message
    assert "start 2 characters later" in near.message and "Repeated for effect." in near.message
    relabel, = fb.of("label_differs")
    assert relabel.key.item_id == "k4" and relabel.student == Span(61, 71, "loaded_language")
    assert "as loaded language; the key says name calling." in relabel.message
    assert relabel.rationale == "A placeholder tag."
    assert [i.key.item_id for i in fb.missed] == ["k1"] and not fb.extra   # not also "Missed" and "Not in the key"
    partial, = fb.partial
    assert "end 7 characters later" in partial.message and "\u201cer text\u201d" in partial.message
    discussion, = fb.discussion
    assert discussion.contested and "not an error" in discussion.message
    for item in fb.items:
        assert "wrong" not in item.message.lower()


def test_another_label_on_some_of_the_key_words_is_one_item_that_says_which_way_they_differ():
    near, = span_feedback([Span(59, 71, "doubt")], [KEY[3]], TEXT).items       # two characters early
    assert near.kind == "label_differs" and "start 2 characters later" in near.message
    inside = span_feedback([Span(61, 64, "doubt")], [KEY[3]], TEXT)             # a third of the key's words
    (item,) = inside.items                           # one item for one passage, not "missed" and "extra"
    assert item.kind == "label_differs" and item.student == Span(61, 64, "doubt")
    assert "the key says name calling, for a longer stretch around your words" in item.message
    around = span_feedback([Span(57, 75, "doubt")], [KEY[3]], TEXT).items[0]    # the key's words and more
    assert "for only part of your words" in around.message
    contested = span_feedback([Span(52, 54, "name_calling")], [KEY[2]], TEXT)
    assert [i.kind for i in contested.items] == ["discussion"] and contested.items[0].student is not None
    assert "a point to discuss, not an error" in contested.items[0].message


def test_before_the_key_is_shown_no_key_words_outside_the_students_span_are_quoted():
    long_text = "Start " + "one two three four five six seven eight nine ten " * 3 + "end."
    key = [{"start": 6, "end": 150, "label": "a", "rationale": "R."}]
    for span in (Span(6, 40, "a"), Span(6, 40, "b"), Span(6, 148, "a")):
        fb = span_feedback([span], key, long_text, quote_key=False)
        (item,) = fb.items
        assert long_text[span.start:span.end][:20] in item.message
        assert "to take in" not in item.message and "the key's words are" not in item.message.lower()
        assert "longer stretch around your words" in item.message
    # with the key shown, a near miss on a long span quotes two different stretches
    shown = span_feedback([Span(6, 148, "a")], key, long_text).items[0]
    assert shown.kind == "near_miss"
    quotes = re.findall("\u201c(.*?)\u201d", shown.message)
    assert len(quotes[0]) <= scoring.QUOTE_LEN and quotes[0] != quotes[1]


def test_contested_item_that_was_found_is_matched_with_a_note():
    fb = span_feedback([Span(51, 55, "doubt")], [KEY[2]], TEXT)
    (item,) = fb.items
    assert item.kind == "matched" and item.contested and "disagree" in item.message


def test_feedback_near_miss_threshold_and_heavy_overlap():
    key = [{"start": 10, "end": 50, "label": "a"}]
    text = "x" * 100
    assert span_feedback([(13, 47, "a")], key, text).items[0].kind == "near_miss"      # 3 at each end
    assert span_feedback([(14, 50, "a")], key, text).items[0].kind == "near_miss"      # heavy overlap
    assert span_feedback([(31, 50, "a")], key, text).items[0].kind == "partial"
    assert span_feedback([(31, 50, "a")], key, text, heavy=0.4).items[0].kind == "near_miss"


def test_feedback_repr_text_and_html_are_deterministic_and_escaped():
    text = "Placeholder <b>bold</b> & \"quoted\" words, then more."
    key = [{"start": 12, "end": 23, "label": "tag<x>", "rationale": "Because <i>reasons</i> & more."}]
    fb = span_feedback([Span(12, 23, "tag<x>")], key, text)
    assert repr(fb) == ("SpanFeedback(matched=1, near_miss=0, partial=0, label_differs=0, missed=0, extra=0, "
                        "discussion=0, f1=1.000000)")
    assert repr(fb.items[0]) == "FeedbackItem(kind='matched', label='tag<x>', student=(12, 23), key=(12, 23))"
    assert repr(fb) == repr(span_feedback([Span(12, 23, "tag<x>")], key, text))
    page = fb._repr_html_()
    assert "<b>bold" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page and "&lt;i&gt;" in page
    assert fb.text().splitlines()[0].startswith("Matched. You marked \u201c<b>bold</b>\u201d")
    assert fb.to_records()[0]["kind"] == "matched"


def test_feedback_key_as_dataframe_with_label_names():
    frame = pd.DataFrame(KEY)
    fb = span_feedback([Span(4, 21, "loaded_language")], frame, TEXT,
                       label_names={"loaded_language": "Loaded language"})
    assert fb.matched[0].message.startswith("You marked \u201cplaceholder words\u201d as Loaded language")
    assert len(fb.missed) == 3 and len(fb.discussion) == 1


# ---------------------------------------------------------------- agreement and kappa

def test_kappa_hand_worked():
    # po = 3/4; key a,a,b,b; answer a,b,b,b; pe = (2*1 + 2*3)/16 = 1/2; kappa = (3/4 - 1/2)/(1/2)
    assert cohen_kappa("aabb", "abbb") == approx(0.5)
    assert cohen_kappa("ab", "ba") == approx(-1.0)
    assert cohen_kappa("aaaa", "aaaa") == 1.0          # expected agreement is 1: degenerate, perfect
    assert cohen_kappa("", "") is None
    with pytest.raises(ValueError):
        cohen_kappa("ab", "a")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(LABELS, LABELS), min_size=1, max_size=40))
def test_kappa_is_at_most_1_and_1_for_identical(pairs):
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    k = cohen_kappa(a, b)
    assert k is not None and -1.0 - 1e-9 <= k <= 1.0 + 1e-9
    assert cohen_kappa(a, a) == approx(1.0)


def test_sentence_agreement_counts_confusion_and_contested():
    key = pd.DataFrame({"sentence": [1, 2, 3, 4, 5], "label": ["fact", "fact", "opinion", "opinion", "fact"],
                        "contested": [False, False, False, True, False]})
    answer = {"1": "fact", "2": "opinion", "3": "opinion", "4": "fact"}
    ag = sentence_agreement(answer, key)
    assert (ag.n, ag.agree, ag.accuracy) == (3, 2, approx(2 / 3))
    assert ag.missing == ("5",) and ag.discussion == (("4", "opinion", "fact"),)
    assert ag.disagreements == (("2", "fact", "opinion"),)
    assert ag.per_label == {"fact": {"key": 2, "answer": 1, "agree": 1},
                            "opinion": {"key": 1, "answer": 2, "agree": 1}}
    assert ag.confusion == {("fact", "fact"): 1, ("fact", "opinion"): 1, ("opinion", "opinion"): 1}
    # po = 2/3, pe = (2*1 + 1*2)/9 = 4/9, kappa = (2/3 - 4/9)/(5/9) = 0.4
    assert ag.kappa == approx(0.4)
    assert ag.confusion_frame().loc["fact", "opinion"] == 1
    assert sentence_agreement(answer, key, include_contested=True).n == 4
    assert "Agreement with the key: 2 of 3" in ag._repr_html_()
    assert repr(ag) == "Agreement(n=3, agree=2, accuracy=0.666667, kappa=0.400000, missing=1, discussion=1)"


def test_verdict_agreement_reads_store_style_values():
    key = [{"claim": "c1", "verdict": "false"}, {"claim": "c2", "verdict": "misleading"}]
    answer = {"c1": {"verdict": "false", "justification": "placeholder"},
              "c2": {"verdict": "false", "justification": "placeholder"},
              "c9": {"verdict": "true", "justification": "placeholder"}}
    ag = verdict_agreement(answer, key)
    assert (ag.n, ag.agree, ag.unknown) == (2, 1, ("c9",))
    empty = verdict_agreement({}, key)
    assert empty.accuracy is None and empty.kappa is None and empty.missing == ("c1", "c2")
    assert verdict_agreement({"c1": "false"}, key).accuracy == 1.0


@pytest.mark.parametrize("module", ["scoring", "store"])
def test_scoring_and_storage_never_import_widgets(module):
    import ast
    from pathlib import Path

    import medialit
    base = Path(medialit.__path__[0], module)      # a module, or a package of modules
    paths = sorted(base.glob("*.py")) if base.is_dir() else [base.with_suffix(".py")]
    names = set()
    for node in (n for p in paths for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
    assert not any("widget" in n for n in names), names


def test_verdict_key_frame_is_matched_by_id_not_by_claim_text():
    key = pd.DataFrame({"id": ["f01", "f02"], "claim": ["placeholder claim one", "placeholder claim two"],
                        "verdict": ["false", "true"], "contested": [False, True]})
    ag = verdict_agreement({"f01": "false", "f02": "false"}, key)
    assert (ag.n, ag.agree) == (1, 1) and ag.discussion == (("f02", "true", "false"),)
