"""The before and after check side by side: pairing, correctness from the items' options,
nothing of the answers shown before the after check, and escaped HTML."""
from __future__ import annotations

from medialit.beforeafter import before_after
from medialit.store import open_store


def _item(qid, skill, right="A", why="because"):
    return {"id": qid, "skill": skill, "deferred": True, "prompt": "?",
            "option": [{"text": "A", "correct": right == "A", "why": f"{why} A"},
                       {"text": "B <b>", "correct": right == "B", "why": f"{why} B <script>"}]}


PRE = [_item("pre.1", "fact"), _item("pre.2", "trope", right="B")]
POST = [_item("post.1", "fact"), _item("post.2", "trope", right="B")]


def test_nothing_shown_before_the_after_check():
    st = open_store("tester")
    st.put("quiz", case_id="rodong-2024", key="pre.1", value={"answer": "A", "correct": True, "lesson": "00"})
    view = before_after(PRE, POST, st.records())
    assert view.answered == (1, 0)
    assert repr(view).startswith("Take the after check above first (items 1 to 2)")
    assert "because" not in repr(view) and "because" not in view._repr_html_()
    assert [r["before"] for r in view.rows()] == ["right", "not answered"]


def test_side_by_side_with_explanations():
    st = open_store("tester")
    for key, ans in (("pre.1", "B <b>"), ("pre.2", "B <b>"), ("post.1", "A"), ("post.2", "A")):
        st.put("quiz", case_id="rodong-2024", key=key, value={"answer": ans, "correct": None, "lesson": key[:3]})
    st.put("quiz", case_id="rodong-2024", key="post.2", value={"answer": "B <b>", "correct": True})  # changed mind
    view = before_after(PRE, POST, st.records())
    assert (view.before_score, view.after_score) == (1, 2)
    assert view.message() == "Before (lesson 00): 1 of 2 right. After (lesson 08): 2 of 2 right."
    assert view.rows() == [{"item": 1, "skill": "fact", "before": "not yet right", "after": "right"},
                           {"item": 2, "skill": "trope", "before": "right", "after": "right"}]
    text = repr(view)
    assert "1. fact: before not yet right, after right" in text and "   before: because B <script>" in text
    page = view._repr_html_()
    assert "<script>" not in page and "because B &lt;script&gt;" in page


def test_exported_dicts_and_deletes_and_missing_items():
    recs = [{"kind": "quiz", "key": "post.1", "value": {"answer": "A"}, "op": "put"},
            {"kind": "quiz", "key": "post.1", "value": {}, "op": "delete"},
            {"kind": "quiz", "key": "post.2", "value": {"answer": "B <b>"}, "op": "put"},
            {"kind": "span", "key": "post.1", "value": {"answer": "A"}}]
    view = before_after(PRE, POST[1:], recs)
    assert [(p.number, p.before, p.after) for p in view.pairs] == [(1, None, None), (2, None, True)]
    assert "Before (lesson 00): 0 of 2 right, 2 not answered." in view.message()
