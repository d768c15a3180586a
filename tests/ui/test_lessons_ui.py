"""The real lessons 00-04, opened and run in JupyterLab in Chromium, as a student would.

Each lesson runs top to bottom with no error output and every widget on screen; then work
done by keyboard in lesson 02 is restored after the kernel is gone. (The whole journey, from
a pseudonym to the downloaded hand-in, is in test_journey_ui.py.)"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jlab import kernel_eval, screenshot
from ui_helpers import reload_with_fresh_kernel, until_kernel

REPO = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.stem for p in (REPO / "lessons").glob("0[0-4]-*.ipynb"))
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


@pytest.fixture(scope="module")
def lessons_served(jupyterlab):
    for name in LESSONS:
        shutil.copy(REPO / "lessons" / f"{name}.ipynb", jupyterlab.root / f"{name}.ipynb")
    return LESSONS


def _widgets_rendered(page) -> None:
    page.wait_for_function("""() => {
        const outs = [...document.querySelectorAll('.jp-OutputArea-output')];
        const text = outs.map(o => o.textContent).join('\\n');
        return outs.length > 0 && !/Loading widget|Error displaying widget|Failed to load model/.test(text);
    }""", timeout=30_000)


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_runs_clean_in_jupyterlab(page, open_notebook, lessons_served, name):
    open_notebook(page, f"{name}.ipynb")
    _widgets_rendered(page)
    assert page.locator(ERROR_OUTPUT).count() == 0, page.locator(ERROR_OUTPUT).first.text_content()
    # every anywidget view in the lesson came up (one per widget cell)
    assert page.locator(".jp-OutputArea-output").count() >= 5
    screenshot(page, f"lesson-{name}")


def test_work_is_saved_and_restored_with_a_fresh_kernel(page, jupyterlab, open_notebook, lessons_served):
    open_notebook(page, "02-claims-and-opinions.ipynb")
    student = kernel_eval(page, "from medialit import store; print(store.current_student())").strip()
    sorter = page.locator(".ml-claims").first
    sorter.focus()
    page.keyboard.press("2")          # sentence 0: opinion, and move on
    page.keyboard.press("5")          # sentence 1: mixed
    got = until_kernel(page, "import json; print(json.dumps(sorter.answers_dict()))",
                       lambda v: len(v) == 2)
    assert got == {"0": "opinion", "1": "mixed"}

    work = jupyterlab.work / student / "work.jsonl"
    records = [json.loads(line) for line in work.read_text(encoding="utf-8").splitlines()]
    labels = {r["key"]: r["value"]["label"] for r in records if r["kind"] == "sentence_label"}
    assert labels == {"0": "opinion", "1": "mixed"}

    reload_with_fresh_kernel(page, jupyterlab, open_notebook, "02-claims-and-opinions.ipynb")
    restored = json.loads(kernel_eval(page, "import json; print(json.dumps(sorter.answers_dict()))"))
    assert restored == {"0": "opinion", "1": "mixed"}
    assert "2" in page.locator(".ml-claims [data-testid=progress]").first.text_content()
    screenshot(page, "lesson-02-restored")
