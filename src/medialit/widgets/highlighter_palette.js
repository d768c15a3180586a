// The highlighter's label toolbar: one tab stop; arrows, Home/End and type-ahead (a label's
// first letters) move, Enter or Space marks (the button's click), Escape goes back to the text.
// Prepended to highlighter.js with the text layer and the panels (one module; see SpanHighlighter._esm).

function labelPalette(palette, { labels, onPick, onEscape, say }) {
  let idx = 0;                   // the label button that has the toolbar's tab stop
  let typed = "", typedAt = 0;
  // The buttons for one set of labels are built once (per page with the course's extension) and
  // cloned; one click listener on the toolbar serves them all.
  function draw() {
    const labs = labels();
    idx = Math.min(idx, Math.max(labs.length - 1, 0));
    const key = JSON.stringify(labs);
    const made = (labelPalette.made = labelPalette.made || new Map());
    let tpl = made.get(key);
    if (!tpl) {
      tpl = document.createDocumentFragment();
      labs.forEach((lab, i) => {
        // the look's line, from the page's rules (highlightRules in highlighter_text.js)
        const sw = h("span", { class: `ml-swatch ml-look-${i % LOOKS}`, "aria-hidden": "true", text: "\u2003\u2003" });
        tpl.append(h("button", {
          type: "button", class: "ml-label-btn", "data-label": lab.id, "data-fid": `label-${i}`, "data-i": String(i),
          // one tab stop: the others are taken out of the tab order (a button is in it by default)
          tabindex: i === 0 ? undefined : "-1", title: `${lab.name}: ${styleOf(lab)} underline`,
          "aria-keyshortcuts": lab.shortcut || undefined,
        }, sw, lab.shortcut ? h("kbd", { class: "ml-shortcut", "aria-hidden": "true", text: lab.shortcut }) : null,
        h("span", { text: lab.name })));
      });
      made.set(key, tpl);
    }
    palette.replaceChildren(tpl.cloneNode(true));
    if (idx !== 0) setStop(palette.querySelectorAll("button"));
  }
  function setStop(btns) {
    btns.forEach((b, k) => { if (k === idx) b.removeAttribute("tabindex"); else b.setAttribute("tabindex", "-1"); });
  }
  palette.addEventListener("click", (e) => {
    const btn = e.target.closest ? e.target.closest("button.ml-label-btn") : null;
    if (!btn || !palette.contains(btn)) return;
    idx = Number(btn.getAttribute("data-i"));
    onPick(btn.getAttribute("data-label"));
  });
  function focus(i) {
    const btns = palette.querySelectorAll("button");
    if (!btns.length) return;
    idx = (i + btns.length) % btns.length;
    setStop(btns);
    btns[idx].focus();
  }
  function typeAhead(ch) {
    const now = performance.now();
    typed = (now - typedAt > 900 ? "" : typed) + ch.toLowerCase();
    typedAt = now;
    const labs = labels();
    const norm = (s) => String(s).toLowerCase().replace(/[_-]+/g, " ");
    const from = typed.length === 1 ? idx + 1 : idx;
    for (const test of [(n) => n.startsWith(typed), (n) => n.split(/[\s,]+/).some((w) => w.startsWith(typed))]) {
      for (let k = 0; k < labs.length; k++) {
        const i = (from + k) % labs.length;
        if (test(norm(labs[i].name))) return i;
      }
    }
    return -1;
  }
  palette.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key;
    let handled = true;
    if (k.length !== 1) typed = "";     // type-ahead starts afresh after any other key
    if (k === "ArrowRight" || k === "ArrowDown") focus(idx + 1);
    else if (k === "ArrowLeft" || k === "ArrowUp") focus(idx - 1);
    else if (k === "Home") focus(0);
    else if (k === "End") focus(labels().length - 1);
    else if (k === "Escape") onEscape();
    else if (k.length === 1 && /\S/.test(k)) {
      const i = typeAhead(k);
      if (i >= 0) { focus(i); say(`${labels()[i].name}: press Enter to mark.`); }
      else say(`No label starts with \u201c${typed}\u201d.`);
    } else handled = false;
    if (handled) e.preventDefault();
    e.stopPropagation();   // JupyterLab must not treat these keys as notebook commands
  });
  // open(): focus the toolbar's current label, with a fresh type-ahead
  return { draw, open: () => { typed = ""; focus(idx); } };
}

// The help line under the toolbar, for these labels (numbered ones have a key each).
function helpText(labs) {
  const numbered = labs.filter((l) => l.shortcut).length;
  return "Select words with the mouse, or click the text and use the arrow keys (Shift+arrows to extend). " +
    (numbered ? `Press ${numbered > 1 ? "1\u2013" + numbered : "1"} or click a label to mark them; ` : "Click a label to mark them; ") +
    "L opens the label list (type a label's first letters, then Enter). Click a marked span or press Enter to edit it; " +
    "Delete removes it; Up/Down jump between your spans; Escape cancels.";
}
