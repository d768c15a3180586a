"""Readable at 1024 and 1280 px wide (issue 8): in every output area of lessons 00-04 and 08
(its case picker's text boxes and list), nothing sticks out to the right (outside a scrolling
box) and no two controls overlap; screenshots of both widths go to tests/ui/screenshots/.
Lesson 06 with the sidebars open: the same, its framing definitions in full, and the source
comparer never wider than its output area."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SCREENSHOTS
from jlab import screenshot
from ui_helpers import tall_screenshot

REPO = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.stem for p in (REPO / "lessons").glob("0[0-48]-*.ipynb"))
LESSON_06 = "06-comparing-sources"
WIDTHS = (1280, 1024)

# Problems in the output areas of the open notebook: elements past the area's right edge (not
# inside a box that scrolls or clips), widget boxes that scroll sideways, and pairs of controls
# whose boxes overlap.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const visible = e => { const r = e.getBoundingClientRect(); const cs = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none'; };
  const clipped = (e, area) => { for (let p = e.parentElement; p && p !== area; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
    return false; };
  const name = e => (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : e.tagName)
    + ' ' + (e.textContent || '').trim().slice(0, 40);
  const areas = [...window.jupyterapp.shell.currentWidget.node.querySelectorAll('.jp-OutputArea-output')];
  areas.forEach((area, i) => {
    const box = area.getBoundingClientRect();
    for (const e of area.querySelectorAll('*')) {
      if (!visible(e) || clipped(e, area)) continue;
      const r = e.getBoundingClientRect();
      if (r.right > box.right + 2) { problems.push(`output ${i}: ${name(e)} sticks out by ${Math.round(r.right - box.right)} px`); break; }
    }
    // an ipywidgets box that scrolls sideways: its children are wider than it (clipped edges)
    for (const e of area.querySelectorAll('.jupyter-widgets')) {
      const o = getComputedStyle(e).overflowX;
      if (visible(e) && (o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth + 1) {
        problems.push(`output ${i}: widget box ${name(e)} scrolls sideways by ${e.scrollWidth - e.clientWidth} px`); break; }
    }
    const controls = [...area.querySelectorAll('button, input, select, textarea, a[href], label')].filter(visible);
    for (let a = 0; a < controls.length; a++) for (let b = a + 1; b < controls.length; b++) {
      const x = controls[a], y = controls[b];
      if (x.contains(y) || y.contains(x) || (x.tagName === 'LABEL' && x.htmlFor && x.htmlFor === y.id)
          || (y.tagName === 'LABEL' && y.htmlFor && y.htmlFor === x.id)) continue;
      // line boxes, not bounding boxes: a link that wraps onto two lines overlaps nothing
      const hit = [...x.getClientRects()].some(p => [...y.getClientRects()].some(q => {
        const w = Math.min(p.right, q.right) - Math.max(p.left, q.left), h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        return w > 2 && h > 2; }));
      if (hit) problems.push(`output ${i}: ${name(x)} overlaps ${name(y)}`);
    }
  });
  return problems;
}"""


@pytest.fixture(scope="module")
def served(jupyterlab):
    for name in LESSONS + [LESSON_06]:
        shutil.copy(REPO / "lessons" / f"{name}.ipynb", jupyterlab.root / f"layout-{name}.ipynb")
    return LESSONS


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_outputs_fit_at_1024_and_1280(page, open_notebook, served, name):
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    open_notebook(page, f"layout-{name}.ipynb")
    page.wait_for_function("""() => { const t = [...document.querySelectorAll('.jp-OutputArea-output')]
        .map(o => o.textContent).join(''); return t.length > 0 && !/Loading widget/.test(t); }""", timeout=30_000)
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(300)                       # let JupyterLab lay out again
        found[width] = page.evaluate(LAYOUT_PROBLEMS)
        size = page.viewport_size
        page.set_viewport_size({"width": width, "height": 4000})
        page.evaluate("() => { const s = window.jupyterapp.shell.currentWidget.node"
                      ".querySelector('.jp-WindowedPanel-outer'); if (s) s.scrollTop = 0; }")
        page.wait_for_timeout(200)
        screenshot(page, f"layout-{name}-{width}", SCREENSHOTS)
        page.set_viewport_size(size)
    assert found == {w: [] for w in WIDTHS}


# Open (True) or close a side area of JupyterLab: "left" (file browser) or "right".
SIDE = """([side, open]) => { const shell = window.jupyterapp.shell;
  const collapsed = side === 'left' ? shell.leftCollapsed : shell.rightCollapsed;
  if (collapsed === open) return window.jupyterapp.commands.execute(`application:toggle-${side}-area`); }"""
# How far the source comparer reaches past its output area, and whether that area scrolls sideways.
COMPARER_FITS = """() => { const sc = document.querySelector('.ml-sc'), area = sc.closest('.jp-OutputArea-output');
  const right = area.getBoundingClientRect().right;
  const over = Math.max(0, ...[sc, ...sc.querySelectorAll('*')].map(e => e.getBoundingClientRect().right - right));
  return {over: Math.round(over), scrolls: area.scrollWidth > area.clientWidth,
          panel: document.querySelector('.jp-WindowedPanel-outer').scrollWidth
                 > document.querySelector('.jp-WindowedPanel-outer').clientWidth}; }"""
# The framing definitions as shown: [framing, what it means], one pair per table row.
DEFINITIONS = """() => { const t = [...document.querySelectorAll('.jp-OutputArea-output table')]
    .find(x => x.textContent.includes('what it means') && x.textContent.includes('same facts'));
  return [...t.querySelectorAll('tbody tr')].map(r => [r.querySelector('th').innerText.trim(),
    r.querySelector('td').innerText.trim()]); }"""
FITS = {"over": 0, "scrolls": False, "panel": False}


def test_lesson_06_fits_with_the_sidebars_open(page, open_notebook, served):
    from medialit.topics import FRAMING_CHOICES
    page.set_viewport_size({"width": 1280, "height": 900})
    open_notebook(page, f"layout-{LESSON_06}.ipynb")
    page.locator(".ml-sc-col").first.wait_for()
    page.evaluate(SIDE, ["left", True])
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.jupyterapp.shell.leftCollapsed") is False
        found[width] = {"problems": page.evaluate(LAYOUT_PROBLEMS), "comparer": page.evaluate(COMPARER_FITS),
                        "definitions": page.evaluate(DEFINITIONS)}
        tall_screenshot(page, page.locator(".ml-sc"), f"layout-{LESSON_06}-comparer-{width}", SCREENSHOTS)
    want = {"problems": [], "comparer": FITS, "definitions": [list(x) for x in FRAMING_CHOICES]}
    assert found == {w: want for w in WIDTHS}
    # both side areas open at 1024 px: the comparer is narrow but still fits (no sideways scrolling)
    page.evaluate(SIDE, ["right", True])
    page.wait_for_timeout(300)
    assert page.evaluate(COMPARER_FITS) == FITS
    tall_screenshot(page, page.locator(".ml-sc"), f"layout-{LESSON_06}-comparer-both-sidebars", SCREENSHOTS)
