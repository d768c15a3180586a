"""Lessons 05 and 06 opened and run in JupyterLab in Chromium, as a student would.

Run All first: no error output and no held-back key content anywhere on the page, and no
exercise done. Then work by keyboard and mouse (three technique spans in lesson 05's
paragraph; six framings in lesson 06's comparer): feedback covers it, progress counts the
exercise, and the work comes back with a fresh kernel."""
from __future__ import annotations

import json

import pytest

from conftest import serve_lessons
from jlab import kernel_eval, screenshot
from ui_helpers import mark_words, reload_with_fresh_kernel, run_lesson_clean, until_kernel, widgets_rendered

pytestmark = pytest.mark.ui

NAMES = ["05-propaganda-techniques", "06-comparing-sources"]
DONE = ("from medialit import exercises, store; import json; "
        "print(json.dumps({r['lesson']: [e['id'] for e in r['exercises'] if e['done']] "
        "for r in exercises.lesson_progress(store.open_store().records(), ['05', '06'])}))")


served = serve_lessons(NAMES)


def _page_shows_no_key(page) -> None:
    from medialit import keyscan
    needles = {n: w for n, w in keyscan.key_strings().items() if not w.endswith(" answer")}
    text = keyscan.normalise(page.evaluate("() => window.jupyterapp.shell.currentWidget.node.innerText"))
    found = [where for needle, where in needles.items() if needle in text]
    assert found == [], f"key content on the page before any attempt: {found[:3]}"


def test_lesson_05_run_all_then_spans_by_keyboard(page, jupyterlab, open_notebook, served):
    run_lesson_clean(page, open_notebook, "05-propaganda-techniques")
    _page_shows_no_key(page)
    assert json.loads(kernel_eval(page, DONE)) == {"05": [], "06": []}

    # the first highlighter is paragraph 9: "The United States and its satellites openly declare ..."
    doc = page.locator("[data-testid=span-highlighter] .ml-doc").first
    doc.focus()
    mark_words(page, 0, 3, "7")          # "The United States": doubt (the key has none here)
    mark_words(page, 4, 2, "1")          # "its satellites": name calling
    mark_words(page, 6, 2, "8")          # "openly declare": exaggeration or minimisation
    spans = until_kernel(page, "import json; print(json.dumps([[paragraph.text[s.start:s.end], s.label] "
                               "for s in paragraph.spans]))", lambda v: len(v) == 3)
    assert spans == [["The\u00a0United States", "doubt"], ["its satellites", "name_calling"],
                     ["openly declare", "exaggeration_minimisation"]]
    fb = json.loads(kernel_eval(page, "fb = techniques.check_spans(paragraph, case, 'p08', exercise='5.2'); "
                                      "print(json.dumps([fb.counts(), fb.text()]))"))
    assert (fb[0]["matched"], fb[0]["partial"], fb[0]["extra"]) == (1, 1, 1)
    assert "Missed." not in fb[1] and "You have not found 4 of the key's 6 spans yet" in fb[1]
    assert json.loads(kernel_eval(page, DONE))["05"] == ["5.2"]
    # exercise 5.3 shows paragraphs 7 to 13 only
    stretch = page.locator("[data-testid=span-highlighter]").nth(1)
    assert stretch.locator(".ml-doc").text_content().replace("\xa0", " ").startswith("Today, as before")
    assert "Paragraphs 7 to 13" in stretch.text_content()
    screenshot(page.locator("[data-testid=span-highlighter]").first, "lesson-05-paragraph")

    reload_with_fresh_kernel(page, jupyterlab, open_notebook, "05-propaganda-techniques.ipynb")
    widgets_rendered(page)
    restored = json.loads(kernel_eval(page, "import json; print(json.dumps([s.label for s in paragraph.spans]))"))
    assert restored == ["doubt", "name_calling", "exaggeration_minimisation"]


def test_lesson_06_run_all_then_framings_by_mouse(page, jupyterlab, open_notebook, served):
    run_lesson_clean(page, open_notebook, "06-comparing-sources")
    _page_shows_no_key(page)
    assert "Soviet forces fought" in page.locator(".ml-sc [data-testid=record]").text_content()

    cols = page.locator(".ml-sc-col")
    assert cols.count() == 6
    for i, framing in enumerate(["omission", "contradiction", "loaded framing", "same facts", "omission",
                                 "same facts"]):
        cols.nth(i).get_by_role("radio", name=framing).click()
    got = until_kernel(page, "import json; print(json.dumps(comparer.all_answers()))", lambda v: len(v) == 6)
    assert got["1945-kcna"] == {"topic": "1945", "framing": "contradiction", "left_out": ""}
    notes = kernel_eval(page, "print(topics.framing_feedback(case, comparer.all_answers()))")
    assert "You agree with the key on 4 of the 4 uncontested source(s) you judged" in notes
    assert json.loads(kernel_eval(page, DONE))["06"] == ["6.1"]
    screenshot(page.locator(".ml-sc").first, "lesson-06-comparer")

    reload_with_fresh_kernel(page, jupyterlab, open_notebook, "06-comparing-sources.ipynb")
    widgets_rendered(page)
    again = json.loads(kernel_eval(page, "import json; print(json.dumps(comparer.all_answers()))"))
    assert again == got
    assert page.locator(".ml-sc [data-testid=progress]").text_content() == "6 of 6 sources marked"
