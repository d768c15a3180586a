"""Accessibility checks in the browser: axe-core (bundled by axe-playwright-python, offline)
scoped to one output area, the focus ring of every control reached by Tab, and overflow at
a given width. Plain functions over a Playwright page, shared by the audit tests."""
from __future__ import annotations

import json

from axe_playwright_python.base import AXE_SCRIPT

# WCAG 2.0-2.2 A and AA, including the opt-in target-size rule (24 px, WCAG 2.2 SC 2.5.8),
# and axe's best practices; only critical and serious findings fail a test.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations", "passes"],
}
FAILING = ("critical", "serious")

# html and body get a height, so axe can see the page behind a widget and colour contrast is
# actually computed (JupyterLab's own layout leaves them at zero height).
FULL_HEIGHT = "html, body { height: 100% !important; }"


def axe(page, selector: str, index: int = 0) -> dict:
    """axe-core results for the ``index``-th element matching ``selector`` (scrolled into view)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
        page.add_style_tag(content=FULL_HEIGHT)
    loc = page.locator(selector).nth(index)
    loc.scroll_into_view_if_needed()
    return loc.evaluate("(el, opts) => window.axe.run(el, opts)", AXE_OPTIONS)


def failures(results: dict) -> list[str]:
    """Critical and serious violations, one line per rule with its nodes."""
    out = []
    for v in results["violations"]:
        if v["impact"] in FAILING:
            nodes = "; ".join(f"{n['target']} {n.get('failureSummary', '')[:160]!r}" for n in v["nodes"][:6])
            out.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {nodes}")
    return out


def checked(results: dict, rule: str) -> int:
    """How many nodes passed ``rule`` (to show a check was not vacuous)."""
    return sum(len(p["nodes"]) for p in results["passes"] if p["id"] == rule)


def focus_rings(page, selector: str, index: int = 0, max_stops: int = 80) -> list[dict]:
    """Tab from just before the widget through every control in it; for each stop: the control,
    its outline width and style, and the outline's contrast with the background."""
    loc = page.locator(selector).nth(index)
    loc.scroll_into_view_if_needed()
    # after a key press, a focus() counts as keyboard focus (:focus-visible applies, as it does for
    # a student who tabs in)
    page.keyboard.press("Shift")
    first = loc.evaluate("""el => { const f = [...el.querySelectorAll('button, input, select, textarea, a[href], summary, [tabindex]')]
        .find(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length); if (f) f.focus(); return !!f; }""")
    if not first:
        return []
    stops = []
    seen = set()
    for _ in range(max_stops):
        info = page.evaluate(_RING, [selector, index])
        if not info["inside"]:
            break
        key = info["path"]
        if key in seen:
            break
        seen.add(key)
        stops.append(info)
        page.keyboard.press("Tab")
    return stops


# JS: the focused control, if it is inside the widget: its outline and the outline's contrast
# with the (alpha-composited) background behind it.
_RING = r"""([sel, index]) => {
  const root = document.querySelectorAll(sel)[index];
  const el = document.activeElement;
  if (!root || !root.contains(el)) return { inside: false };
  const lum = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const parse = (s) => { const m = String(s).match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3])).concat([1]);
  const layers = [];
  for (let e = el.parentElement; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  let bg = [255, 255, 255, 1];
  for (const c of layers.reverse()) bg = over(c, bg);
  const st = getComputedStyle(el);
  const ring = parse(st.outlineColor) || [0, 0, 0, 0];
  const col = over(ring, bg);
  const [x, y] = [lum(col), lum(bg)].sort((p, q) => q - p);
  const path = []; for (let e = el; e && e !== root; e = e.parentElement) path.push(e.tagName + ':' + [...e.parentElement.children].indexOf(e));
  return { inside: true, path: path.join('/'), what: el.outerHTML.slice(0, 90), style: st.outlineStyle,
           width: parseFloat(st.outlineWidth) || 0, contrast: Math.round((x + 0.05) / (y + 0.05) * 100) / 100,
           focusVisible: el.matches(':focus-visible') };
}"""


def weak_rings(stops: list[dict], minimum: float = 3.0) -> list[str]:
    """Stops whose focus ring is missing, thinner than 2 px or under ``minimum`` contrast."""
    return [json.dumps({k: s[k] for k in ("what", "style", "width", "contrast", "focusVisible")})
            for s in stops if s["style"] == "none" or s["width"] < 2 or s["contrast"] < minimum]


# JS: elements inside an output area that stick out of it (wider than the area, or cut off).
OVERFLOW = r"""sel => {
  const out = [];
  for (const area of document.querySelectorAll(sel)) {
    const box = area.getBoundingClientRect();
    for (const e of area.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if (!r.width || getComputedStyle(e).position === 'fixed') continue;
      if (r.right > box.right + 1 || r.left < box.left - 1) out.push(`${e.tagName}.${e.className}: ${Math.round(r.left)}..${Math.round(r.right)} vs ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
    if (area.scrollWidth > area.clientWidth + 1) out.push(`${sel} scrolls sideways: ${area.scrollWidth} > ${area.clientWidth}`);
  }
  return out.slice(0, 10);
}"""


def set_theme(page, name: str) -> None:
    """Switch JupyterLab's theme ("JupyterLab Light" or "JupyterLab Dark") and wait for it."""
    page.evaluate("name => window.jupyterapp.commands.execute('apputils:change-theme', {theme: name})", name)
    page.wait_for_function("name => document.body.dataset.jpThemeName === name", arg=name, timeout=30_000)
    page.wait_for_timeout(300)   # the theme's stylesheet applies on the next frame
