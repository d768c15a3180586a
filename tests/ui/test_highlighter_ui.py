"""SpanHighlighter in a real JupyterLab: mouse, keyboard, store, reload, hostile text, painted
highlights (CSS Custom Highlight API), right-to-left text, many labels, try before you see."""
from __future__ import annotations

import json

import pytest

from conftest import SCREENSHOTS, kernel_eval, screenshot
from ui_helpers import UNNAMED_CONTROLS, mark_words

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


# JS: the ranges painted for each highlight of the first highlighter, by layer ("m" the
# student's spans, "k" the key, "b" the baseline): {name: [painted text, ...]}
PAINTED = """() => { const out = {};
    for (const [name, hl] of CSS.highlights) {
        if (!name.startsWith('ml-')) continue;
        out[name] = [...hl].map(r => { const x = document.createRange();
            x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset);
            return x.toString(); });
    }
    return out; }"""


def painted(page, layer: str) -> list[str]:
    """Texts painted in one layer: m (student spans), k (key), b (baseline)."""
    import re
    out = page.evaluate(PAINTED)
    return sorted(t for name, texts in out.items() if re.search(rf"-{layer}(\d+|x)(-\d+)?$", name) for t in texts)


def wait_marks(page, n: int) -> None:
    """n spans listed (the accessible list) and n ranges painted by the browser."""
    page.wait_for_function(
        r"""n => { const chips = document.querySelectorAll('.ml-hl .ml-chip').length; let k = 0;
        for (const [name, hl] of CSS.highlights) if (/^ml-m\d+-\d+$/.test(name)) k += hl.size;
        return chips === n && k === n; }""", arg=n)


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
    widget.get_by_role("toolbar").get_by_role("button", name="emotive").click()
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
    page.wait_for_function("note => [...document.querySelectorAll('.ml-chip')].some(s => s.textContent.includes(note))",
                           arg=NOTE)
    assert py_spans(page)[1] == [13, 30, "labelling", NOTE]

    # --- mouse: click the first span, change its label in the editor
    box = word_box(page, "then")
    page.mouse.click((box["x0"] + box["x1"]) / 2, box["y"])
    editor.wait_for()
    page.get_by_role("combobox", name="Label").select_option("glorifying")
    page.get_by_role("button", name="Save span").click()
    page.wait_for_function("() => [...document.querySelectorAll('.ml-chip')].some(c => c.textContent.startsWith('glorifying'))")
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
    assert painted(page, "k")
    screenshot(widget, "highlighter-compare", SCREENSHOTS)
    page.get_by_role("checkbox", name="Compare with the key and the lexicon baseline").uncheck()

    # every control has an accessible name
    assert page.evaluate(UNNAMED_CONTROLS, ".ml-hl") == []
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
    wait_marks(page, 2)
    lanes = page.evaluate(r"() => [...CSS.highlights].filter(([n, h]) => /^ml-m\d+-\d+$/.test(n) && h.size).map(([n]) => n.split('-').pop())")
    assert sorted(lanes) == ["0", "1"]            # the overlapping span sits in a second underline lane
    assert len(json.loads(kernel_eval(page, "print(json.dumps([s.label for s in hl.spans]))"))) == 2
    page.get_by_role("checkbox", name="Compare with the lexicon baseline").check()
    page.wait_for_function(r"() => [...CSS.highlights].some(([n, h]) => /^ml-b\d+$/.test(n) && h.size)")
    screenshot(widget, "highlighter-article-baseline", SCREENSHOTS)


SEMEVAL = ["Loaded_Language", "Name_Calling,Labeling", "Repetition", "Exaggeration,Minimisation", "Doubt",
           "Appeal_to_fear-prejudice", "Flag-Waving", "Causal_Oversimplification", "Slogans", "Appeal_to_Authority",
           "Black-and-White_Fallacy", "Thought-terminating_Cliches", "Whataboutism", "Reductio_ad_hitlerum",
           "Red_Herring", "Bandwagon", "Obfuscation,Intentional_Vagueness,Confusion", "Straw_Men"]


