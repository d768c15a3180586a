"""CommentLab without a browser: thread, masking, labels, moderation, save and restore.

No hateful text is written here: the real terms are read from the safety list at run time,
and the fake case uses a neutral placeholder word."""
from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import medialit
from medialit import keys, safety
from medialit.comment_feedback import MASKED_NOTE, NOTHING_YET
from medialit.moderation import load_policy
from medialit.store import open_store
from medialit.widgets.comments import LABELS, CommentLab, thread_order

PLACEHOLDER = "zorblat"   # a made-up word standing in for a listed slur


@pytest.fixture
def store():
    return open_store("tester")


@pytest.fixture
def placeholder_list(tmp_path, monkeypatch):
    """Make the safety list hold only the neutral placeholder."""
    f = tmp_path / "masked-terms.toml"
    f.write_text(f'[[term]]\nterm = "{PLACEHOLDER}"\n', encoding="utf-8")
    monkeypatch.setattr(safety, "_terms_file", lambda: f)
    return f


def fake_case():
    rows = [
        {"comment_id": "c01", "position": 0, "author": "Ann", "text": "First point.", "start": 0, "end": 12,
         "reply_to": None, "reply_reason": None},
        {"comment_id": "c02", "position": 1, "author": None, "text": f"The {PLACEHOLDER} again.", "start": 13,
         "end": 30, "reply_to": None, "reply_reason": None},
        {"comment_id": "c03", "position": 2, "author": None, "text": "Agreed with Ann.", "start": 31, "end": 47,
         "reply_to": "c01", "reply_reason": f"names the author Ann and says {PLACEHOLDER}"},
        {"comment_id": "c04", "position": 3, "author": None, "text": "And more.", "start": 48, "end": 57,
         "reply_to": "c03", "reply_reason": "opens with 'and'"},
        {"comment_id": "c05", "position": 4, "author": None, "text": "Odd.", "start": 58, "end": 62,
         "reply_to": "c09", "reply_reason": "bad link"},
    ]
    return SimpleNamespace(case_id="fake", text="x" * 62, comments=pd.DataFrame(rows))


def state_json(w) -> str:
    return json.dumps({k: v for k, v in w.get_state().items() if not k.startswith("_")}, ensure_ascii=False)


def test_thread_order_puts_replies_under_what_they_answer():
    rows = fake_case().comments.to_dict("records")
    out = thread_order(rows)
    assert [(r["comment_id"], r["depth"]) for r in out] == [("c01", 0), ("c03", 1), ("c04", 2), ("c02", 0), ("c05", 0)]


def test_real_thread(case, store):
    w = CommentLab(case, store=store)
    assert sorted(c["comment_id"] for c in w.comments) == list(case.comments.comment_id)
    replies = {c["comment_id"]: c for c in w.comments if c["reply_to"]}
    expected = case.comments.dropna(subset=["reply_to"])
    assert set(replies) == set(expected.comment_id)
    for c in replies.values():
        assert c["depth"] >= 1 and c["reply_reason"]
        ids = [x["comment_id"] for x in w.comments]
        assert ids.index(c["reply_to"]) < ids.index(c["comment_id"])


def test_default_state_holds_no_listed_term(case, store):
    """The whole synced state, masked by default, contains none of the safety list's terms."""
    assert safety.terms()                      # the list is not empty
    raw = "\n".join(case.comments.text)
    assert safety.masked_ranges(raw)           # the source does contain listed terms
    w = CommentLab(case, store=store)
    assert safety.masked_ranges(state_json(w)) == []
    assert safety.masked_ranges(repr(w)) == []
    assert any(c["masked"] for c in w.comments)
    by_id = dict(zip(case.comments.comment_id, case.comments.text))
    for c in w.comments:
        assert len(c["text"]) == len(by_id[c["comment_id"]])          # same length, offsets hold
        assert c["text"] == safety.mask(by_id[c["comment_id"]])


def test_reveal_is_deliberate_and_reversible(case, store):
    w = CommentLab(case, store=store)
    assert w.reveal is False and w.reveal_label == safety.REVEAL_LABEL
    w.reveal = True
    by_id = dict(zip(case.comments.comment_id, case.comments.text))
    assert all(c["text"] == by_id[c["comment_id"]] for c in w.comments)
    w.reveal = False
    assert safety.masked_ranges(state_json(w)) == []
    assert CommentLab(case, store=store, reveal=True).comments[0]["text"] == by_id[w.comments[0]["comment_id"]]
    with pytest.raises(TypeError, match="reveal must be True or False"):
        CommentLab(case, store=False, reveal="yes")


