"""SpanHighlighter without a browser: tokens, masking, messages, store round trip, repr."""
from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from medialit.spans import Span
from medialit.widgets._base import CourseWidget, graphemes, resolve_store, tokenize
from medialit.widgets.highlighter import DEFAULT_LABELS, SpanHighlighter, normalize_labels

FLAG_TEXT = "Flag \U0001F1F7\U0001F1FA then placeholder words"   # Flag 🇷🇺 then ...
FAKE_MASK = ["placeholder"]                                     # neutral stand-in for a listed slur
WIDGET_DIR = Path(__file__).resolve().parents[1] / "src" / "medialit" / "widgets"


def texts(toks, text):
    return [text[t["s"]:t["e"]] for t in toks]


class FakeStore:
    """In-memory stand-in with the parts of medialit.store.Store the widget uses."""

    def __init__(self):
        self.recs: dict[tuple, dict] = {}
        self.log: list[tuple] = []
        self.problems: list[str] = []

    def put(self, kind, *, case_id, doc_id="", key, value, anchor=None):
        self.log.append(("put", kind, key, value))
        self.recs[(kind, case_id, doc_id, key)] = {"value": value, "anchor": anchor}

    def delete(self, kind, *, case_id, doc_id="", key):
        self.log.append(("delete", kind, key))
        self.recs.pop((kind, case_id, doc_id, key), None)

    def spans_for(self, case_id, doc_id, text, *, kind="span"):
        from medialit.store import SCHEMA, Record
        return {k[3]: Record(SCHEMA, 1, "", "put", kind, case_id, doc_id, k[3], r["value"], r["anchor"])
                for k, r in self.recs.items() if k[:3] == (kind, case_id, doc_id)}


@pytest.fixture
def student():
    import medialit.store as store
    return store.set_student("tester")


def add_tokens(hl, t0, t1, label="emotive"):
    hl._on_msg(hl, {"op": "add", "t0": t0, "t1": t1, "label": label}, [])


# ---------------------------------------------------------------- tokens

def test_flag_emoji_is_one_token_and_offsets_are_code_points():
    toks = tokenize(FLAG_TEXT)
    assert texts(toks, FLAG_TEXT) == ["Flag", " ", "\U0001F1F7\U0001F1FA", " ", "then", " ", "placeholder", " ", "words"]
    assert toks[2] == {"s": 5, "e": 7, "k": "e"}
    assert toks[4]["s"] == FLAG_TEXT.index("then") == 8


@pytest.mark.parametrize("cluster", [
    "\U0001F468\u200d\U0001F469\u200d\U0001F467",   # family, ZWJ sequence
    "\U0001F44D\U0001F3FD",                           # thumbs up, skin tone
    "\u2764\ufe0f",                                   # heart with variation selector
    "1\ufe0f\u20e3",                                  # keycap one
    "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",  # subdivision flag (tags)
    "\U0001F1FA\U0001F1F8",                           # flag
])
def test_emoji_clusters_are_single_graphemes(cluster):
    text = f"a {cluster} b"
    assert (2, 2 + len(cluster)) in graphemes(text)
    middle = [t for t in tokenize(text) if t["k"] not in ("w", "s")]
    assert len(middle) == 1 and text[middle[0]["s"]:middle[0]["e"]] == cluster


def test_two_flags_in_a_row_pair_up_correctly():
    text = "\U0001F1F7\U0001F1FA\U0001F1FA\U0001F1F8"
    assert graphemes(text) == [(0, 2), (2, 4)]


def test_combining_marks_stay_in_the_word_and_nbsp_is_whitespace():
    text = "Cafe\u0301\u00a0said don\u2019t neo\u2011Nazi"
    toks = tokenize(text)
    assert texts(toks, text)[:5] == ["Cafe\u0301", "\u00a0", "said", " ", "don\u2019t"]
    assert toks[1]["k"] == "s"
    assert "neo" in texts(toks, text) and "Nazi" in texts(toks, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.\u00a0\n'\u0301\u200d\ufe0f")
                                        + ["\U0001F1F7", "\U0001F1FA", "\U0001F600", "\U0001F3FD"]), max_size=40))
def test_tokens_cover_the_text_without_gaps(text):
    toks = tokenize(text)
    assert "".join(texts(toks, text)) == text
    pos = 0
    for t in toks:
        assert t["s"] == pos and t["e"] > t["s"]
        pos = t["e"]
        if t["k"] == "s":
            assert text[t["s"]:t["e"]].isspace()


