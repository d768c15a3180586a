"""CommentLab in a real JupyterLab: masked by default, deliberate reveal, thread drawing,
labels and moderation by mouse and keyboard, store, reload with a fresh kernel.

No hateful text is written here: listed terms are read from medialit.safety at run time."""
from __future__ import annotations

import json
import time

import pytest

from conftest import SCREENSHOTS, kernel_eval
import medialit
from medialit import safety
from medialit.comment_feedback import comment_number, content_note
from ui_helpers import (UNNAMED_CONTROLS, XSS, no_injected_elements, notebook_cell_types, reload_with_fresh_kernel,
                        tall_screenshot, until_kernel, widget_cells)

pytestmark = pytest.mark.ui

STUDENT = "ui-comments"
STATE = "print(json.dumps({'labels': w.labels_dict(), 'moderation': w.moderation_dict()}))"
CELLS = widget_cells(STUDENT, "comments", "CommentLab")


def comment(page, cid: str):
    return page.locator(f".ml-cl-comment[data-comment='{cid}']")


def shows_listed_terms(widget) -> bool:
    return bool(safety.masked_ranges(widget.text_content()))


def wait_terms_shown(widget, shown: bool, timeout: float = 15.0) -> bool:
    """Wait until the kernel's re-masked (or revealed) comments have reached the page."""
    deadline = time.monotonic() + timeout
    while shows_listed_terms(widget) != shown and time.monotonic() < deadline:
        time.sleep(0.1)
    return shows_listed_terms(widget) == shown


