"""Lesson 05 in a real JupyterLab: label a technique span by keyboard in the highlighter with
the 17 technique labels, and see the per-technique score, in the widget and in the feedback."""
from __future__ import annotations

import json

import pytest

from conftest import SCREENSHOTS, kernel_eval, screenshot

pytestmark = pytest.mark.ui


def cells() -> list[str]:
    return [
        "import json\nimport medialit\nimport medialit.store as st\nst.set_student('ui-techniques')\n"
        "from medialit.widgets import SpanHighlighter\nfrom medialit.taxonomy import load_taxonomy\n"
        "from medialit import techniques\ncase = medialit.load_case()",
        "hl = SpanHighlighter(case=case, doc_id='p08', labels=load_taxonomy().labels(), key='techniques',\n"
        "                     task='techniques')\nhl",
    ]


def test_label_a_technique_by_keyboard_and_see_the_per_technique_score(page, notebook, open_notebook):
    path = notebook("techniques.ipynb", cells())
    open_notebook(page, path)
    widget = page.locator("[data-testid=span-highlighter]")
    widget.wait_for()
    assert "The United States and its satellites" in page.locator(".ml-doc").text_content().replace("\xa0", " ")

    # keyboard: "The United States and its satellites": four words right, extend one, key 1 (name calling)
    page.locator(".ml-doc").focus()
    page.keyboard.press("Home")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("1")
    page.wait_for_function("() => [...document.querySelectorAll('.ml-chip')].some(c => /name.calling/i.test(c.textContent))")
    spans = json.loads(kernel_eval(page, "print(json.dumps([[s.start, s.end, s.label] for s in hl.spans]))"))
    text = json.loads(kernel_eval(page, "print(json.dumps(hl.text))"))
    assert [[text[s:e], lab] for s, e, lab in spans] == [["its satellites", "name_calling"]]

    # compare mode: the per-technique scores, by the techniques' names
    page.get_by_role("checkbox", name="Compare with the key and the lexicon baseline").check()
    table = page.get_by_role("table", name="Scores against the key")
    table.wait_for()
    row = table.get_by_role("row").filter(has_text="Name calling or labelling")
    assert row.get_by_role("cell").all_text_contents()[:3] == ["1.00", "1.00", "1.00"]
    # before "Show the key", only the techniques the student used get a row (nothing of the rest)
    assert table.get_by_role("row").filter(has_text="Exaggeration or minimisation").count() == 0
    screenshot(widget, "techniques-compare", SCREENSHOTS)

    # the lesson's feedback cell says the same, per technique, with both SemEval scores
    out = json.loads(kernel_eval(page, "fb = techniques.check_spans(hl, case, 'p08')\n"
                                       "t = fb.per_technique()\n"
                                       "print(json.dumps([float(t.loc['Name calling or labelling', 'F1']), "
                                       "fb.counts()['matched'], fb.identification.precision, list(t.index), "
                                       "[f['kind'] for f in hl.feedback_items] == [i.kind for i in fb.shown]]))"))
    assert out == [1.0, 1, 1.0, ["Name calling or labelling", "(overall)"], True]