def test_many_labels_by_keyboard_right_to_left_and_no_double_marks(page, notebook, open_notebook):
    """Lesson 05 uses the SemEval-2020 techniques: more labels than number keys. L opens the
    label list (one tab stop, arrow keys, type-ahead); a double key press marks once; tags sit at
    a span's logical end in right-to-left text; the flag emoji does not shift offsets."""
    rtl = "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 \u0643\u0644\u0645\u0627\u062a"
    path = notebook("highlighter-many.ipynb", [
        "import json\nfrom medialit.widgets import SpanHighlighter",
        f"TEXT = 'Flag \\U0001F1F7\\U0001F1FA then plain words here.\\n{rtl}'\n"
        f"hl = SpanHighlighter(TEXT, labels={SEMEVAL!r}, store=False)\nhl",
    ])
    open_notebook(page, path)
    widget = page.locator("[data-testid=span-highlighter]")
    widget.wait_for()
    toolbar = widget.get_by_role("toolbar")
    assert toolbar.get_by_role("button").count() == len(SEMEVAL)
    assert page.evaluate("() => [...document.querySelectorAll('.ml-label-btn')].filter(b => b.tabIndex === 0).length") == 1
    doc = page.locator(".ml-doc")
    doc.focus()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")            # the flag
    page.keyboard.press("ArrowRight")            # "then"
    page.keyboard.press("l")
    page.wait_for_function("() => document.activeElement.classList.contains('ml-label-btn')")
    page.keyboard.type("fla")                     # type-ahead: Flag-Waving
    assert page.evaluate("() => document.activeElement.dataset.label") == "Flag-Waving"
    page.keyboard.press("Enter")
    wait_marks(page, 1)
    assert page.evaluate("() => document.activeElement.classList.contains('ml-doc')")
    assert json.loads(kernel_eval(page, "print(json.dumps([[s.start, s.end, s.label] for s in hl.spans]))")) == \
        [[8, 12, "Flag-Waving"]]                  # code points: the flag is 2, not 4 (UTF-16)
    # a label past the number keys by arrows and by a word inside its name; then a number key twice
    page.keyboard.press("ArrowRight")
    page.keyboard.press("l")
    page.keyboard.press("End")
    assert page.evaluate("() => document.activeElement.dataset.label") == "Straw_Men"
    page.keyboard.type("herr")                    # matches the word "Herring" in "Red_Herring"
    assert page.evaluate("() => document.activeElement.dataset.label") == "Red_Herring"
    page.keyboard.press("Escape")                 # back to the text, selection kept
    page.keyboard.press("1")
    page.keyboard.press("1")                      # a double press marks once and nests nothing
    wait_marks(page, 2)
    page.wait_for_timeout(300)
    spans = json.loads(kernel_eval(page, "print(json.dumps([[s.start, s.end, s.label] for s in hl.spans]))"))
    assert spans == [[8, 12, "Flag-Waving"], [13, 18, "Loaded_Language"]]
    assert "Select some words first" in page.locator(".ml-status").text_content()
    # the same words with the same label again: nothing added
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("1")
    assert "already marked" in page.locator(".ml-status").text_content()
    # right-to-left: the paragraph runs right to left and the tag sits left of the span's last word
    kernel_eval(page, "hl.add(TEXT.index('\\n') + 1, TEXT.index('\\n') + 6, 'Doubt')")
    wait_marks(page, 3)
    geo = page.evaluate("""() => {
        const box = document.querySelector('.ml-text');
        const tags = [...box.querySelectorAll('.ml-tag')];
        const tag = tags.at(-1);                         // the tag of the span in the second paragraph
        const text = tag.previousSibling, line = text.data.lastIndexOf('\\n') + 1;
        const r = document.createRange(); r.setStart(text, line); r.setEnd(text, line + 5);
        const w = r.getBoundingClientRect(), t = tag.getBoundingClientRect(), b = box.getBoundingClientRect();
        return {word: [w.left, w.right], tag: [t.left, t.right], box: [b.left, b.right],
                ltrTag: tags[0].getBoundingClientRect().left}; }""")
    # the paragraph runs right to left (its first word at the right edge: unicode-bidi: plaintext)
    assert geo["word"][1] > (geo["box"][0] + geo["box"][1]) / 2, geo
    assert geo["tag"][1] <= geo["word"][0] + 1, geo    # left of the word: its logical end
    screenshot(widget, "highlighter-many-labels-rtl", SCREENSHOTS)