def test_comments_mouse_keyboard_store_reload(page, jupyterlab, notebook, open_notebook):
    path = notebook("comments.ipynb", CELLS)
    open_notebook(page, path)
    widget = page.locator(".ml-cl")
    widget.wait_for()
    types_before = notebook_cell_types(page)
    assert page.locator(".ml-cl-comment").count() == 15

    # --- masked by default; the content note and the labelled reveal toggle are there
    assert not shows_listed_terms(widget)
    assert content_note(medialit.load_case()) in widget.text_content()       # the case's own note
    reveal = page.get_by_role("checkbox", name=safety.REVEAL_LABEL)
    assert not reveal.is_checked()
    assert "Masked words are hidden." in widget.text_content()
    assert page.locator(".ml-cl-maskflag").count() >= 1

    # --- the thread: inferred replies are indented under what they answer, with the reason
    reply = json.loads(kernel_eval(page, "print(json.dumps(next(c for c in w.comments if c['reply_to'])))"))
    box = comment(page, reply["comment_id"])
    assert f"replies to {comment_number(reply['reply_to'])} because it" in box.text_content()   # as students count
    assert reply["reply_to"] not in box.text_content()
    indent = box.evaluate("e => parseFloat(getComputedStyle(e).marginLeft)")
    parent_indent = comment(page, reply["reply_to"]).evaluate("e => parseFloat(getComputedStyle(e).marginLeft)")
    assert indent > parent_indent

    # --- mouse: c01 labels and a decision with its rule
    c01 = comment(page, "c01")
    c01.get_by_text("Sarcasm", exact=True).click()
    c01.get_by_role("checkbox", name="Insult", exact=True).click()
    c01.get_by_role("radio", name="remove").click()
    assert "Name the rule" in c01.locator(".ml-cl-problems").text_content() or until_kernel(
        page, "print(json.dumps(w.notes))", lambda v: bool(v))
    page.wait_for_function("() => document.querySelector(\".ml-cl-comment[data-comment='c01'] .ml-cl-problems\").textContent.includes('Name the rule')")
    c01.get_by_role("combobox", name="Rule of the policy for Comment 1").select_option("R5")
    page.wait_for_function("() => document.querySelector(\".ml-cl-comment[data-comment='c01'] .ml-cl-problems\").textContent === ''")

    # --- keyboard: J jumps to the next comment in the thread; Tab to its first label; Space
    c01.get_by_role("checkbox", name="Constructive").focus()
    page.keyboard.press("j")
    second = page.evaluate("() => document.activeElement.dataset.comment")
    assert second and second != "c01"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")                                    # Constructive
    # decision by arrow keys in the radio group: keep -> label
    comment(page, second).get_by_role("radio", name="keep").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    rule = comment(page, second).get_by_role("combobox", name=f"Rule of the policy for {comment_number(second).capitalize()}")
    rule.focus()
    rule.select_option("R4")
    page.keyboard.press("k")                                        # back to the previous comment
    assert page.evaluate("() => document.activeElement.dataset.comment") == "c01"
    want = {"labels": {"c01": ["sarcasm", "insult"], second: ["constructive"]},
            "moderation": {"c01": {"decision": "remove", "rule": "R5"}, second: {"decision": "label", "rule": "R4"}}}
    assert until_kernel(page, STATE, lambda v: v == want) == want
    assert notebook_cell_types(page) == types_before                # j, k, space never reached JupyterLab
    assert "2 of 15 labelled, 2 of 15 moderated" in widget.text_content()

    # --- reveal is deliberate and reversible
    reveal.check()
    page.wait_for_function("() => document.querySelector('.ml-cl [data-testid=reveal-state]').textContent === 'Masked words are shown.'")
    assert wait_terms_shown(widget, True)
    reveal.uncheck()
    page.wait_for_function("() => document.querySelector('.ml-cl [data-testid=reveal-state]').textContent === 'Masked words are hidden.'")
    assert wait_terms_shown(widget, False)
    assert until_kernel(page, STATE, lambda v: v == want) == want   # revealing kept the work
    assert no_injected_elements(widget)

    # --- store: kernel and disk (and the file never copies a comment's wording)
    saved = json.loads(kernel_eval(page, "s = st.open_store(); print(json.dumps({k: {c: r.value for c, r in "
                                         "s.latest(k, case_id='rodong-2024').items()} for k in ('comment_label', 'moderation')}))"))
    assert saved == {"comment_label": {c: {"labels": v} for c, v in want["labels"].items()},
                     "moderation": want["moderation"]}
    raw = (jupyterlab.work / STUDENT / "work.jsonl").read_text(encoding="utf-8")
    assert not safety.masked_ranges(raw)

    assert page.evaluate(UNNAMED_CONTROLS, ".ml-cl") == []
    assert "null" not in comment(page, "c01").inner_text().splitlines()     # no stray "null" nodes
    tall_screenshot(page, widget, "comments", SCREENSHOTS, height=4000)

    # --- hostile text in the data (as another case could hold) renders literally
    kernel_eval(page, f"w.comments = [dict(w.comments[0], text={XSS!r}, author={XSS!r})] + w.comments[1:]")
    page.wait_for_function("x => document.querySelector('.ml-cl-comment .ml-cl-text').textContent === x", arg=XSS)
    assert XSS in comment(page, "c01").text_content() and no_injected_elements(widget)

    # --- reload, fresh kernel, run again: restored, and masked again by default
    reload_with_fresh_kernel(page, jupyterlab, open_notebook, path)
    widget.wait_for()
    assert until_kernel(page, STATE, lambda v: v == want) == want
    page.wait_for_function("() => document.querySelector('.ml-cl [data-testid=progress]').textContent === '2 of 15 labelled, 2 of 15 moderated'")
    assert comment(page, "c01").get_by_role("checkbox", name="Sarcasm").is_checked()
    assert comment(page, second).get_by_role("radio", name="label").is_checked()
    assert comment(page, second).get_by_role("combobox", name=f"Rule of the policy for {comment_number(second).capitalize()}").input_value() == "R4"
    assert not page.get_by_role("checkbox", name=safety.REVEAL_LABEL).is_checked()
    assert not shows_listed_terms(widget)
    tall_screenshot(page, widget, "comments-restored", SCREENSHOTS, height=4000)
