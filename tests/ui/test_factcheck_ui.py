"""FactCheckDesk in a real JupyterLab: search, cite, verdict, justification, reveal; mouse and
keyboard; store; reload with a fresh kernel; hostile text renders literally."""
from __future__ import annotations

import json

import pytest

from conftest import SCREENSHOTS, kernel_eval
from ui_helpers import (UNNAMED_CONTROLS, XSS, XSS_IMG, XSS_SCRIPT, no_injected_elements, notebook_cell_types,
                        reload_with_fresh_kernel, tall_screenshot, until_kernel, widget_cells)

pytestmark = pytest.mark.ui

STUDENT = "ui-fc"
CLAIM = "fc-01"
JUSTIFICATION = f"The 1949 agreement card shows it. {XSS}"
STATE = "print(json.dumps({'verdict': w.verdict, 'justification': w.justification, 'cited': w.cited}))"
CELLS = widget_cells(STUDENT, "factcheck", "FactCheckDesk", f"claim_id={CLAIM!r}")


def test_factcheck_mouse_keyboard_store_reload(page, jupyterlab, notebook, open_notebook):
    path = notebook("factcheck.ipynb", CELLS)
    open_notebook(page, path)
    widget = page.locator(".ml-fc")
    widget.wait_for()
    types_before = notebook_cell_types(page)
    n_cards = int(kernel_eval(page, "print(len(w.cards))"))
    # no query: the library is counted, not listed, so the verdict is close to the search box
    assert page.locator(".ml-fc-card").count() == 0
    assert f"{n_cards} cards in the library" in page.locator(".ml-fc [data-testid=result-count]").text_content()
    claim = kernel_eval(page, "print(w.claims[[c['id'] for c in w.claims].index(w.claim_id)]['claim'])").strip()
    assert page.locator(".ml-fc [data-testid=claim]").text_content() == claim

    # --- keyboard: type a query; the list narrows (ranked in Python)
    search = page.get_by_role("searchbox", name="Search the evidence library")
    search.click()
    page.keyboard.type("1949 agreement")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.ml-fc-card').length > 0")
    first_id = page.locator(".ml-fc-card").first.get_attribute("data-card")
    ranked = json.loads(kernel_eval(page, "print(json.dumps([c['id'] for c in w.results]))"))
    assert ranked[0] == first_id and "1949" in page.locator(".ml-fc-card").first.text_content()
    assert page.locator(".ml-fc-card").count() == len(ranked) <= 6
    # each card shows its status and, where it has one, its quote
    statuses = page.locator(".ml-fc-card [data-testid=card-status]").all_text_contents()
    assert len(statuses) == len(ranked) and set(statuses) <= {"Verified", "Secondary"}
    quotes = json.loads(kernel_eval(page, "print(json.dumps([c['quote'] for c in w.results if c['quote']]))"))
    shown = page.locator(".ml-fc-card [data-testid=card-quote]").all_text_contents()
    assert [q.strip("\u201c\u201d") for q in shown] == quotes
    # tab stops from the search box to the first verdict: the listed cards, not the library
    search.focus()
    stops = 0
    while page.evaluate("() => document.activeElement.type") != "radio" and stops < 40:
        page.keyboard.press("Tab")
        stops += 1
    assert stops <= 2 * len(ranked) + 2, stops

    # --- mouse: cite the first card, choose a verdict
    page.locator(".ml-fc-card").first.get_by_role("checkbox").click()
    page.get_by_role("radio", name="misleading by omission").click()
    # --- keyboard: arrow to the previous verdict (native radio group), space cites the second card
    page.get_by_role("radio", name="misleading by omission").press("ArrowUp")
    second = page.locator(".ml-fc-card").nth(1)
    second_id = second.get_attribute("data-card")
    second.get_by_role("checkbox").focus()
    page.keyboard.press("Space")
    page.wait_for_function("id => document.querySelector(`.ml-fc-card[data-card='${id}']`).classList.contains('ml-cited')",
                           arg=second_id)
    # the redraw kept the focus on the box that was pressed
    assert page.evaluate("() => document.activeElement.dataset.card") == second_id
    # --- keyboard: the justification, with hostile text, typed
    just = page.get_by_role("textbox", name="Justification (cite cards with the Cite boxes)")
    just.focus()
    page.keyboard.type(JUSTIFICATION)
    page.keyboard.press("Tab")                                     # blur sends at once
    state = until_kernel(page, STATE, lambda v: v["justification"] == JUSTIFICATION and len(v["cited"]) == 2)
    assert state == {"verdict": "accurate", "justification": JUSTIFICATION, "cited": [first_id, second_id]}
    assert notebook_cell_types(page) == types_before             # no key reached JupyterLab
    assert page.locator(".ml-fc-cited li").count() == 2

    # --- keyboard: reveal the key with Enter
    page.get_by_role("button", name="Reveal the key").focus()
    page.keyboard.press("Enter")
    key = page.locator(".ml-fc [data-testid=key]")
    key.wait_for()
    py_key = until_kernel(page, "print(json.dumps(w.key))", lambda v: bool(v))
    assert py_key["verdict"] in key.text_content() and "What is established" in key.text_content()
    assert py_key["established"] in key.text_content()

    # --- hostile text renders literally and nothing runs
    assert just.input_value() == JUSTIFICATION
    kernel_eval(page, f"w.results = [dict(w.results[0], title={XSS!r}, summary={XSS!r}, url='javascript:alert(1)')]")
    page.wait_for_function("x => document.querySelector('.ml-fc-card h4').textContent === x", arg=XSS)
    card = page.locator(".ml-fc-card").first
    assert XSS_IMG in card.text_content() and XSS_SCRIPT in card.text_content()
    assert card.locator("a").count() == 0                          # a javascript: address is shown, not linked
    assert no_injected_elements(widget)

    # --- the store holds it (kernel and disk)
    saved = json.loads(kernel_eval(page, "print(json.dumps(st.open_store().latest('verdict', case_id='rodong-2024')"
                                         f"[{CLAIM!r}].value))"))
    assert saved == state
    lines = [json.loads(x) for x in (jupyterlab.work / STUDENT / "work.jsonl").read_text().splitlines()]
    assert lines[-1]["value"] == state and {r["kind"] for r in lines} == {"verdict"}

    assert page.evaluate(UNNAMED_CONTROLS, ".ml-fc") == []
    kernel_eval(page, "w.query = '1949'")          # a new search replaces the doctored list
    page.wait_for_function("() => !document.querySelector('.ml-fc-card h4').textContent.includes('<img')")
    tall_screenshot(page, widget, "factcheck", SCREENSHOTS)

    # --- reload, fresh kernel, run again: restored, still literal
    reload_with_fresh_kernel(page, jupyterlab, open_notebook, path)
    widget.wait_for()
    assert until_kernel(page, STATE, lambda v: v == state) == state
    page.wait_for_function("() => document.querySelectorAll('.ml-fc-cited li').length === 2")
    assert page.locator(".ml-fc input[type=radio][value='accurate']").is_checked()
    assert page.get_by_role("textbox", name="Justification (cite cards with the Cite boxes)").input_value() == JUSTIFICATION
    assert no_injected_elements(widget)
    kernel_eval(page, "w.query = '1949 agreement'")   # a new search shows the cited cards as cited
    assert page.locator(f".ml-fc-card[data-card='{first_id}'] input[type=checkbox]").is_checked()
    tall_screenshot(page, widget, "factcheck-restored", SCREENSHOTS)