# ---------------------------------------------------------------- the widget

def test_repr_is_deterministic_and_has_no_address(student):
    hl = SpanHighlighter(FLAG_TEXT, masked_words=FAKE_MASK)
    assert repr(hl) == f"SpanHighlighter(doc={hl.doc_id!r}, spans=0)"
    data = hl._repr_mimebundle_()
    bundle = data[0] if isinstance(data, tuple) else data
    assert bundle["text/plain"] == repr(hl) and "0x" not in bundle["text/plain"]
    assert isinstance(hl, CourseWidget)


def test_selection_after_a_flag_gives_code_point_offsets(student):
    hl = SpanHighlighter(FLAG_TEXT, masked_words=FAKE_MASK)
    add_tokens(hl, 4, 5, "euphemism")             # "then"
    assert hl.error == ""
    [span] = hl.spans
    assert (span.start, span.end, span.label) == (8, 12, "euphemism")
    assert FLAG_TEXT[span.start:span.end] == "then"
    assert hl.marks[0]["t0"] == 4 and hl.marks[0]["t1"] == 5


def test_masking_is_same_length_and_reveal_is_opt_in(student):
    hl = SpanHighlighter(FLAG_TEXT, masked_words=FAKE_MASK)
    shown = [t["t"] for t in hl.tokens]
    assert "placeholder" not in shown and "p**********" in shown
    assert hl.has_masked and not hl.reveal
    assert all(len(t["t"]) == t["e"] - t["s"] for t in hl.tokens)
    hl.reveal = True
    assert "placeholder" in [t["t"] for t in hl.tokens]
    assert SpanHighlighter("nothing here", masked_words=FAKE_MASK).has_masked is False


def test_store_round_trip_and_restore(student, tmp_path):
    hl = SpanHighlighter(FLAG_TEXT, masked_words=FAKE_MASK)
    assert hl.save_status == ""
    add_tokens(hl, 4, 7, "labelling")             # "then placeholder"
    sid = hl.marks[0]["id"]
    hl._on_msg(hl, {"op": "update", "id": sid, "label": "emotive", "note": "<b>why</b>"}, [])
    add_tokens(hl, 0, 1, "emotive")
    again = SpanHighlighter(FLAG_TEXT, masked_words=FAKE_MASK)
    assert again.spans == hl.spans
    assert again.span_ids[sid].note == "<b>why</b>"
    lines = [json.loads(x) for x in student.path.read_text(encoding="utf-8").splitlines()]
    puts = [r for r in lines if r["op"] == "put" and r["key"] == sid]
    assert puts[-1]["kind"] == "span" and puts[-1]["value"]["label"] == "emotive"
    assert puts[-1]["anchor"]["quote"]["exact"] == "then placeholder"      # verbatim, not masked
    assert puts[-1]["anchor"]["position"] == {"type": "TextPositionSelector", "start": 8, "end": 24}
    again._on_msg(again, {"op": "delete", "id": sid}, [])
    assert len(SpanHighlighter(FLAG_TEXT, masked_words=FAKE_MASK).spans) == 1
    assert repr(again) == f"SpanHighlighter(doc={again.doc_id!r}, spans=1)"


def test_tasks_keep_their_spans_apart(student):
    a = SpanHighlighter(FLAG_TEXT, task="loaded_language")
    a.add(0, 4, "emotive")
    b = SpanHighlighter(FLAG_TEXT, task="techniques", labels=["name_calling"])
    assert b.spans == []
    b.add(8, 12, "name_calling")
    assert [s.label for s in SpanHighlighter(FLAG_TEXT, task="loaded_language").spans] == ["emotive"]


def test_without_a_student_it_works_but_says_it_is_not_saved():
    hl = SpanHighlighter(FLAG_TEXT)
    assert hl.save_status.startswith("Not saved")
    hl.add(0, 4, "emotive")
    assert len(hl.spans) == 1
    assert resolve_store(False)[0] is None


