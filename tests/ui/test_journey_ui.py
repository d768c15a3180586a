"""A student's journey through lessons 00-04 in JupyterLab in Chromium (issue 8, "Done when").

Run All first, touching nothing: no key content anywhere in the page text, and every exercise
0 done. Then one exercise per lesson, answered the way a student would (a pseudonym typed in
lesson 00, a quiz clicked in 01, every sentence sorted by keyboard in 02, a verdict with a
justification in 03, a span marked by keyboard in 04): progress shows exactly those. Last,
the export is downloaded through the progress panel's link and validates."""
from __future__ import annotations

import json
import re
from functools import partial

import pytest

import jlab
import ui_helpers
from conftest import LESSONS_00_04 as LESSONS, private_lab
from jlab import kernel_eval, screenshot
from ui_helpers import until_kernel

STUDENT = "journey-student"
PROGRESS = ("from medialit import exercises, store; import json; "
            "print(json.dumps({r['lesson']: [e['id'] for e in r['exercises'] if e['done']] "
            "for r in exercises.lesson_progress(store.open_store().records())}))")


lab = private_lab("journey", LESSONS)
open_lesson = partial(ui_helpers.open_lesson, prefix="journey")


@pytest.fixture
def journey_page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "favicon" not in m.text else None)
    yield page
    context.close()
    assert not errors, errors


def page_text(page) -> str:
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.node.innerText")


def held_back(needles: dict) -> dict:
    """Explanations and rationales: never on the page before the attempt. (A quiz's right answer
    is one of its options, so it is on the page; the notebook-file scan covers it.)"""
    return {n: w for n, w in needles.items() if not w.endswith(" answer")}


def run_cell_with_source(page, index: int, source: str) -> None:
    page.evaluate("""([i, src]) => {
        const nb = window.jupyterapp.shell.currentWidget.content;
        nb.widgets[i].model.sharedModel.setSource(src); }""", [index, source])


def cell_index(page, startswith: str) -> int:
    return page.evaluate("""s => window.jupyterapp.shell.currentWidget.content.widgets
        .findIndex(c => c.model.sharedModel.getSource().startsWith(s))""", startswith)


def test_run_all_shows_nothing_then_one_exercise_per_lesson_then_hand_in(journey_page, lab, tmp_path):
    from medialit import keyscan
    page, n = journey_page, [0]
    needles = held_back(keyscan.key_strings())

    # --- Run All on every lesson, touching nothing
    for name in LESSONS:
        open_lesson(page, lab, name, n)
        text = keyscan.normalise(page_text(page))
        found = [where for needle, where in needles.items() if needle in text]
        assert found == [], f"{name} shows key content before any attempt: {found[:3]}"
    assert json.loads(kernel_eval(page, "from medialit import store; import json; print(json.dumps("
                                        "store.current_student()))")) == "guest"
    done = json.loads(kernel_eval(page, PROGRESS))
    assert all(v == [] for v in done.values()), done

    # --- 00: type a pseudonym into the cell, run it and the feedback cell
    open_lesson(page, lab, "00-start-here", n)
    i = cell_index(page, "PSEUDONYM =")
    run_cell_with_source(page, i, f'PSEUDONYM = "{STUDENT}"')
    page.evaluate("""i => { const p = window.jupyterapp.shell.currentWidget; p.content.activeCellIndex = i;
        return window.jupyterapp.commands.execute('notebook:run-cell-and-select-next'); }""", i)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-cell-and-select-next')")
    jlab.wait_kernel_idle(page)
    page.get_by_text(f"Hello, {STUDENT}.").wait_for()

    # --- 01: the quiz by mouse
    open_lesson(page, lab, "01-who-is-speaking", n)
    quiz = page.locator("[data-testid=quiz]").first
    quiz.locator(".ml-quiz-option").nth(1).click()
    quiz.get_by_role("button", name="Check my answer").click()
    quiz.locator(".ml-quiz-feedback p").first.wait_for()
    assert "Not quite" in quiz.locator(".ml-quiz-feedback").text_content()

    # --- 02: every sentence by keyboard
    open_lesson(page, lab, "02-claims-and-opinions", n)
    sorter = page.locator(".ml-claims").first
    sorter.focus()
    for _ in range(41):
        page.keyboard.press("2")
    until_kernel(page, "import json; print(json.dumps(len(sorter.answers_dict())))", lambda v: v == 41)

    # --- 03: a verdict with a justification in Exercise 3.1
    open_lesson(page, lab, "03-checking-the-history", n)
    desk = page.locator(".ml-fc").first
    desk.get_by_role("radio", name=re.compile(r"^accurate\b")).click()
    just = desk.get_by_role("textbox", name="Justification (cite cards with the Cite boxes)")
    just.click()
    page.keyboard.type("The library's card on October 1948 says the USSR recognised the DPRK first.")
    page.keyboard.press("Tab")

    # --- 04: a span by keyboard in paragraph 8
    open_lesson(page, lab, "04-loaded-language", n)
    widget = page.locator("[data-testid=span-highlighter]").first
    widget.locator("[tabindex='0']").first.focus()
    for key in ("ArrowRight", "Shift+ArrowRight", "Shift+ArrowRight", "1"):
        page.keyboard.press(key)
    until_kernel(page, "import json; print(json.dumps(len(marker.spans)))", lambda v: v >= 1)

    expected = {"00": ["0.1"], "01": ["1.1"], "02": ["2.1"], "03": ["3.1"], "04": ["4.1"],
                "05": [], "06": [], "07": [], "08": []}
    got = until_kernel(page, PROGRESS, lambda v: v == expected)
    assert got == expected

    # --- 00 again: the progress panel shows exactly that; export and download through the link
    open_lesson(page, lab, "00-start-here", n)
    panel = page.locator("[data-testid=progress-panel]")
    for lesson, ids in expected.items():
        if lesson > "04":
            continue
        status = panel.locator(f".ml-progress-row[data-lesson='{lesson}'] .ml-progress-status").text_content()
        assert status.startswith(f"{len(ids)} of "), (lesson, status)
    panel.get_by_role("button", name="Export my work to a file").click()
    link = panel.locator("a.ml-download")
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.startswith(f"{STUDENT}-") and \
        download.suggested_filename.endswith(".medialit-work.json")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    from medialit.store import load_export
    doc = load_export(saved)
    assert doc["student"] == STUDENT
    kinds = {r["kind"] for r in doc["records"]}
    assert {"quiz", "sentence_label", "verdict", "span", "progress"} <= kinds
    assert panel.locator(".ml-progress-row[data-lesson='00'] .ml-progress-status").text_content().startswith("2 of ")
    screenshot(panel, "journey-progress")
