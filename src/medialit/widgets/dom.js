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

// An http(s) address, or null: anything else (javascript:, data:) never becomes a link.
function safeHref(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (e) { return null; }
}
