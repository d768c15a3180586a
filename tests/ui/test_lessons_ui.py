"""The real lessons 00-04, opened and run in JupyterLab in Chromium, as a student would.

Each lesson runs top to bottom with no error output and every widget on screen; then work
done by keyboard in lesson 02 is restored after the kernel is gone. (The whole journey, from
a pseudonym to the downloaded hand-in, is in test_journey_ui.py.)"""
from __future__ import annotations

import json

import pytest

from conftest import LESSONS_00_04 as LESSONS, serve_lessons
from jlab import kernel_eval, screenshot
from ui_helpers import reload_with_fresh_kernel, run_lesson_clean, until_kernel



lessons_served = serve_lessons(LESSONS)


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_runs_clean_in_jupyterlab(page, open_notebook, lessons_served, name):
    run_lesson_clean(page, open_notebook, name)
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