def test_explicit_store_is_used():
    fake = FakeStore()
    hl = SpanHighlighter(FLAG_TEXT, store=fake)
    sid = hl.add(8, 12, "glorifying", "a note")
    assert fake.log[-1][:3] == ("put", "span", sid)
    assert fake.log[-1][3] == {"label": "glorifying", "note": "a note", "task": "loaded_language"}
    assert SpanHighlighter(FLAG_TEXT, store=fake).spans == [Span(8, 12, "glorifying", "a note")]
    hl.remove(sid)
    assert fake.log[-1] == ("delete", "span", sid)


def test_unreadable_work_opens_the_widget_and_says_so():
    from medialit.errors import StoreError

    class Unreadable(FakeStore):
        def spans_for(self, *a, **k):
            raise StoreError("work/placeholder/work.jsonl could not be read: permission denied")

    hl = SpanHighlighter(FLAG_TEXT, store=Unreadable())
    assert hl.spans == [] and hl.save_status.startswith("Not restored:")
    assert "could not be read" in hl.save_status


def test_bad_messages_are_reported_not_raised():
    hl = SpanHighlighter(FLAG_TEXT, store=False)
    add_tokens(hl, 0, 1, "no-such-label")
    assert "label must be one of" in hl.error and hl.spans == []
    add_tokens(hl, 5, 99)
    assert "outside the text" in hl.error
    hl._on_msg(hl, {"op": "explode"}, [])
    assert "unknown operation" in hl.error
    add_tokens(hl, 0, 1)
    assert hl.error == ""


def test_labels_validation_names_the_problem():
    labs = normalize_labels(None)
    assert [lab["id"] for lab in labs] == [d["id"] for d in DEFAULT_LABELS]
    assert [lab["shortcut"] for lab in labs] == ["1", "2", "3", "4"]
    assert len({lab["color"] for lab in labs}) == 4 and len({lab["style"] for lab in labs}) == 4
    assert normalize_labels({"a": "Alpha"})[0]["name"] == "Alpha"
    with pytest.raises(ValueError, match="colour like"):
        normalize_labels([{"id": "x", "color": "red; background:url(x)"}])
    with pytest.raises(ValueError, match="distinct"):
        normalize_labels(["a", "a"])
    with pytest.raises(TypeError, match="string"):
        normalize_labels("emotive")
    with pytest.raises(ValueError, match="style must be one of"):
        normalize_labels([{"id": "x", "style": "blink"}])


def test_compare_mode_scores_against_a_key_and_shows_the_baseline():
    hl = SpanHighlighter(FLAG_TEXT, store=False, key=[Span(8, 12, "emotive"), Span(13, 24, "labelling")])
    hl.add(8, 12, "emotive")
    hl.compare = True
    assert hl.error == ""
    # until the key is shown: the overall row, and rows only for the labels the student used
    assert [r["label"] for r in hl.scores] == ["emotive", "(overall)"] or \
        [r["label"] for r in hl.scores] == ["(overall)", "emotive"]
    overall = next(r for r in hl.scores if r["label"] == "(overall)")
    assert overall["label"] == "(overall)" and overall["precision"] == 1.0 and overall["recall"] == 0.5
    assert [f["kind"] for f in hl.feedback_items] == ["matched"]       # the missed span is not named
    assert hl.summary.startswith("You have not found 1 of the key's 2 spans yet.")
    assert [(m["t0"], m["t1"]) for m in hl.key_marks] == [(4, 5)]     # only the key span the student touched
    assert isinstance(hl.base_marks, list)
    hl.add(0, 4, "emotive")                       # scores follow the student's work
    assert hl.scores[0]["n_pred"] == 2
    hl.key_shown = True                           # asked for the key after trying: everything
    assert {r["label"] for r in hl.scores} == {"emotive", "labelling", "(overall)"}
    assert "missed" in [f["kind"] for f in hl.feedback_items] and hl.summary == ""
    assert [(m["t0"], m["t1"]) for m in hl.key_marks] == [(4, 5), (6, 7)]
    assert [k["quote"] for k in hl.key_items] == ["then", "placeholder"]


def test_case_document_and_case_key_offsets_are_made_relative(case):
    import pandas as pd
    doc = case.document("article")
    word_at = doc.text.index("friendship")
    key = pd.DataFrame([{"start": doc.start + word_at, "end": doc.start + word_at + 10, "category": "emotive",
                         "rationale": "a reason", "contested": False},
                        {"start": 0, "end": 3, "category": "emotive", "rationale": "", "contested": False}])
    if doc.start == 0:
        pytest.skip("the article starts at 0 in this case; nothing to shift")
    hl = SpanHighlighter(case=case, doc_id="article", store=False, key=key)
    assert hl.text == doc.text and hl.offset == doc.start
    assert hl.key_spans() == [Span(word_at, word_at + 10, "emotive")]
    assert repr(hl) == "SpanHighlighter(doc='article', spans=0)"
    assert hl.doc_title == "Article"


