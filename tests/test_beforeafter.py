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
    view = before_after(st.records(), pre=PRE, post=POST)
    assert view.answered == (1, 0)
    assert repr(view).startswith("Take the after check above first (items 1 to 2)")
    assert "because" not in repr(view) and "because" not in view._repr_html_()
    assert [r["before"] for r in view.rows()] == ["right", "not answered"]


def test_side_by_side_with_explanations():
    st = open_store("tester")
    for key, ans in (("pre.1", "B <b>"), ("pre.2", "B <b>"), ("post.1", "A"), ("post.2", "A")):
        st.put("quiz", case_id="rodong-2024", key=key, value={"answer": ans, "correct": None, "lesson": key[:3]})
    st.put("quiz", case_id="rodong-2024", key="post.2", value={"answer": "B <b>", "correct": True})  # changed mind
    view = before_after(st.records(), pre=PRE, post=POST)
    assert (view.before_score, view.after_score) == (1, 2)
    assert view.message() == "Before (lesson 00): 1 of 2 right. After (lesson 08): 2 of 2 right."
    assert view.rows() == [{"item": 1, "skill": "fact", "before": "not yet right", "after": "right"},
                           {"item": 2, "skill": "trope", "before": "right", "after": "right"}]
    text = repr(view)
    assert "1. fact: before not yet right, after right" in text and "   before: because B <script>" in text
    page = view._repr_html_()
    assert "<script>" not in page and "because B &lt;script&gt;" in page
    # an answer not yet right shows the right one and why, once; a right one shows no "The answer"
    assert view.pairs[0].before_answer == "The answer: A. Because A" and view.pairs[0].after_answer == ""
    assert "   The answer: A. Because A" in text and text.count("The answer:") == 1
    assert "<small>The answer: A. Because A</small>" in page and "text-align:left" in page


def test_exported_dicts_and_deletes_and_missing_items():
    recs = [{"kind": "quiz", "key": "post.1", "value": {"answer": "A"}, "op": "put"},
            {"kind": "quiz", "key": "post.1", "value": {}, "op": "delete"},
            {"kind": "quiz", "key": "post.2", "value": {"answer": "B <b>"}, "op": "put"},
            {"kind": "span", "key": "post.1", "value": {"answer": "A"}}]
    view = before_after(recs, pre=PRE, post=POST[1:])
    assert [(p.number, p.before, p.after) for p in view.pairs] == [(1, None, None), (2, None, True)]
    assert "Before (lesson 00): 0 of 2 right, 2 not answered." in view.message()


def test_the_course_checks_are_parallel():
    """Seven before items in lesson 00, seven after items in lesson 08, the same skill for
    each pair, all deferred, each with one right answer; the default view reads them."""
    from medialit.exercises import lesson_data
    from medialit.beforeafter import check_items
    pre, post = check_items("00", "pre."), check_items("08", "post.")
    assert [i["id"] for i in pre] == [f"pre.{n}" for n in range(1, 8)]
    assert [i["id"] for i in post] == [f"post.{n}" for n in range(1, 8)]
    assert [i["skill"] for i in pre] == [i["skill"] for i in post] and all(i["skill"] for i in pre)
    for lesson, items in (("00", pre), ("08", post)):
        data = lesson_data(lesson)
        for i in items:
            assert data.quizzes[i["id"]].deferred and sum(o["correct"] for o in i["options"]) == 1
    for a, b in zip(pre, post):                     # different material: another question, other examples
        texts = [{o["text"] for o in x["options"]} for x in (a, b)]
        assert a["prompt"] != b["prompt"] or not texts[0] & texts[1]
        right = [o["text"] for o in a["options"] if o["correct"]] + [o["text"] for o in b["options"] if o["correct"]]
        assert right[0] != right[1] or a["skill"].startswith("name a technique")
    st = open_store("tester")
    st.put("quiz", case_id="rodong-2024", key="post.7", value={"answer": post[6]["options"][0]["text"]})
    view = before_after(st.records())
    assert len(view.pairs) == 7 and view.pairs[6].after is post[6]["options"][0]["correct"]
    assert view.pairs[6].skill == "spot an antisemitic trope"


def test_the_check_items_repeat_no_listed_term():
    from medialit import safety
    from medialit.exercises import lessons_dir
    for name in ("00.toml", "07.toml", "08.toml"):
        assert safety.masked_ranges((lessons_dir() / name).read_text(encoding="utf-8")) == []
