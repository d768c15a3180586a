"""ProgressPanel in a real JupyterLab: mouse and keyboard, store, export, reload."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SCREENSHOTS, kernel_eval, screenshot

pytestmark = pytest.mark.ui

CELLS = [
    "import json\nimport medialit.store as st\nstore = st.set_student('ui-progress')\n"
    "store.put('sentence_label', case_id='rodong-2024', doc_id='', key='1', value={'label': 'fact'})\n"
    "from medialit.widgets import ProgressPanel",
    "panel = ProgressPanel(lesson='04')\npanel",
]


def row_status(page, lesson: str) -> str:
    return page.locator(f".ml-progress-row[data-lesson='{lesson}'] .ml-progress-status").text_content()


def test_progress_panel_mouse_keyboard_export_reload(page, jupyterlab, notebook, open_notebook):
    path = notebook("progress.ipynb", CELLS)
    open_notebook(page, path)
    panel = page.locator("[data-testid=progress-panel]")
    panel.wait_for()
    assert row_status(page, "02").startswith("Started (1 item saved)")
    assert row_status(page, "04") == "Not started"

    # mouse: tick "I have finished lesson 04"
    page.get_by_role("checkbox", name="I have finished lesson 04").check()
    page.wait_for_function("() => document.querySelector(\".ml-progress-row[data-lesson='04']\")"
                           ".classList.contains('ml-status-done')")
    assert json.loads(kernel_eval(page, "print(json.dumps(panel.done))")) == ["04"]
    assert page.get_by_role("progressbar", name="Lessons done: 1 of 9").count() == 1

    # keyboard: work saved elsewhere appears after Refresh (Enter), export with Space
    kernel_eval(page, "store.put('verdict', case_id='rodong-2024', doc_id='', key='f1', value={'verdict': 'accurate'})")
    page.get_by_role("button", name="Refresh progress").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector(\".ml-progress-row[data-lesson='03']\")"
                           ".classList.contains('ml-status-started')")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Refresh progress"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Export my work to a file"
    page.keyboard.press("Space")
    page.locator(".ml-progress-export code").wait_for()
    shown = page.locator(".ml-progress-export code").text_content()
    assert shown == kernel_eval(page, "print(panel.export_path)").strip()
    exported = json.loads(Path(shown).read_text(encoding="utf-8"))
    assert exported["student"] == "ui-progress"
    assert Path(shown).is_relative_to(jupyterlab.work)
    # the done record is in the student's work file
    lines = [json.loads(x) for x in (jupyterlab.work / "ui-progress" / "work.jsonl").read_text().splitlines()]
    assert any(r["kind"] == "progress" and r["key"] == "04:done" and r["op"] == "put" for r in lines)
    screenshot(panel, "progress", SCREENSHOTS)

    # keyboard: untick and tick again with Space
    page.get_by_role("checkbox", name="I have finished lesson 04").focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => !document.querySelector(\".ml-progress-row[data-lesson='04']\")"
                           ".classList.contains('ml-status-done')")
    page.get_by_role("checkbox", name="I have finished lesson 04").focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector(\".ml-progress-row[data-lesson='04']\")"
                           ".classList.contains('ml-status-done')")

    # reload and run again: restored from the store
    open_notebook(page, path)
    panel.wait_for()
    assert row_status(page, "04") == "Done"
    assert page.get_by_role("checkbox", name="I have finished lesson 04").is_checked()
    assert row_status(page, "03").startswith("Started")