def test_front_end_never_uses_innerhtml():
    js = (WIDGET_DIR / "highlighter.js").read_text(encoding="utf-8")
    for bad in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert bad not in js
    assert (WIDGET_DIR / "highlighter.css").exists()


def test_importing_medialit_does_not_import_anywidget():
    code = "import sys, medialit, medialit.widgets; print('anywidget' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_widgets_package_lists_unknown_names():
    import medialit.widgets as w
    with pytest.raises(AttributeError, match="the widgets are"):
        w.NoSuchWidget  # noqa: B018
    assert w.SpanHighlighter is SpanHighlighter


def test_every_name_in_widgets_all_resolves():
    import medialit.widgets as w
    for name in w.__all__:
        assert getattr(w, name).__name__ == name


def test_feedback_quotes_are_masked_unless_revealed():
    hl = SpanHighlighter(FLAG_TEXT, store=False, masked_words=FAKE_MASK, key=[Span(13, 24, "labelling")])
    hl.add(0, 4, "emotive")
    hl.show_key()
    [_extra, item] = hl.feedback_items
    assert item["kind"] == "missed" and "p**********" in item["message"] and "placeholder" not in item["message"]
    assert "placeholder" not in str(hl.feedback()) and "placeholder" not in hl.feedback()._repr_html_()
    hl.reveal = True
    assert "placeholder" in hl.feedback_items[1]["message"]
    assert "placeholder" in str(hl.feedback())
    assert hl.key_items[0]["quote"] == "placeholder"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,\u00a0\n\u0301") + ["\U0001F1F7", "\U0001F1FA", "\U0001F600",
                                                                      "\u200d"]), min_size=1, max_size=30),
       st.data())
