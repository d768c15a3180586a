"""SpanHighlighter in a real JupyterLab: mouse, keyboard, store, reload, hostile text."""
from __future__ import annotations

import json

import pytest

from conftest import SCREENSHOTS, kernel_eval, screenshot

pytestmark = pytest.mark.ui

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "<script>alert(1)</script>"
TEXT = f"Flag \U0001F1F7\U0001F1FA then placeholder words. {XSS_IMG} and {XSS_SCRIPT} the end."
NOTE = f"because {XSS_IMG} {XSS_SCRIPT}"


def cells(student: str) -> list[str]:
    return [
        f"import json\nimport medialit.store as st\nst.set_student({student!r})\n"
        "from medialit.widgets import SpanHighlighter\nfrom medialit.spans import Span",
        f"TEXT = {TEXT!r}\n"
        "hl = SpanHighlighter(TEXT, doc_id='ui-doc', masked_words=['placeholder'],\n"
        "                     key=[Span(8, 12, 'emotive'), Span(13, 30, 'labelling')])\nhl",
    ]


def word_box(page, word: str, first: int = 0, last: int | None = None) -> dict:
    """Viewport box of characters first..last of ``word`` in the highlighter's text."""
    return page.evaluate("""([word, first, last]) => {
        const doc = document.querySelector('.ml-doc');
        const walker = document.createTreeWalker(doc, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = n.data.indexOf(word);
            if (i < 0) continue;
            const r = document.createRange();
            r.setStart(n, i + first); r.setEnd(n, i + (last === null ? word.length : last));
            const b = r.getBoundingClientRect();
            return {x0: b.left, x1: b.right, y: (b.top + b.bottom) / 2};
        }
        return null; }""", [word, first, last])


def drag(page, a: dict, b: dict) -> None:
    page.mouse.move(a["x0"] + 1, a["y"])
    page.mouse.down()
    page.mouse.move((a["x0"] + b["x1"]) / 2, b["y"], steps=4)
    page.mouse.move(b["x1"] - 1, b["y"], steps=2)
    page.mouse.up()


def py_spans(page) -> list[list]:
    out = kernel_eval(page, "print(json.dumps([[s.start, s.end, s.label, s.note] for s in hl.spans]))")
    return json.loads(out)


def wait_marks(page, n: int) -> None:
    page.wait_for_function(
        "n => { const w = document.querySelector('.ml-doc'); if (!w) return false; let k = 0;"
        " for (const s of w.querySelectorAll('.ml-seg[data-tags]')) k += s.dataset.tags.split(' \u00b7 ').length;"
        " return k === n; }",
        arg=n)


