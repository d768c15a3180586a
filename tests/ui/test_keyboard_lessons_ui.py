"""Every exercise of lessons 00-04 completed by keyboard alone, in JupyterLab in Chromium
(issue 11, "Done when").

Each lesson is opened and run; then each exercise is done with key presses only: the student
reaches a widget (the test moves the focus to its first control, as Tab would), then types,
presses arrows, Space, Enter and the widgets' own keys. The pseudonym cell is edited and run
with Enter, typing and Shift+Enter. At the end the lesson data's own rule
(``medialit.exercises``) must count every exercise of 00-04 done."""
from __future__ import annotations

import json
from functools import partial

import pytest

import jlab
import ui_helpers
from conftest import LESSONS_00_04 as LESSONS, private_lab
from jlab import kernel_eval
from ui_helpers import until_kernel

pytestmark = pytest.mark.ui

STUDENT = "keyboard-student"
PROGRESS = ("from medialit import exercises, store; import json; "
            "print(json.dumps({r['lesson']: [r['done'], r['total'], r['remaining']] "
            "for r in exercises.lesson_progress(store.open_store().records()) if r['lesson'] <= '04'}))")


lab = private_lab("keyboard", LESSONS)
open_lesson = partial(ui_helpers.open_lesson, prefix="kb")


def reach(locator) -> None:
    """Move the focus to a control, as a student tabbing to it would (after a key press, so the
    browser treats it as keyboard focus)."""
    locator.page.keyboard.press("Shift")
    locator.scroll_into_view_if_needed()
    locator.focus()


def answer_quiz(page, quiz) -> None:
    """Space picks the focused option, Tab goes to the button, Enter checks (or saves)."""
    reach(quiz.locator("input[type=radio]").first)
    page.keyboard.press("ArrowDown")                  # the radio group's own arrow keys
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    # a deferred item (the before and after check) is saved, not checked
    assert page.evaluate("() => document.activeElement.textContent") in ("Check my answer", "Save my answer")
    page.keyboard.press("Enter")
    quiz.locator(".ml-quiz-feedback p").first.wait_for()


def write_reflection(page, box, text: str) -> None:
    """Type at the end of the box, then Tab away (the box saves when it is left)."""
    area = box.locator("textarea")
    reach(area)
    page.keyboard.press("Control+End")
    page.keyboard.type(text)
    page.keyboard.press("Tab")


def saved(page, kind: str) -> dict:
    return json.loads(kernel_eval(page, f"from medialit import store; import json; print(json.dumps("
                                        f"{{r.key: r.value for r in store.open_store().records({kind!r})}}))"))


def test_every_exercise_of_lessons_00_to_04_by_keyboard(browser, lab):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    n = [0]
    try:
        # --- 00: the pseudonym cell by keyboard: select it, Enter to edit, type, Shift+Enter twice
        open_lesson(page, lab, "00-start-here", n)
        i = page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.widgets
            .findIndex(c => c.model.sharedModel.getSource().startsWith('PSEUDONYM ='))""")
        page.evaluate("i => { const nb = window.jupyterapp.shell.currentWidget.content; nb.activeCellIndex = i;"
                      " nb.mode = 'command'; nb.node.focus(); }", i)
        page.keyboard.press("Enter")                  # edit mode
        page.keyboard.press("Control+a")
        page.keyboard.type(f'PSEUDONYM = "{STUDENT}"')
        page.keyboard.press("Shift+Enter")            # run it, go to the feedback cell
        page.keyboard.press("Shift+Enter")            # run course.choose_pseudonym(PSEUDONYM)
        jlab.wait_kernel_idle(page)
        page.get_by_text(f"Hello, {STUDENT}.").wait_for()
        # 0.2: Export my work, by Enter on the button
        panel = page.locator("[data-testid=progress-panel]")
        reach(panel.get_by_role("button", name="Export my work to a file"))
        page.keyboard.press("Enter")
        panel.locator("a.ml-download").wait_for()
        # the before check (pre.1-pre.7) and 0.3, then 0.4
        quizzes = page.locator(".ml-quiz")
        for k in range(quizzes.count()):
            answer_quiz(page, quizzes.nth(k))
        write_reflection(page, page.locator(".medialit-reflection-box").first, " I check who wrote it and who says so.")

        # --- 01: three quizzes and four reflections
        open_lesson(page, lab, "01-who-is-speaking", n)
        quizzes = page.locator(".ml-quiz")
        for k in range(quizzes.count()):
            answer_quiz(page, quizzes.nth(k))
        boxes = page.locator(".medialit-reflection-box")
        for k in range(boxes.count()):
            write_reflection(page, boxes.nth(k), f" My answer number {k + 1}.")

        # --- 02: every sentence by the sorter's number keys, then the quiz and the reflection
        open_lesson(page, lab, "02-claims-and-opinions", n)
        sorter = page.locator(".ml-claims").first
        total = int(kernel_eval(page, "print(len(sorter.sentences))"))
        reach(sorter)
        for _ in range(total):
            page.keyboard.press("2")                  # opinion, and the card moves on
        until_kernel(page, "import json; print(json.dumps(len(sorter.answers_dict())))", lambda v: v == total)
        answer_quiz(page, page.locator(".ml-quiz").first)
        write_reflection(page, page.locator(".medialit-reflection-box").first, " Facts come first, then praise.")

        # --- 03: four desks: a verdict by arrow keys, a justification typed; then the quiz
        open_lesson(page, lab, "03-checking-the-history", n)
        desks = page.locator(".ml-fc")
        assert desks.count() == 4
        for k in range(4):
            desk = desks.nth(k)
            reach(desk.get_by_role("searchbox"))
            page.keyboard.type("1949")
            page.keyboard.press("Enter")
            desk.locator(".ml-fc-card").first.wait_for()
            reach(desk.locator("input[type=radio]").first)
            page.keyboard.press("ArrowDown")          # the second verdict
            reach(desk.get_by_role("textbox", name="Justification (cite cards with the Cite boxes)"))
            page.keyboard.type("The library's cards on 1948 and 1949 say otherwise.")
            page.keyboard.press("Tab")
        until_kernel(page, "from medialit import store; import json; print(json.dumps(len("
                           "[r for r in store.open_store().records('verdict') if r.value.get('justification')])))",
                     lambda v: v >= 4)
        answer_quiz(page, page.locator(".ml-quiz").first)

        # --- 04: a span by keyboard; three reflections (4.4 rewrites the paragraph it starts with)
        open_lesson(page, lab, "04-loaded-language", n)
        doc = page.locator("[data-testid=span-highlighter] .ml-doc").first
        reach(doc)
        for key in ("ArrowRight", "Shift+ArrowRight", "1"):
            page.keyboard.press(key)
        until_kernel(page, "import json; print(json.dumps(len(marker.spans)))", lambda v: v == 1)
        boxes = page.locator(".medialit-reflection-box")
        for k in range(boxes.count()):
            write_reflection(page, boxes.nth(k), f" Said plainly, answer {k + 1}.")

        # --- the lesson data's rule: every exercise of 00-04 is done
        got = until_kernel(page, PROGRESS, lambda v: all(d == t for d, t, _ in v.values()), timeout=30)
        assert all(d == t for d, t, _ in got.values()), got
        assert set(got) == {"00", "01", "02", "03", "04"}
        assert kernel_eval(page, "from medialit import store; print(store.current_student())").strip() == STUDENT
        assert len(saved(page, "span")) == 1
        assert errors == []
    finally:
        context.close()