def test_token_messages_map_to_code_points(text, data):
    hl = SpanHighlighter(text, store=False, baseline=False)
    # the browser counts UTF-16 units: each token's count is its UTF-16 length
    assert hl.token_units == [len(t["t"].encode("utf-16-le")) // 2 for t in hl.tokens]
    n = len(hl.tokens)
    t0 = data.draw(st.integers(0, n - 1))
    t1 = data.draw(st.integers(t0 + 1, n))
    add_tokens(hl, t0, t1)
    [span] = hl.spans
    assert text[span.start:span.end] == "".join(t["t"] for t in hl.tokens[t0:t1])
    assert (hl.marks[0]["t0"], hl.marks[0]["t1"]) == (t0, t1)


# ---------------------------------------------------------------- try before you see

def _key_strings(case, doc_id="p07"):
    """The key's quotes and rationales for one paragraph (what must not show before trying)."""
    key = case.key("loaded_language")
    doc = case.document(doc_id)
    rows = key[(key.start >= doc.start) & (key.end <= doc.end)]
    assert len(rows) >= 3
    return rows, [" ".join(str(r).split()) for r in rows["quote"]], [str(r) for r in rows["rationale"]]


def test_before_any_span_nothing_of_the_key_reaches_the_page_or_the_feedback(case):
    rows, quotes, reasons = _key_strings(case)
    hl = SpanHighlighter(case=case, doc_id="p07", key="loaded_language", store=False)
    fb = hl.feedback()
    assert repr(fb) == "Not yet: Mark some spans in the widget above, then run this cell."
    assert "Mark some spans in the widget above, then run this cell." in fb._repr_html_()
    assert repr(hl.show_key()).startswith("Not yet: Mark at least one span") and not hl.key_shown
    hl.compare = True                              # the lexicon baseline may show; the key may not
    hl._on_msg(hl, {"op": "show_key"}, [])
    assert "mark at least one span first" in hl.error and not hl.key_shown
    state = json.dumps(hl.get_state())
    for r in reasons:
        assert r[:40] not in state
    categories = {lab["id"] for lab in hl.labels}
    assert hl.key_marks == [] and hl.key_items == [] and hl.feedback_items == [] and hl.scores == []
    assert hl.base_marks and categories


def test_after_trying_feedback_covers_the_attempt_and_counts_the_rest(case):
    rows, quotes, reasons = _key_strings(case)
    doc = case.document("p07")
    hl = SpanHighlighter(case=case, doc_id="p07", key="loaded_language", store=False)
    first = rows.iloc[0]
    hl.add(int(first.start - doc.start), int(first.end - doc.start), first.category)   # one key span, right label
    fb = hl.feedback()
    text, page = str(fb), fb._repr_html_()
    assert fb.items[0].kind == "matched" and quotes[0] in text
    assert f"You have not found {len(rows) - 1} of the key's {len(rows)} spans yet." in text
    for q, why in zip(quotes[1:], reasons[1:]):    # nothing quoted or explained of what is unfound
        assert f"\u201c{q}\u201d" not in text and why not in text and why not in page
    hl.compare = True
    state = json.dumps(hl.get_state(), ensure_ascii=False)
    for why in reasons[1:]:
        assert why not in state
    assert len(hl.key_marks) == 1 and hl.key_items == []
    # the whole key, on request, after trying
    key = hl.show_key()
    assert hl.key_shown and len(hl.key_items) == len(rows)
    for q, why in zip(quotes, reasons):
        assert q in " ".join(str(key).split()) and why in str(key) and html.escape(why) in key._repr_html_()
    assert len(hl.feedback().missed) + len(hl.feedback().discussion) == len(rows) - 1


def test_the_same_words_and_label_again_add_no_duplicate(student):
    hl = SpanHighlighter(FLAG_TEXT, masked_words=FAKE_MASK)
    sid = hl.add(8, 12, "emotive")
    assert hl.add(8, 12, "emotive") == sid and len(hl.spans) == 1
    add_tokens(hl, 4, 5, "emotive")               # the same words by message (a double key press)
    assert len(hl.spans) == 1 and hl.error == ""
    assert hl.extend([Span(8, 12, "emotive"), Span(8, 12, "labelling")])[0] == sid
    assert [s.label for s in hl.spans] == ["emotive", "labelling"]
    other = [k for k in hl.span_ids if k != sid][0]
    hl.update(other, label="emotive", note="why")  # relabelled onto the same span: one is kept
    assert hl.spans == [Span(8, 12, "emotive", "why")] and list(hl.span_ids) == [sid]
    assert len(SpanHighlighter(FLAG_TEXT, masked_words=FAKE_MASK).spans) == 1   # the store agrees


def test_a_span_under_another_label_gets_label_differs_feedback():
    hl = SpanHighlighter(FLAG_TEXT, store=False, key=[Span(8, 12, "emotive")])
    hl.add(8, 12, "labelling")
    [item] = hl.feedback().items
    assert item.kind == "label_differs"
    assert "You marked \u201cthen\u201d as labelling; the key says emotive." in item.message


def test_titles_count_from_one(case):
    assert SpanHighlighter(case=case, doc_id="p07", store=False).doc_title == "Paragraph 8"
    assert SpanHighlighter(case=case, doc_id="p00", store=False).doc_title == "Paragraph 1"
    assert SpanHighlighter(case=case, doc_id="c01", store=False).doc_title == "Comment 1"


def test_the_browser_gets_only_what_it_draws_and_an_answer_to_each_add():
    hl = SpanHighlighter(FLAG_TEXT, store=False, key=[Span(8, 12, "emotive")])
    sent = []
    hl.send = sent.append
    hl._on_msg(hl, {"op": "add", "t0": 4, "t1": 5, "label": "emotive", "req": 7}, [])
    assert sent == [{"op": "done", "req": 7}]
    assert set(hl.marks[0]) == {"id", "t0", "t1", "label", "note"}
    hl._on_msg(hl, {"op": "add", "t0": 4, "t1": 99, "label": "emotive", "req": 8}, [])   # refused: still answered
    assert sent[-1] == {"op": "done", "req": 8} and "outside the text" in hl.error
    hl.compare = True
    assert all(set(m) == {"t0", "t1", "label"} for m in hl.key_marks + hl.base_marks)


def test_many_labels_get_distinct_looks_and_only_nine_number_keys():
    labs = normalize_labels([f"technique_{i}" for i in range(17)])
    assert [lab["shortcut"] for lab in labs][8:10] == ["9", ""]
    assert len({(lab["color"], lab["style"]) for lab in labs}) == 17