def test_placeholder_is_masked_in_text_and_reasons(placeholder_list):
    w = CommentLab(fake_case(), store=False)
    assert PLACEHOLDER not in state_json(w)
    c2 = next(c for c in w.comments if c["comment_id"] == "c02")
    assert c2["text"] == "The z****** again." and c2["masked"]
    c3 = next(c for c in w.comments if c["comment_id"] == "c03")
    assert PLACEHOLDER[0] + "*" * (len(PLACEHOLDER) - 1) in c3["reply_reason"]
    c5 = next(c for c in w.comments if c["comment_id"] == "c05")
    assert c5["reply_to"] is None and c5["depth"] == 0          # a reply to a missing comment starts a thread
    w.reveal = True
    assert PLACEHOLDER in state_json(w)


def test_policy_and_choices(case):
    w = CommentLab(case, store=False)
    p = load_policy()
    assert [r["id"] for r in w.rules] == list(p.rule_ids)
    assert w.decisions == ["keep", "label", "hide", "remove"]
    assert [c["label"] for c in w.label_choices] == list(LABELS) == list(keys.COMMENT_LABELS)
    assert "antisemitic trope" in LABELS and "none" in LABELS
    # the content note is the case's own
    assert w.content_note == "Content note: " + " ".join(case.meta["content_notes"]["comments"].split())


def test_content_note_comes_from_the_case(placeholder_list):
    """A case without content notes gets none, unless its comments hold a listed term."""
    plain = _fake_with(["A calm remark.", "Another one."])
    assert CommentLab(plain, store=False).content_note == ""
    assert CommentLab(fake_case(), store=False).content_note == MASKED_NOTE     # c02 holds the placeholder
    noted = _fake_with(["A calm remark."])
    noted.meta = {"content_notes": {"comments": "These comments  discuss a war."}}
    assert CommentLab(noted, store=False).content_note == "Content note: These comments discuss a war."


def test_labels_and_moderation_saved_and_restored(case, store):
    w = CommentLab(case, store=store)
    w.set_labels("c02", ["sarcasm", "constructive"])
    w.moderate("c02", "keep", "R6")
    w.moderate("c05", "remove")
    assert w.notes == [{"comment_id": "c05", "problems": ["Name the rule of the policy that your decision applies."]}]
    w.moderate("c05", "remove", "R5")
    assert w.notes == []
    # as the front end would: a whole new list
    w.labels = w.labels + [{"comment_id": "c07", "labels": ["whataboutism"]}]
    w.moderate("c09", "hide", "R8")
    lab = store.latest("comment_label", case_id="rodong-2024")
    assert lab["c02"].value == {"labels": ["constructive", "sarcasm"]}    # in the taxonomy's order
    assert lab["c02"].doc_id == "c02" and lab["c07"].value == {"labels": ["whataboutism"]}
    mod = store.latest("moderation", case_id="rodong-2024")
    assert mod["c05"].value == {"decision": "remove", "rule": "R5"}
    assert mod["c09"].value == {"decision": "hide", "rule": "R8"}
    again = CommentLab(case, store=open_store("tester"))
    assert again.labels_dict() == {"c02": ["constructive", "sarcasm"], "c07": ["whataboutism"]}
    assert again.moderation_dict() == {"c02": {"decision": "keep", "rule": "R6"}, "c05": {"decision": "remove", "rule": "R5"},
                                       "c09": {"decision": "hide", "rule": "R8"}}
    # clearing labels deletes them
    again.set_labels("c07", [])
    assert "c07" not in store.latest("comment_label", case_id="rodong-2024")
    assert repr(again) == "CommentLab(case_id='rodong-2024', comments=15, labelled=1, moderated=3, reveal=False)"


def test_saved_work_never_copies_comment_text(case, store):
    w = CommentLab(case, store=store)
    for cid in case.comments.comment_id:
        w.set_labels(cid, ["none"])
        w.moderate(cid, "keep", "R1")
    assert safety.masked_ranges(store.path.read_text(encoding="utf-8")) == []


def test_bad_input_is_explained(case):
    w = CommentLab(case, store=False)
    with pytest.raises(ValueError, match="unknown label"):
        w.set_labels("c01", ["rude"])
    with pytest.raises(ValueError, match="no comment 'c99'"):
        w.set_labels("c99", ["none"])
    with pytest.raises(ValueError, match="decision must be one of"):
        w.moderate("c01", "ban", "R1")
    with pytest.raises(ValueError, match="no rule 'R99'"):
        w.moderate("c01", "keep", "R99")


def _fake_with(texts: list[str]):
    rows = [{"comment_id": f"c{i + 1:02d}", "position": i, "author": None, "text": t, "start": 0, "end": len(t),
             "reply_to": None, "reply_reason": None} for i, t in enumerate(texts)]
    return SimpleNamespace(case_id="fake", text="", comments=pd.DataFrame(rows))


