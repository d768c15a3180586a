// Shared DOM helpers for the course widgets, prepended to each widget's module by
// medialit.widgets._base.esm(). Data only ever reaches the page through textContent and
// setAttribute; there is no innerHTML anywhere.

function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") el.textContent = String(v);
    else if (k === "className" || k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);  // strings become text
  return el;
}

// A prefix for element ids that is unique in the page. (anywidget gives every widget its own
// copy of this module, so a counter kept in the module would start at 1 for each widget, and
// two widgets would share ids: a <label for> would then point into the wrong widget.)
function pageUid(prefix) {
  window.__mlIds = (window.__mlIds || 0) + 1;
  return `${prefix}-${window.__mlIds}`;
}

// An http(s) address, or null: anything else (javascript:, data:) never becomes a link.
function safeHref(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (e) { return null; }
}

// What every course widget shares: colours from JupyterLab's theme variables (so the dark
// theme works), a 3 px focus ring, and controls at least 24 px high (WCAG 2.2 target size).
// Installed once per page; each widget's root gets the class "ml-widget".
const ML_BASE_CSS = `
.ml-widget {
  --ml-fg: var(--jp-content-font-color1, #111); --ml-fg2: var(--jp-content-font-color2, rgba(0,0,0,.7));
  --ml-bg: var(--jp-layout-color0, #fff); --ml-bg1: var(--jp-layout-color1, #fff);
  --ml-line: var(--jp-border-color1, #bdbdbd); --ml-control: color-mix(in srgb, var(--ml-fg) 62%, transparent);
  --ml-focus: var(--jp-brand-color1, #1976d2); --ml-error: var(--jp-error-color1, #d32f2f);
  --ml-link: var(--jp-content-link-color, #1565c0); --ml-tint: color-mix(in srgb, var(--ml-focus) 14%, transparent);
  color: var(--ml-fg); font-family: var(--jp-content-font-family, system-ui, sans-serif);
  line-height: 1.5; max-width: 100%; box-sizing: border-box; overflow-wrap: break-word;
}
.ml-widget *, .ml-widget *::before, .ml-widget *::after { box-sizing: border-box; }
.ml-widget :focus-visible, .ml-widget:focus-visible { outline: 3px solid var(--ml-focus); outline-offset: 2px; }
.ml-widget button, .ml-widget select, .ml-widget input[type=search], .ml-widget input[type=text] {
  min-height: 28px; font: inherit; color: var(--ml-fg); background: var(--ml-bg1);
  border: 1px solid var(--ml-control); border-radius: 4px; padding: 0.15em 0.6em; }
.ml-widget button { cursor: pointer; }
.ml-widget button:disabled { cursor: default; opacity: 0.65; }
.ml-widget textarea { font: inherit; color: var(--ml-fg); background: var(--ml-bg); border: 1px solid var(--ml-control);
  border-radius: 4px; max-width: 100%; }
.ml-widget input[type=checkbox], .ml-widget input[type=radio] { width: 24px; height: 24px; margin: 0 0.4em 0 0;
  vertical-align: middle; accent-color: var(--ml-focus); flex: none; }
.ml-widget a { color: var(--ml-link); }
.ml-widget label { cursor: pointer; }
.ml-widget .ml-check { display: inline-flex; align-items: center; gap: 0.1em; min-height: 28px; }
.ml-widget .ml-muted { color: var(--ml-fg2); }
.ml-widget .ml-problem { color: var(--ml-error); }
.ml-widget [hidden] { display: none !important; }
/* the Reflection box is built from ipywidgets (Textarea, Button): the same ring, and no overflow */
.medialit-reflection-box textarea:focus-visible, .medialit-reflection-box button:focus-visible {
  outline: 3px solid var(--jp-brand-color1, #1976d2) !important; outline-offset: 2px; }
.medialit-reflection-box .widget-textarea { width: auto !important; max-width: 100%; }
`;

function installBase() {
  const id = "medialit-widget-base-css";
  let st = document.getElementById(id);
  if (st && st.mlCss === ML_BASE_CSS) return;        // (reading textContent back would copy it)
  if (!st) { st = document.createElement("style"); st.id = id; document.head.appendChild(st); }
  if (st.textContent !== ML_BASE_CSS) st.textContent = ML_BASE_CSS;
  st.mlCss = ML_BASE_CSS;
}

// Redraw without losing the keyboard focus: the focused control is found again after the
// redraw by its data-fid attribute (or, failing that, focus goes to ``fallback``).
function keepFocus(root, draw, fallback = null) {
  const active = document.activeElement;
  const inside = active && root.contains(active);
  const fid = inside ? active.getAttribute("data-fid") : null;
  draw();
  if (!inside || root.contains(active)) return;
  const again = fid ? root.querySelector(`[data-fid="${CSS.escape(fid)}"]`) : null;
  if (again && !again.disabled) again.focus({ preventScroll: true });
  else if (fallback) fallback.focus({ preventScroll: true });
}
