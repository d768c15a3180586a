"""Small helpers shared by the UI tests: the widget tests (ClaimSorter, FactCheckDesk,
SourceComparer, CommentLab, SpanHighlighter) and the lesson tests."""
from __future__ import annotations

import json
import time
import urllib.request

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS = f"{XSS_IMG} then {XSS_SCRIPT}"

ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'

# JS: controls inside ``sel`` without an accessible name (aria-label, aria-labelledby,
# a <label for>, a wrapping <label>, or visible text for buttons and links).
UNNAMED_CONTROLS = """sel => {
  const root = document.querySelector(sel);
  const named = e => {
    if ((e.getAttribute('aria-label') || '').trim()) return true;
    if (e.getAttribute('aria-labelledby')) return true;
    if (e.id && document.querySelector(`label[for="${e.id}"]`)?.textContent.trim()) return true;
    if (e.closest('label')?.textContent.trim()) return true;
    if ((e.tagName === 'BUTTON' || e.tagName === 'A') && e.textContent.trim()) return true;
    return false;
  };
  return [...root.querySelectorAll('button, input, select, textarea, a[href]')]
    .filter(e => !named(e)).map(e => e.outerHTML.slice(0, 100));
}"""


def widget_cells(student: str, module: str, widget: str, args: str = "") -> list[str]:
    """Two notebook cells: choose ``student`` and import ``widget`` from ``medialit.widgets.<module>``;
    then ``w = widget(args)`` and show it."""
    return [
        f"import json\nimport medialit.store as st\nst.set_student({student!r})\n"
        f"from medialit.widgets.{module} import {widget}",
        f"w = {widget}({args})\nw",
    ]


def widgets_rendered(page) -> None:
    """Wait until the notebook has outputs and none says a widget is loading or failed."""
    page.wait_for_function("""() => {
        const outs = [...document.querySelectorAll('.jp-OutputArea-output')];
        const text = outs.map(o => o.textContent).join('\\n');
        return outs.length > 0 && !/Loading widget|Error displaying widget|Failed to load model/.test(text);
    }""", timeout=30_000)


def run_lesson_clean(page, open_notebook, name: str) -> None:
    """Open and run lesson ``name`` (the ``open_notebook`` fixture), wait for its widgets, and
    check that no cell wrote to stderr."""
    open_notebook(page, f"{name}.ipynb")
    widgets_rendered(page)
    errors = page.locator(ERROR_OUTPUT)
    assert errors.count() == 0, errors.first.text_content()


def open_lesson(page, lab, name: str, n: list, prefix: str) -> None:
    """Open and run lesson ``name`` on ``lab`` in a fresh workspace (``prefix`` and ``n[0]``, counted
    up), then wait until the outputs have text and no widget is loading or failed to display."""
    from jlab import open_notebook  # noqa: PLC0415
    n[0] += 1
    open_notebook(page, lab.url, f"{name}.ipynb", workspace=f"{prefix}{n[0]}")
    page.wait_for_function("""() => {
        const t = [...document.querySelectorAll('.jp-OutputArea-output')].map(o => o.textContent).join('\\n');
        return t.length > 0 && !/Loading widget|Error displaying widget/.test(t); }""", timeout=30_000)


def mark_words(page, first_word: int, words: int, key: str) -> None:
    """In the focused highlighter text: from the start, move ``first_word`` words right, extend
    the selection over ``words`` words, press ``key`` (a label's shortcut)."""
    page.keyboard.press("Home")
    for _ in range(first_word):
        page.keyboard.press("ArrowRight")
    for _ in range(words - 1):
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press(key)


def until_kernel(page, code: str, predicate, *, timeout: float = 15.0):
    """Run ``code`` (printing JSON) in the kernel until ``predicate(value)`` holds; return the
    value. ipywidgets buffers updates while one is in flight, so an execute request can reach
    the kernel before the widget's last change does: poll instead of reading once."""
    from jlab import kernel_eval  # noqa: PLC0415
    deadline = time.monotonic() + timeout
    while True:
        value = json.loads(kernel_eval(page, code))
        if predicate(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def reload_with_fresh_kernel(page, jupyterlab, open_notebook, path: str) -> None:
    """Save the notebook, leave the page, shut down the notebook's kernel session (so the
    widget must restore from the store on disk, not from kernel memory), then open the
    notebook again in a fresh workspace and run all cells.

    (Restarting the kernel from the page instead makes JupyterLab 4.6 report "Canceled future
    for create_subshell_request" as a page error.)"""
    save_notebook(page)
    page.goto("about:blank")
    with urllib.request.urlopen(f"{jupyterlab.url}/api/sessions") as r:
        sessions = json.load(r)
    for s in sessions:
        if s.get("path") != path:
            continue                    # other tests' notebooks keep their kernels
        req = urllib.request.Request(f"{jupyterlab.url}/api/sessions/{s['id']}", method="DELETE")
        urllib.request.urlopen(req).close()
    open_notebook(page, path)


def save_notebook(page) -> None:
    """Clear the outputs and save the open notebook, so leaving the page raises no "unsaved changes" (beforeunload)
    dialog, which would abort the navigation and count as a page problem."""
    page.evaluate("""async () => {
        // outputs hold views of this kernel's widget models; reopened later they would log
        // "widget model not found", so clear them first (as nbstripout would)
        await window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs');
        await window.jupyterapp.commands.execute('docmanager:save'); }""")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")


def notebook_cell_types(page) -> list[str]:
    """Cell types of the open notebook, to check that keys pressed in a widget did not reach
    JupyterLab's command-mode shortcuts."""
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.map(c => c.model.type)")


def no_injected_elements(locator) -> bool:
    return locator.locator("img, script").count() == 0


def tall_screenshot(page, locator, name: str, folder, height: int = 2400) -> None:
    """Screenshot of a tall widget: enlarge the viewport so it is not cut by the status bar."""
    from jlab import screenshot  # noqa: PLC0415
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    try:
        locator.scroll_into_view_if_needed()
        screenshot(locator, name, folder)
    finally:
        page.set_viewport_size(size)