def test_masking_property(placeholder_list):
    """Whatever surrounds the placeholder (case, punctuation, emoji, no-break spaces), the
    default synced state never holds it and every comment keeps its length."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    glue = st.sampled_from([" ", "\u00a0", ", ", ". ", "!", " \U0001F602 ", "\n", "-", "'"])
    word = st.sampled_from([PLACEHOLDER, PLACEHOLDER.upper(), PLACEHOLDER.title(), "plain", "words", "x"])

    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.lists(st.tuples(word, glue), min_size=1, max_size=6), min_size=1, max_size=4))
    def check(parts):
        texts = ["".join(w + g for w, g in p) for p in parts]
        w = CommentLab(_fake_with(texts), store=False)
        assert PLACEHOLDER not in state_json(w).lower()
        assert [len(c["text"]) for c in w.comments] == [len(t) for t in texts]
    check()


def test_feedback_before_the_attempt_shows_nothing_of_the_key(case):
    w = CommentLab(case, store=False)
    key = case.key("comments")
    for fb in (w.feedback(), w.feedback(show_all=True)):
        assert fb.status == "empty" and fb.items == () and repr(fb) == NOTHING_YET
        shown = repr(fb) + fb._repr_html_()
        assert not any(r in shown for r in key.rationale)


def test_feedback_covers_what_was_attempted(case):
    w = CommentLab(case, store=False)
    key = case.key("comments").set_index("comment_id")
    w.set_labels("c14", ["sarcasm"])
    w.moderate("c14", "keep", "R6")                     # as the key
    w.moderate("c03", "remove", "R5")                   # not as the key
    w.set_labels("c05", ["insult"])                     # labels only
    fb = w.feedback()
    assert [i.comment_id for i in fb.items] == ["c03", "c05", "c14"]
    text = repr(fb)
    assert "Comment 14:" in text and "Comment 3:" in text and "Comment 5:" in text   # 1-based, as students count
    assert "Labels: yours match the key (Sarcasm)." in text
    assert "Decision: keep under R6; the key agrees." in text
    assert f"Decision: you chose remove under R5; the key says {key.loc['c03', 'decision']} under {key.loc['c03', 'rule']}." in text
    assert "the key does not use Insult" in text and "the key adds Geopolitical opinion, Dehumanising" in text
    assert "Contested, a discussion point" in text                        # c05 is contested
    for cid in ("c03", "c05", "c14"):
        assert key.loc[cid, "rationale"] in text
    for cid in set(key.index) - {"c03", "c05", "c14"}:
        assert key.loc[cid, "rationale"] not in text                    # untouched comments stay hidden
    assert fb.decisions == {"n": 2, "agree": 1, "discussion": 0}
    assert "Your decision matches the key on 1 of the 2 uncontested comment(s) you moderated." in fb.message
    html = fb._repr_html_()
    assert "<li>Why: " in html and "<script" not in html
    whole = w.feedback(show_all=True)
    assert len(whole.items) == 15


def test_feedback_names_each_label_as_the_lab_shows_it(case):
    """Display names, never codes: "Contested claim as fact", not "contested claim"."""
    from medialit.labelnames import COMMENT_LABELS
    w = CommentLab(case, store=False)
    for cid in case.comments.comment_id:
        w.set_labels(cid, ["constructive"])
    text = "\n".join(line for it in w.feedback().items for line in it.lines() if line.startswith("Labels:"))
    assert "Contested claim as fact" in text and "Antisemitic trope" in text
    for code, name, _ in COMMENT_LABELS:
        if code != "none" and code in case.key("comments").labels.explode().values:
            assert name in text and code not in text, code


def test_the_lab_numbers_comments_as_students_count():
    """"Comment 3" and "replies to comment 1" in what the student reads; ids stay as data."""
    w = CommentLab(fake_case(), store=False)
    c3 = next(c for c in w.comments if c["comment_id"] == "c03")
    assert c3["number"] == "Comment 3" and c3["reply_to"] == "c01" and c3["reply_to_number"] == "comment 1"
    w = CommentLab(_fake_with(["First.", "Second."]), store=False)
    assert [c["number"] for c in w.comments] == ["Comment 1", "Comment 2"]


def test_reply_reasons_name_comments_by_number(case):
    w = CommentLab(case, store=False)
    reasons = [c["reply_reason"] for c in w.comments if c["reply_reason"]]
    assert reasons and not any(re.search(r"\bc\d\d\b", r) for r in reasons), reasons
    js = (Path(medialit.__file__).parent / "widgets" / "comments.js").read_text(encoding="utf-8")
    for visible in ("Labels for ${num}", "Moderation of ${num}", "Rule of the policy for ${num}",
                    "replies to ${c.reply_to_number", "h(\"strong\", { text: num })"):
        assert visible in js, visible


def test_feedback_without_a_key():
    w = CommentLab(_fake_with(["A calm remark."]), store=False)
    w.moderate("c01", "keep", "R1")
    fb = w.feedback()
    assert fb.status == "no-key" and "no key" in fb.message and fb.items == ()
