"""SourceComparer in a real JupyterLab: framing per source by mouse and keyboard, notes,
the key, store, reload with a fresh kernel; hostile notes render literally."""
from __future__ import annotations

import json

import pytest

from conftest import SCREENSHOTS, kernel_eval
from ui_helpers import (UNNAMED_CONTROLS, XSS, no_injected_elements, notebook_cell_types, reload_with_fresh_kernel,
                        tall_screenshot, until_kernel, widget_cells)

pytestmark = pytest.mark.ui

STUDENT = "ui-sources"
NOTE = f"The UN votes. {XSS}"
ANSWERS = "print(json.dumps(w.answers_dict()))"
CELLS = widget_cells(STUDENT, "sources", "SourceComparer", "topic='sanctions'")


def test_sources_mouse_keyboard_store_reload(page, jupyterlab, notebook, open_notebook):
    path = notebook("sources.ipynb", CELLS)
    open_notebook(page, path)
    widget = page.locator(".ml-sc")
    widget.wait_for()
    types_before = notebook_cell_types(page)
    cols = page.locator(".ml-sc-col")
    assert cols.count() == 6
    # the record, the baseline to judge against, is shown before anything is marked
    assert "Russia and China voted for them" in page.locator(".ml-sc [data-testid=record]").text_content()
    assert "illegitimate unilateral restrictions" in cols.nth(0).text_content()
    assert "Sanctions" in page.locator(".ml-sc [data-testid=topic-title]").text_content()

    # --- mouse: source 1 is "omission"; source 4 "loaded framing"
    cols.nth(0).get_by_text("omission", exact=True).click()
    cols.nth(3).get_by_role("radio", name="loaded framing").click()
    # --- keyboard: source 2, focus "same facts" and Space; then ArrowDown moves to "omission"
    cols.nth(1).get_by_role("radio", name="same facts").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    # --- keyboard: a note with hostile text, Tab away
    page.get_by_role("textbox", name="What source 1 leaves out").focus()
    page.keyboard.type(NOTE)
    page.keyboard.press("Tab")
    want = {"sanctions-kremlin": {"framing": "omission", "left_out": NOTE},
            "sanctions-tass": {"framing": "omission", "left_out": ""},
            "sanctions-us": {"framing": "loaded framing", "left_out": ""}}
    assert until_kernel(page, ANSWERS, lambda v: v == want) == want
    assert notebook_cell_types(page) == types_before
    page.wait_for_function("() => document.querySelector('.ml-sc [data-testid=progress]').textContent === '3 of 6 sources marked'")

    # --- keyboard: show the key (Enter on the button); discussion points for contested sources
    page.get_by_role("button", name="Show the key for this topic").focus()
    page.keyboard.press("Enter")
    page.locator(".ml-sc-record").wait_for(state="visible")
    key = until_kernel(page, "print(json.dumps(w.key))", lambda v: bool(v))
    items = {i["source"]: i for i in key["items"]}
    assert "Discussion point" not in cols.nth(0).locator(".ml-sc-key").text_content()   # agrees with the key
    assert "You and the key agree: omission." in cols.nth(0).text_content()
    assert items["sanctions-tass"]["framing"] in cols.nth(1).locator(".ml-sc-key").text_content()
    assert key["record"] in page.locator(".ml-sc-record").text_content()

    # --- hostile note: literal in the textarea and nothing injected
    assert page.get_by_role("textbox", name="What source 1 leaves out").input_value() == NOTE
    assert no_injected_elements(widget)
    tall_screenshot(page, widget, "sources-key", SCREENSHOTS)

    # --- store: kernel and disk
    saved = json.loads(kernel_eval(page, "print(json.dumps({k: r.value for k, r in st.open_store()"
                                         ".latest('framing', case_id='rodong-2024', doc_id='sources').items()}))"))
    assert saved == {k: {"topic": "sanctions", **v} for k, v in want.items()}
    lines = [json.loads(x) for x in (jupyterlab.work / STUDENT / "work.jsonl").read_text().splitlines()]
    assert {r["kind"] for r in lines} == {"framing"}

    # --- switching topic by keyboard on the select shows other sources, switching back restores
    page.get_by_role("combobox", name="Topic to compare").select_option("2014")
    page.wait_for_function("() => document.querySelector('.ml-sc-col blockquote').textContent.includes('armed coup')")
    assert until_kernel(page, ANSWERS, lambda v: v == {}) == {}
    page.get_by_role("combobox", name="Topic to compare").select_option("sanctions")
    assert until_kernel(page, ANSWERS, lambda v: v == want) == want

    assert page.evaluate(UNNAMED_CONTROLS, ".ml-sc") == []
    tall_screenshot(page, widget, "sources", SCREENSHOTS)

    # --- reload, fresh kernel, run again: restored
    reload_with_fresh_kernel(page, jupyterlab, open_notebook, path)
    widget.wait_for()
    assert until_kernel(page, ANSWERS, lambda v: v == want) == want
    page.wait_for_function("() => document.querySelector('.ml-sc [data-testid=progress]').textContent === '3 of 6 sources marked'")
    assert page.get_by_role("textbox", name="What source 1 leaves out").input_value() == NOTE
    assert cols.nth(3).get_by_role("radio", name="loaded framing").is_checked()
    assert no_injected_elements(widget)
    tall_screenshot(page, widget, "sources-restored", SCREENSHOTS)
