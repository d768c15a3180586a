"""Lessons 07 and 08 in JupyterLab in Chromium: both run clean, lesson 08's report link
downloads the report, and lesson 07's moderation
flow works by keyboard alone: jump to a comment with J, tick a label with Tab and Space, pick
the decision with the arrow keys, name the rule by typing it; then the feedback cell is selected
(with a click on its prompt: JupyterLab's command mode is not part of the widget) and run with
Shift+Enter, and says what the key says about exactly the comments worked on.

No hateful text is written here: listed terms are read from medialit.safety at run time."""
from __future__ import annotations

import pytest

from conftest import serve_lessons
from jlab import kernel_eval, screenshot
from medialit import safety
from ui_helpers import run_lesson_clean, until_kernel, widgets_rendered

NAMES = ["07-the-comment-section", "08-your-own-analysis"]
STATE = ("import json; print(json.dumps({'labels': lab.labels_dict(), 'moderation': lab.moderation_dict()}))")


served = serve_lessons(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_lesson_runs_clean(page, open_notebook, served, name):
    run_lesson_clean(page, open_notebook, name)
    assert not safety.masked_ranges(page.locator(".jp-Notebook").text_content())
    screenshot(page, f"lesson-{name}")


def _focused_comment(page) -> str | None:
    return page.evaluate("() => { const a = document.activeElement && document.activeElement.closest('.ml-cl-comment');"
                         " return a ? a.dataset.comment : null; }")


def _moderate_by_keyboard(page, cid: str, label: str, decision_steps: int, rule: str) -> None:
    """From the focused comment, jump with J to ``cid``, tick ``label``, move the decision
    radio ``decision_steps`` to the right of 'keep', and type the rule."""
    for _ in range(20):
        if _focused_comment(page) == cid:
            break
        page.keyboard.press("j")
    assert _focused_comment(page) == cid
    for _ in range(30):                                    # Tab to the label's checkbox
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type === 'checkbox' && "
                         f"document.activeElement.value === {label!r}"):
            break
    page.keyboard.press("Space")
    for _ in range(30):                                    # on to the decision radios
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type === 'radio'"):
            break
    page.keyboard.press("Space")                           # keep
    for _ in range(decision_steps):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")                             # the rule
    assert page.evaluate("() => document.activeElement.tagName") == "SELECT"
    page.keyboard.type(rule)


def test_lesson07_moderation_by_keyboard(page, open_notebook, served):
    open_notebook(page, "07-the-comment-section.ipynb")
    widgets_rendered(page)
    lab = page.locator(".ml-cl").first
    lab.wait_for()
    assert "Content note" in lab.text_content() and not safety.masked_ranges(lab.text_content())
    lab.locator(".ml-cl-comment[data-comment='c01']").focus()      # the only pointer-free way in: focus
    _moderate_by_keyboard(page, "c07", "antisemitic trope", 3, "R2")  # keep, label, hide, remove
    lab.locator(".ml-cl-comment[data-comment='c07']").focus()
    _moderate_by_keyboard(page, "c09", "trolling", 2, "R8")        # hide
    want = {"labels": {"c07": ["antisemitic trope"], "c09": ["trolling"]},
            "moderation": {"c07": {"decision": "remove", "rule": "R2"}, "c09": {"decision": "hide", "rule": "R8"}}}
    assert until_kernel(page, STATE, lambda v: v == want) == want
    assert "2 of 15 labelled, 2 of 15 moderated" in lab.text_content()

    # run the feedback cell from the keyboard: select the cell, then Shift+Enter
    cell = page.locator(".jp-CodeCell").filter(has_text="lab.feedback()").first
    cell.locator(".jp-InputPrompt").click()
    page.keyboard.press("Shift+Enter")
    page.wait_for_function("""() => [...document.querySelectorAll('.jp-CodeCell')]
        .some(c => c.textContent.includes('lab.feedback()') && c.textContent.includes('Comment 9'))""", timeout=30_000)
    out = cell.locator(".jp-OutputArea").text_content()
    assert "Comment 7" in out and "Decision: remove under R2; the key agrees." in out
    assert "Decision: hide under R8; the key agrees." in out
    assert "Comment 5" not in out                                   # untouched comments stay hidden
    assert not safety.masked_ranges(out)
    screenshot(page, "lesson-07-keyboard")


def test_lesson08_report_downloads(page, open_notebook, served, tmp_path):
    """The report link of lesson 08 downloads the report the lesson wrote."""
    open_notebook(page, "08-your-own-analysis.ipynb")
    widgets_rendered(page)
    link = page.locator("[data-testid=report-link] a.ml-download")
    link.wait_for(timeout=30_000)
    student = kernel_eval(page, "print(lesson.student)").strip()   # other tests may have chosen one
    assert link.text_content() == f"Download {student}-rodong-2024-lesson-08.analysis.html"   # lesson 08's own work
    with page.expect_download() as info:
        link.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<script" not in text
    assert "Analysis: <bdi>Russia and the DPRK" in text and not safety.masked_ranges(text)
