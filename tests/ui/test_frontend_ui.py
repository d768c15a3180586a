"""The widgets' two front ends in a real JupyterLab: the course's extension (what every other
browser test runs, checked here to be this checkout's build), and anywidget, the fallback where
the extension is missing or the front end is not JupyterLab (MEDIALIT_FRONTEND=anywidget)."""
from __future__ import annotations

import json

import pytest

import jlab
from conftest import _need_chromium, kernel_eval
from medialit.widgets import frontend
from ui_helpers import mark_words, until_kernel

pytestmark = pytest.mark.ui

CELLS = [
    "import json\nfrom medialit.widgets import SpanHighlighter, Quiz\n"
    "TEXT = 'Flag \\U0001F1F7\\U0001F1FA then some plain words here.'\n"
    "hl = SpanHighlighter(TEXT, doc_id='frontend-doc', store=False)\nhl",
    "q = Quiz('t.1', 'Which one?', ['First', 'Second'], 'Second', {'First': 'no', 'Second': 'yes'}, store=False)\nq",
]


def _use_both(page) -> dict:
    """Mark a span by keyboard (after the flag) and answer the quiz by keyboard; return what
    the kernel saw and which front end drew the widgets."""
    page.locator("[data-testid=span-highlighter]").wait_for()
    page.locator(".ml-doc").focus()
    mark_words(page, 2, 1, "1")                              # "then", after the flag
    spans = until_kernel(page, "print(json.dumps([[s.start, s.end, s.label] for s in hl.spans]))", bool)
    page.get_by_role("radio", name="First").focus()
    page.keyboard.press("ArrowDown")                          # arrows change the answer in the quiz
    answered = until_kernel(page, "print(json.dumps(q.selected))", lambda v: v == "Second")
    modules = json.loads(kernel_eval(page, "print(json.dumps([hl._view_module, q._view_module, hl._ml_view]))"))
    return {"spans": spans, "answered": answered, "modules": modules,
            "loaded": page.evaluate("() => window.__medialitWidgets || null")}


def test_the_extension_is_this_checkouts_build(page, notebook, open_notebook):
    open_notebook(page, notebook("frontend-ext.ipynb", CELLS))
    seen = _use_both(page)
    assert seen["loaded"] == frontend.bundle_hash()          # the page has this checkout's code
    assert seen["modules"] == [frontend.NAME, frontend.NAME, "highlighter"]
    assert seen["spans"] == [[8, 12, "emotive"]]             # code points after the flag, not UTF-16
    assert seen["answered"] == "Second"


@pytest.fixture(scope="module")
def anywidget_lab(tmp_path_factory):
    _need_chromium()
    server = jlab.JupyterLab(tmp_path_factory.mktemp("anywidget-lab"), env={"MEDIALIT_FRONTEND": "anywidget"})
    server.start()
    yield server
    server.stop()


def test_anywidget_draws_the_same_widgets(page, anywidget_lab):
    jlab.write_notebook(anywidget_lab.root / "frontend-any.ipynb", CELLS)
    jlab.open_notebook(page, anywidget_lab.url, "frontend-any.ipynb", workspace="any")
    seen = _use_both(page)
    assert seen["modules"] == ["anywidget", "anywidget", ""]
    assert seen["spans"] == [[8, 12, "emotive"]]
    assert seen["answered"] == "Second"
    # its stylesheet came as a trait and is installed once
    assert page.evaluate("() => document.querySelectorAll('#medialit-highlighter-css').length") == 1