def test_try_before_you_see_in_the_widget(page, notebook, open_notebook):
    path = notebook("highlighter-key.ipynb", [
        "import json\nimport medialit\nfrom medialit.widgets import SpanHighlighter\ncase = medialit.load_case()\n"
        "key = case.key('loaded_language'); doc = case.document('p07')\n"
        "rows = key[(key.start >= doc.start) & (key.end <= doc.end)]",
        "hl = SpanHighlighter(case=case, doc_id='p07', key='loaded_language', store=False)\nhl",
        "hl.feedback()",
    ])
    open_notebook(page, path)
    widget = page.locator("[data-testid=span-highlighter]")
    widget.wait_for()
    assert widget.locator(".ml-title").text_content() == "Paragraph 8"
    rationales = json.loads(kernel_eval(page, "print(json.dumps(list(rows.rationale)))"))
    quotes = json.loads(kernel_eval(page, "print(json.dumps([' '.join(q.split()) for q in rows.quote]))"))
    page.get_by_text("Mark some spans in the widget above, then run this cell.", exact=False).first.wait_for()
    show = page.get_by_role("button", name="Show the key")
    assert show.is_disabled()
    page.get_by_role("checkbox", name="Compare with the key and the lexicon baseline").check()
    page.get_by_text("Mark some spans in the text: each one is checked against the key here.").wait_for()
    page.wait_for_function(r"() => [...CSS.highlights].some(([n, h]) => /^ml-b\d+$/.test(n) && h.size)")
    assert painted(page, "k") == [] and painted(page, "b")     # the baseline may show, the key not

    def page_text() -> str:
        return " ".join(page.locator(".jp-Notebook").text_content().split())
    assert not any(r[:50] in page_text() for r in rationales)
    # mark the first key span's words by keyboard, with the right label
    start = int(kernel_eval(page, "print(int(rows.iloc[0].start - doc.start))"))
    first_word = int(kernel_eval(page, f"print(sum(1 for t in hl.tokens if t['e'] <= {start} and t['k'] != 's'))"))
    n_words = len(quotes[0].split())
    label = kernel_eval(page, "print(rows.iloc[0].category)").strip()
    key_no = kernel_eval(page, f"print([l['shortcut'] for l in hl.labels if l['id'] == {label!r}][0])").strip()
    page.locator(".ml-doc").focus()
    mark_words(page, first_word, n_words, key_no)
    wait_marks(page, 1)
    page.locator(".ml-feedback").get_by_text("Matched.").wait_for()
    summary = widget.locator(".ml-summary").text_content()
    assert f"You have not found {len(quotes) - 1} of the key's {len(quotes)} spans yet." in summary
    assert [" ".join(t.split()) for t in painted(page, "k")] == [quotes[0]]   # only the key span the student found
    assert not any(r[:50] in page_text() for r in rationales[1:])
    # the whole key, asked for after trying
    assert show.is_enabled()
    show.click()
    page.get_by_role("list", name="The key").wait_for()
    assert page.get_by_role("list", name="The key").get_by_role("listitem").count() == len(quotes)
    assert all(" ".join(r.split())[:50] in page_text() for r in rationales)
    assert len(painted(page, "k")) == len(quotes)
    screenshot(widget, "highlighter-key-shown", SCREENSHOTS)
