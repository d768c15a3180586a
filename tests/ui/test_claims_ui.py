"""ClaimSorter in a real JupyterLab: mouse, keyboard, store, kernel restart and reload."""
from __future__ import annotations

import json

import pytest

from conftest import SCREENSHOTS, kernel_eval, screenshot
from ui_helpers import (UNNAMED_CONTROLS, XSS, no_injected_elements, notebook_cell_types, reload_with_fresh_kernel,
                        until_kernel, widget_cells)

pytestmark = pytest.mark.ui

STUDENT = "ui-claims"
CELLS = widget_cells(STUDENT, "claims", "ClaimSorter")


def answers(page, expected: dict | None = None) -> dict:
    """The kernel's view of the labels (waiting, if ``expected`` is given, until it arrives)."""
    want = None if expected is None else {str(k): v for k, v in expected.items()}
    got = until_kernel(page, "print(json.dumps(w.answers_dict()))", lambda v: want is None or v == want)
    return {int(k): v for k, v in got.items()}


def wait_progress(page, n: int) -> None:
    page.wait_for_function("n => (document.querySelector('.ml-claims [data-testid=progress]') || {}).textContent"
                           " === `${n} of 41 labelled`", arg=n)


def test_claims_mouse_keyboard_store_reload(page, jupyterlab, notebook, open_notebook):
    path = notebook("claims.ipynb", CELLS)
    open_notebook(page, path)
    widget = page.locator(".ml-claims")
    widget.wait_for()
    types_before = notebook_cell_types(page)
    assert "0 of 41 labelled" in widget.text_content()
    assert "Not saved" not in widget.text_content()

    # --- mouse: click "Fact" on sentence 1, then Next, then "Opinion"
    page.get_by_role("radio", name="Fact (key 1)").click()
    wait_progress(page, 1)
    page.get_by_role("button", name="Next sentence").click()
    page.wait_for_function("() => document.querySelector('.ml-claims-pos').textContent.startsWith('Sentence 2 of')")
    page.get_by_role("radio", name="Opinion (key 2)").click()
    wait_progress(page, 2)
    assert answers(page, {0: "fact", 1: "opinion"}) == {0: "fact", 1: "opinion"}
    assert page.get_by_role("radio", name="Opinion (key 2)").get_attribute("aria-checked") == "true"

    # --- keyboard: focus the widget; 3 labels sentence 2 (and moves on), arrows move, 5 labels
    widget.focus()
    page.keyboard.press("ArrowRight")           # sentence 3
    page.keyboard.press("3")                    # prediction, moves to sentence 4
    wait_progress(page, 3)
    page.keyboard.press("ArrowLeft")            # back to sentence 3
    page.keyboard.press("ArrowLeft")            # sentence 2
    page.keyboard.press("4")                    # call: overwrites sentence 2's label
    page.keyboard.press("5")                    # mixed on sentence 3
    page.wait_for_function("() => document.querySelector('.ml-claims-pos').textContent.startsWith('Sentence 4 of')")
    assert answers(page, {0: "fact", 1: "call", 2: "mixed"}) == {0: "fact", 1: "call", 2: "mixed"}
    # the keys did not reach JupyterLab (1-5 would turn the cell into a heading in command mode)
    assert notebook_cell_types(page) == types_before

    # --- keyboard: T switches to the table; a select there is keyboard-usable
    page.keyboard.press("t")
    table = page.get_by_role("table")
    table.wait_for()
    sel = page.get_by_role("combobox", name="Label for sentence 5")
    sel.focus()
    sel.select_option("prediction")             # what ArrowDown/Enter on a native select does
    wait_progress(page, 4)
    page.get_by_role("button", name="Card view").click()
    page.locator(".ml-claims-card").wait_for()

    # --- Check: agreement and kappa from medialit.scoring, rationale only for labelled sentences
    page.get_by_role("button", name="Check my labels against the key").click()
    fb = page.locator(".ml-claims [data-testid=feedback]")
    fb.wait_for()
    assert "Cohen's kappa" in fb.text_content()
    py = until_kernel(page, "print(json.dumps(w.feedback))", lambda v: len(v.get("items", [])) == 4)
    assert py["status"] == "ok" and sorted(i["sentence"] for i in py["items"]) == [0, 1, 2, 4]

    # --- store: in the kernel and on disk
    saved = json.loads(kernel_eval(page, "print(json.dumps({k: r.value for k, r in st.open_store()"
                                         ".latest('sentence_label', case_id='rodong-2024').items()}))"))
    assert saved == {"0": {"label": "fact"}, "1": {"label": "call"}, "2": {"label": "mixed"}, "4": {"label": "prediction"}}
    lines = [json.loads(x) for x in (jupyterlab.work / STUDENT / "work.jsonl").read_text().splitlines()]
    assert {r["kind"] for r in lines} == {"sentence_label"} and {r["op"] for r in lines} == {"put"}
    last = {r["key"]: r["value"]["label"] for r in lines}     # later lines win (edits may be coalesced
    assert last == {"0": "fact", "1": "call", "2": "mixed", "4": "prediction"}   # by ipywidgets' buffering)

    assert page.evaluate(UNNAMED_CONTROLS, ".ml-claims") == []
    screenshot(widget, "claims", SCREENSHOTS)

    # --- hostile text in the data (as another case could hold) renders literally, nothing runs
    kernel_eval(page, f"w.sentences = [dict(s, text={XSS!r}) for s in w.sentences]")
    page.wait_for_function("x => document.querySelector('.ml-claims [data-testid=sentence-text]').textContent === x", arg=XSS)
    assert no_injected_elements(widget)

    # --- reload the page, restart the kernel, run again: restored
    reload_with_fresh_kernel(page, jupyterlab, open_notebook, path)
    widget.wait_for()
    wait_progress(page, 4)
    assert answers(page, {0: "fact", 1: "call", 2: "mixed", 4: "prediction"}) == {0: "fact", 1: "call", 2: "mixed", 4: "prediction"}
    assert "Sentence 4 of 41" in widget.text_content()      # the first unlabelled sentence
    widget.focus()
    page.keyboard.press("ArrowLeft")
    assert page.get_by_role("radio", name="Mixed (key 5)").get_attribute("aria-checked") == "true"
    screenshot(widget, "claims-restored", SCREENSHOTS)