def test_highlighter_mouse_keyboard_store_reload(page, jupyterlab, notebook, open_notebook):
    path = notebook("highlighter.ipynb", cells("ui-hl"))
    open_notebook(page, path)
    widget = page.locator("[data-testid=span-highlighter]")
    widget.wait_for()
    doc = page.locator(".ml-doc")

    # hostile text shows literally and creates no elements
    text = doc.text_content()
    assert XSS_IMG in text and XSS_SCRIPT in text
    assert widget.locator("img, script").count() == 0
    # the listed word is masked, same length
    assert "p********** words" in text and "placeholder" not in text

    # --- mouse: drag over part of "then" (just after the flag emoji); the selection snaps to the word
    drag(page, word_box(page, "then", 1, 2), word_box(page, "then", 2, 3))
    page.locator(".ml-status").get_by_text("Selected").wait_for()
    page.get_by_role("button", name="Mark as emotive (key 1)").click()
    wait_marks(page, 1)
    assert py_spans(page) == [[8, 12, "emotive", ""]]          # code points, not UTF-16 (would be 10..14)

    # --- keyboard: from the start, three words right, extend one word, press 3 (labelling)
    doc.focus()
    page.keyboard.press("Home")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("3")
    wait_marks(page, 2)
    assert py_spans(page) == [[8, 12, "emotive", ""], [13, 30, "labelling", ""]]

    # --- Enter opens the editor for the span under the cursor; write a hostile note; Ctrl+Enter saves
    page.keyboard.press("Enter")
    editor = page.get_by_role("dialog")
    editor.wait_for()
    # typing in the note must not reach JupyterLab's notebook shortcuts (a, b, d d, 1...)
    n_cells = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.length")
    page.get_by_role("textbox", name="Note").press_sequentially("dd ab 1")
    assert page.get_by_role("textbox", name="Note").input_value() == "dd ab 1"
    assert page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.length") == n_cells
    page.get_by_role("textbox", name="Note").fill(NOTE)
    page.get_by_role("textbox", name="Note").press("Control+Enter")
    page.wait_for_function("() => document.querySelector('.ml-editor').hidden")
    page.wait_for_function("note => [...document.querySelectorAll('.ml-seg')].some(s => (s.title || '').includes(note))",
                           arg=NOTE)
    assert py_spans(page)[1] == [13, 30, "labelling", NOTE]

    # --- mouse: click the first span, change its label in the editor
    box = word_box(page, "then")
    page.mouse.click((box["x0"] + box["x1"]) / 2, box["y"])
    editor.wait_for()
    page.get_by_role("combobox", name="Label").select_option("glorifying")
    page.get_by_role("button", name="Save span").click()
    page.wait_for_function("() => document.querySelector('.ml-seg[data-labels~=glorifying]')")
    assert py_spans(page)[0] == [8, 12, "glorifying", ""]

    # --- keyboard: Up jumps to the previous span, Delete removes it
    doc.focus()
    page.keyboard.press("End")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Delete")
    wait_marks(page, 1)
    assert py_spans(page) == [[13, 30, "labelling", NOTE]]
    # and a fresh one, by keyboard, Escape cancels a pending selection
    page.keyboard.press("Home")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Escape")
    page.keyboard.press("Home")
    page.keyboard.press("2")
    wait_marks(page, 2)
    assert py_spans(page)[0] == [0, 4, "euphemism", ""]

    # --- the store holds it (read in the kernel, and the file on disk)
    recs = json.loads(kernel_eval(page, "print(json.dumps({r.key: [r.value, r.anchor['position']['start'], "
                                        "r.anchor['position']['end']] for r in st.open_store().records('span')}))"))
    assert sorted((v[1], v[2], v[0]["label"]) for v in recs.values()) == [(0, 4, "euphemism"), (13, 30, "labelling")]
    work = (jupyterlab.work / "ui-hl" / "work.jsonl").read_text(encoding="utf-8").splitlines()
    ops = [json.loads(x) for x in work]
    assert [r["op"] for r in ops].count("delete") == 1
    assert any(r["value"].get("note") == NOTE for r in ops)
    assert all(r["anchor"]["quote"]["exact"] == TEXT[r["anchor"]["position"]["start"]:r["anchor"]["position"]["end"]]
               for r in ops if r["op"] == "put")

    # --- reveal is a deliberate, labelled opt-in
    page.get_by_role("checkbox", name="Reveal masked words").check()
    page.wait_for_function("() => document.querySelector('.ml-doc').textContent.includes('placeholder')")
    page.get_by_role("checkbox", name="Reveal masked words").uncheck()
    page.wait_for_function("() => !document.querySelector('.ml-doc').textContent.includes('placeholder')")

    # --- compare mode: three layers, score and feedback as text
    page.get_by_role("checkbox", name="Compare with the key and the lexicon baseline").check()
    table = page.get_by_role("table", name="Scores against the key")
    table.wait_for()
    assert "overall" in table.text_content()
    page.get_by_role("list", name="Feedback").wait_for()
    assert page.locator(".ml-seg.ml-key").count() >= 1
    screenshot(widget, "highlighter-compare", SCREENSHOTS)
    page.get_by_role("checkbox", name="Compare with the key and the lexicon baseline").uncheck()

    # every control has an accessible name
    unnamed = page.evaluate("""() => [...document.querySelectorAll('.ml-hl button, .ml-hl input, .ml-hl select, .ml-hl textarea, .ml-doc')]
        .filter(e => !(e.getAttribute('aria-label') || '').trim()).map(e => e.outerHTML.slice(0, 80))""")
    assert unnamed == []
    screenshot(widget, "highlighter", SCREENSHOTS)

    # --- reload the page, run again: the work comes back, the note still literal
    open_notebook(page, path)
    widget.wait_for()
    wait_marks(page, 2)
    assert py_spans(page) == [[0, 4, "euphemism", ""], [13, 30, "labelling", NOTE]]
    box = word_box(page, "words")
    page.mouse.click((box["x0"] + box["x1"]) / 2, box["y"])
    page.get_by_role("dialog").wait_for()
    assert page.get_by_role("textbox", name="Note").input_value() == NOTE
    assert widget.locator("img, script").count() == 0
    screenshot(widget, "highlighter-restored", SCREENSHOTS)


def test_highlighter_on_the_case_article(page, notebook, open_notebook):
    path = notebook("highlighter-case.ipynb", [
        "import medialit\nfrom medialit.widgets import SpanHighlighter\ncase = medialit.load_case()",
        "hl = SpanHighlighter(case=case, doc_id='article', store=False)\nhl",
    ])
    open_notebook(page, path)
    widget = page.locator("[data-testid=span-highlighter]")
    widget.wait_for()
    assert "Not saved" in page.locator(".ml-save").text_content()
    doc = page.locator(".ml-doc")
    doc.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("1")
    wait_marks(page, 1)
    start, end, label = json.loads(kernel_eval(
        page, "import json; s = hl.spans[0]; print(json.dumps([s.start, s.end, s.label]))"))
    expected = kernel_eval(page, "print(hl.text[%d:%d])" % (start, end)).rstrip("\n")
    assert label == "emotive" and len(expected.split()) == 2
    # an overlapping span (second word and the next) stacks a second underline
    doc.focus()                                    # the cursor stays on the span's last word
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("3")
    page.wait_for_function("() => document.querySelector('.ml-seg[data-labels~=emotive][data-labels~=labelling]')")
    both = page.locator(".ml-seg[data-labels~=emotive][data-labels~=labelling]").first
    assert "emotive" in both.get_attribute("title") and "labelling" in both.get_attribute("title")
    assert both.locator(".ml-lane1").count() == 1
    assert len(json.loads(kernel_eval(page, "print(json.dumps([s.label for s in hl.spans]))"))) == 2
    page.get_by_role("checkbox", name="Compare with the key and the lexicon baseline").check()
    page.wait_for_function("() => document.querySelector('.ml-seg.ml-base')")
    screenshot(widget, "highlighter-article-baseline", SCREENSHOTS)
