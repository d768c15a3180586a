"""ProgressPanel in a real JupyterLab: exercises done, refresh by keyboard, export and the
download link, reload."""
from __future__ import annotations

import json

import pytest

from conftest import SCREENSHOTS, kernel_eval, screenshot

pytestmark = pytest.mark.ui

CELLS = [
    "import json\nimport medialit.store as st\nstore = st.set_student('ui-progress')\n"
    "store.put('quiz', case_id='rodong-2024', doc_id='', key='1.1', value={'answer': 'x', 'correct': False})\n"
    "from medialit.widgets import ProgressPanel",
    "panel = ProgressPanel()\npanel",
]


def row_status(page, lesson: str) -> str:
    return page.locator(f".ml-progress-row[data-lesson='{lesson}'] .ml-progress-status").text_content()


def test_progress_panel_keyboard_export_download_reload(page, jupyterlab, notebook, open_notebook, tmp_path):
    path = notebook("progress.ipynb", CELLS)
    open_notebook(page, path)
    panel = page.locator("[data-testid=progress-panel]")
    panel.wait_for()
    assert row_status(page, "01") == "1 of 5 exercises done"
    assert "Still to do: 1.2" in panel.locator(".ml-progress-row[data-lesson='01']").text_content()
    assert row_status(page, "03") == "0 of 5 exercises done"

    # keyboard: work saved elsewhere appears after Refresh (Enter)
    kernel_eval(page, "store.put('quiz', case_id='rodong-2024', doc_id='', key='3.5', value={'answer': 'x', 'correct': True})")
    page.get_by_role("button", name="Refresh progress").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector(\".ml-progress-row[data-lesson='03'] .ml-progress-status\")"
                           ".textContent.startsWith('1 of 5')")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Refresh progress"

    # keyboard: export with Space; the link downloads the file
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Export my work to a file"
    page.keyboard.press("Space")
    link = panel.locator("a.ml-download")
    link.wait_for()
    shown = panel.locator(".ml-progress-export code").text_content()
    assert shown == kernel_eval(page, "print(panel.export_path)").strip()
    with page.expect_download() as info:
        link.focus()
        page.keyboard.press("Enter")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    from medialit.store import load_export
    doc = load_export(saved)
    assert doc["student"] == "ui-progress" and saved.name == shown.rsplit("/", 1)[-1]
    assert {r["key"] for r in doc["records"]} == {"1.1", "3.5", "export"}
    assert row_status(page, "00") == "1 of 5 exercises done"          # 0.2: exported once
    screenshot(panel, "progress", SCREENSHOTS)

    # reload and run again: restored from the store
    open_notebook(page, path)
    panel.wait_for()
    assert row_status(page, "03") == "1 of 5 exercises done"
