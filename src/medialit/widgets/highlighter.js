// SpanHighlighter front end. Python owns the spans; this file draws them and sends
// {op: "add" | "update" | "delete" | "show_key"} messages. Data is rendered with textContent only.
//
// The text is one text node (white-space: pre-wrap, and unicode-bidi: plaintext so each
// paragraph of right-to-left text runs the right way). Spans are painted by the browser with the CSS Custom
// Highlight API (CSS.highlights, Highlight over StaticRange, ::highlight()): no element per
// token or span. ::highlight() takes no background-image, so each label's line pattern is a
// text-decoration-style, and overlapping spans sit in lanes (text-underline-offset).
// Highlights are invisible to screen readers: the spans are also listed as buttons
// ("Your spans"), and every change is announced in a live region.
// Offsets: Python sends token lengths in UTF-16 units, so the browser never counts code points.

// h(), installBase() and keepFocus() come from dom.js, the text layer (textLayer, installHighlightRules,
// sharedHighlight, assignLanes, setLabelLooks, ...) from highlighter_text.js, labelPalette() and
// helpText() from highlighter_palette.js, compareBody() and editorBody() from highlighter_panels.js,
// timeRender() and timeAdd() from highlighter_timing.js (see SpanHighlighter._esm).

function render({ model, el }) {
  const tStart = performance.now();
  installBase();
  if (model.get("stylesheet")) installStyles(model.get("stylesheet"));   // anywidget only (see highlighter.py)
  const hasHighlights = typeof CSS !== "undefined" && CSS.highlights && typeof Highlight === "function";
  if (hasHighlights) installHighlightRules({ looks: model.get("labels").length, compare: model.get("compare") });

  // ---- skeleton: the fixed elements, cloned from a template built once per page
  const { root, title, palette, revealBox, revealLabel, revealText, compareBox, compareText, compareLabel, keyButton,
    help, status, saveLine, errorLine, editor, spanList, spanSummary, spansBox, comparePanel, doc } = skeleton();
  revealText.textContent = model.get("reveal_label");
  keyButton.addEventListener("click", () => { if (model.get("marks").length) model.send({ op: "show_key" }); });

  // ---- text and tokens (highlighter_text.js)
  const T = textLayer(doc);
  const setTokens = () => T.setTokens(model.get("shown"), model.get("token_units"), model.get("token_kinds"));
  setTokens();
  const { isSpace, tokenAt, quoteOf, rangeOf } = T;

  let cur = null;        // token index of the keyboard cursor
  let anc = null;        // selection anchor (token index) or null
  let pending = false;   // a selection waits for a label
  let editorFor = null;  // token index whose spans the editor shows
  let editorPick = 0;    // which of those spans
  let req = 0;
  let provisional = [];  // spans drawn at once, before Python confirms them: {req, t0, t1, label}
  const layers = { mine: true, key: true, base: true };

  const labels = () => model.get("labels");
  const labelIndex = () => Object.fromEntries(labels().map((l, i) => [l.id, i]));
  const nameOf = (id) => (labels().find((l) => l.id === id) || { name: id }).name;

  el.appendChild(root);
  // keys pressed anywhere in the widget (arrows on a checkbox, Space on a button) stay in it
  const keep = (e) => { if (!e.altKey && !e.ctrlKey && !e.metaKey) e.stopPropagation(); };
  root.addEventListener("keydown", keep);

  // ---- the document (highlighter_text.js): inline label tags when there are few spans
  const tags = () => (layers.mine ? T.tagsFor(myMarks(), nameOf) : new Map());
  const buildDoc = () => T.build(tags());
  const refreshTags = () => T.refresh(tags());

  // ---- painting
  function myMarks() {
    const marks = model.get("marks");
    if (!provisional.length) return marks;
    const have = new Set(marks.map((m) => `${m.t0}:${m.t1}:${m.label}`));
    return marks.concat(provisional.filter((p) => !have.has(`${p.t0}:${p.t1}:${p.label}`)));
  }
  // Two sets of ranges in the page's shared highlights: the spans (the student's, and the key's
  // and the baseline's in compare mode), redrawn when they change; and the cursor and selection,
  // redrawn on every key press without touching the spans.
  let drawnSpans = new Map();    // name -> this widget's ranges
  let drawnCursor = new Map();
  function unpaintSet(drawn) {
    for (const [name, ranges] of drawn) { const hl = sharedHighlight(name); for (const r of ranges) hl.delete(r); }
  }
  function unpaint() { unpaintSet(drawnSpans); unpaintSet(drawnCursor); drawnSpans = new Map(); drawnCursor = new Map(); }
  function addRange(groups, name, t0, t1) {
    const r = rangeOf(t0, t1);
    if (!r) return;
    const list = groups.get(name);
    if (list) list.push(r); else groups.set(name, [r]);
  }
  function paintSpans() {
    if (!hasHighlights) return;
    const idx = labelIndex();
    const groups = new Map();
    let lanesUsed = 1, looksUsed = 1;
    if (layers.mine) {
      const marks = myMarks();
      const lanes = assignLanes(marks);
      for (let i = 0; i < marks.length; i++) {
        const li = idx[marks[i].label];
        if (li === undefined) continue;
        const look = li % LOOKS;
        if (look >= looksUsed) looksUsed = look + 1;
        if (lanes[i] >= lanesUsed) lanesUsed = lanes[i] + 1;
        addRange(groups, markName(look, lanes[i]), marks[i].t0, marks[i].t1);
      }
    }
    if (model.get("compare")) {
      if (layers.key) for (const m of model.get("key_marks")) { const li = idx[m.label]; addRange(groups, li === undefined ? "ml-kx" : `ml-k${li % LOOKS}`, m.t0, m.t1); }
      if (layers.base) for (const m of model.get("base_marks")) { const li = idx[m.label]; if (li !== undefined) addRange(groups, `ml-b${li % LOOKS}`, m.t0, m.t1); }
    }
    installHighlightRules({ looks: Math.max(looksUsed, labels().length), lanes: lanesUsed, compare: model.get("compare") });
    unpaintSet(drawnSpans);
    for (const [name, ranges] of groups) addToHighlight(name, ranges);
    drawnSpans = groups;
  }
  function paintCursor() {
    if (!hasHighlights) return;
    const groups = new Map();
    const sel = pending ? selRange() : null;
    if (sel) addRange(groups, "ml-sel", sel[0], sel[1]);
    if (cur !== null && document.activeElement === doc) addRange(groups, "ml-cur", cur, cur + 1);
    unpaintSet(drawnCursor);
    for (const [name, ranges] of groups) addToHighlight(name, ranges);
    drawnCursor = groups;
  }
  function paint() { paintSpans(); paintCursor(); }

  // ---- palette (highlighter_palette.js): a toolbar with one tab stop
  const pal = labelPalette(palette, { labels, say: (t) => say(t), onPick: (id) => applyLabel(id),
    onEscape: () => { doc.focus(); say("Back in the text."); } });

  // ---- selection and cursor
  function selRange() {
    if (cur === null) return null;
    const a = anc === null ? cur : anc;
    return [Math.min(a, cur), Math.max(a, cur) + 1];
  }
  function trimRange(lo, hi) {
    while (lo < hi && isSpace(lo)) lo++;
    while (hi > lo && isSpace(hi - 1)) hi--;
    return [lo, hi];
  }
  function nextWord(i, dir) {
    let j = i + dir;
    while (j >= 0 && j < T.nTok && isSpace(j)) j += dir;
    return j >= 0 && j < T.nTok ? j : i;
  }
  function marksAt(i) {
    return model.get("marks").filter((m) => m.t0 <= i && i < m.t1).sort((a, b) => (a.t1 - a.t0) - (b.t1 - b.t0));
  }
  function scrollToToken(i) {
    const r = rangeOf(i, i + 1);
    if (!r) return;
    const live = document.createRange();
    live.setStart(r.startContainer, r.startOffset); live.setEnd(r.endContainer, r.endOffset);
    const box = live.getBoundingClientRect(), view = doc.getBoundingClientRect();
    if (box.top < view.top) doc.scrollTop -= view.top - box.top + 8;
    else if (box.bottom > view.bottom) doc.scrollTop += box.bottom - view.bottom + 8;
  }

  // ---- actions
  function say(text) { status.textContent = text; }
  function applyLabel(labelId, t0 = performance.now()) {
    const r = pending ? selRange() : null;
    if (!r) { say("Select some words first: drag over them, or click the text and use the arrow keys."); doc.focus({ preventScroll: true }); return; }
    const [lo, hi] = trimRange(r[0], r[1]);
    if (lo >= hi) { say("The selection holds only spaces; select some words."); return; }
    const q = quoteOf(lo, hi);
    anc = null; pending = false; cur = hi - 1;
    let added = false;
    if (myMarks().some((m) => m.t0 === lo && m.t1 === hi && m.label === labelId)) {
      say(`\u201c${q}\u201d is already marked as ${nameOf(labelId)}.`);
    } else {
      // drawn at once; Python's marks replace it when they arrive
      const n = ++req;
      provisional.push({ req: n, t0: lo, t1: hi, label: labelId, id: `pending-${n}`, note: "" });
      model.send({ op: "add", t0: lo, t1: hi, label: labelId, req: n });
      say(`Marked \u201c${q}\u201d as ${nameOf(labelId)}.`);
      added = true;
    }
    refreshTags();
    paint();
    drawSpanList();
    doc.focus({ preventScroll: true });
    if (added) timeAdd(model, t0, req);   // highlighter_timing.js
  }
  function deleteAt(i) {
    const ms = marksAt(i);
    if (!ms.length) { say("There is no span here to delete."); return; }
    const m = ms[0];
    model.send({ op: "delete", id: m.id });
    say(`Deleted the ${nameOf(m.label)} span \u201c${quoteOf(m.t0, m.t1)}\u201d.`);
  }
  function openEditor(i, pick = 0) {
    const ms = marksAt(i);
    if (!ms.length) { say("There is no span here to edit."); closeEditor(false); return; }
    editorFor = i;
    editorPick = Math.min(pick, ms.length - 1);
    drawEditor(true);
  }
  function closeEditor(focusDoc = true) {
    editorFor = null; editorPick = 0;
    editor.hidden = true; editor.replaceChildren();
    if (focusDoc) doc.focus({ preventScroll: true });
  }
  function drawEditor(focus) {
    if (editorFor === null) return;
    const ms = marksAt(editorFor);
    if (!ms.length) { closeEditor(false); return; }
    editorPick = Math.min(editorPick, ms.length - 1);
    const m = ms[editorPick];
    const q = quoteOf(m.t0, m.t1);
    const hadFocus = editor.contains(document.activeElement);
    const select = editorBody(editor, ms, editorPick, { nameOf, quoteOf, labels: labels(),
      onPick: (k) => { editorPick = k; drawEditor(true); },
      onSave: (label, note) => {
        model.send({ op: "update", id: m.id, label, note });
        say(`Saved the ${nameOf(label)} span \u201c${q}\u201d.`);
        closeEditor();
      },
      onDelete: () => {
        model.send({ op: "delete", id: m.id });
        say(`Deleted the ${nameOf(m.label)} span \u201c${q}\u201d.`);
        closeEditor();
      },
      onClose: () => closeEditor() });
    if (focus || hadFocus) select.focus();
  }
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { e.preventDefault(); closeEditor(); }
    e.stopPropagation(); // keep JupyterLab's notebook shortcuts out of the editor
  });

  // ---- the accessible list of spans (highlights are not in the accessibility tree)
  function drawSpanList() {
    const marks = model.get("marks");
    spanSummary.textContent = `Your spans (${marks.length})`;
    spansBox.hidden = marks.length === 0;
    if (!spansBox.open) { spanList.replaceChildren(); return; }   // built when opened
    keepFocus(spansBox, () => {
      spanList.replaceChildren(...marks.map((m, k) => h("li", {}, h("button", {
        type: "button", class: "ml-chip", "data-fid": `chip-${m.id}`,
        text: `${nameOf(m.label)}: \u201c${quoteOf(m.t0, m.t1)}\u201d${m.note ? " \u2014 note: " + m.note : ""}`,
        onclick: () => {
          cur = m.t0; anc = null; pending = false;
          const here = marksAt(m.t0);
          openEditor(m.t0, Math.max(0, here.findIndex((x) => x.id === m.id)));
          scrollToToken(m.t0);
          paintCursor();
        },
      }))));
    }, spanSummary);
  }
  let listTouched = false;
  spansBox.addEventListener("toggle", () => { listTouched = true; drawSpanList(); });

  // ---- keyboard in the text
  doc.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const t0 = performance.now();
    if (cur === null) cur = nextWord(-1, 1);
    let handled = true;
    const k = e.key;
    if (k === "ArrowRight" || k === "ArrowLeft") {
      const dir = k === "ArrowRight" ? 1 : -1;
      if (e.shiftKey) { if (anc === null) anc = cur; } else anc = null;
      cur = nextWord(cur, dir);
      pending = true;
      say(`\u201c${quoteOf(...selRange())}\u201d`);
    } else if (k === "ArrowDown" || k === "ArrowUp") {
      const ms = model.get("marks");
      const m = k === "ArrowDown" ? ms.find((x) => x.t0 > cur) : [...ms].reverse().find((x) => x.t0 < cur);
      if (m) { cur = m.t0; anc = null; pending = true; say(`${nameOf(m.label)}: \u201c${quoteOf(m.t0, m.t1)}\u201d`); }
      else say(k === "ArrowDown" ? "No more spans below." : "No more spans above.");
    } else if (k === "Home" || k === "End") {
      anc = e.shiftKey ? (anc === null ? cur : anc) : null;
      cur = k === "Home" ? nextWord(-1, 1) : nextWord(T.nTok, -1);
      pending = true;
    } else if (/^[1-9]$/.test(k)) {
      const lab = labels().find((l) => l.shortcut === k);
      if (lab) applyLabel(lab.id, t0); else say(`No label has the key ${k}; press L to pick from all labels.`);
    } else if (k === "l" || k === "L") {
      if (!pending) say("Select some words first (arrow keys, Shift+arrows); then press L.");
      else { pal.open(); say("Pick a label: type its first letters or use the arrow keys, then Enter. Escape goes back."); }
    } else if (k === "Enter") {
      openEditor(cur);
    } else if (k === "Delete" || k === "Backspace") {
      deleteAt(cur);
    } else if (k === "Escape") {
      anc = null; pending = false; closeEditor(false); say("Cancelled.");
    } else handled = false;
    if (handled) {
      e.preventDefault();
      paintCursor();     // a label key or Delete redraws the spans itself
      if (document.activeElement === doc) scrollToToken(cur);
    }
    e.stopPropagation(); // JupyterLab must not treat these keys as notebook commands
  });
  doc.addEventListener("keyup", (e) => e.stopPropagation());
  let mouseDown = false;
  doc.addEventListener("mousedown", () => { mouseDown = true; });
  doc.addEventListener("focus", () => { if (cur === null && !mouseDown) cur = nextWord(-1, 1); paintCursor(); });
  doc.addEventListener("blur", () => paintCursor());

  // ---- mouse: map the browser's selection (DOM points, UTF-16) to tokens
  doc.addEventListener("mouseup", () => {
    mouseDown = false;
    const s = window.getSelection();
    if (!s || s.rangeCount === 0) return;
    const r = s.getRangeAt(0);
    if (!doc.contains(r.startContainer) || !doc.contains(r.endContainer)) return;
    const a = T.pointOffset(r.startContainer, r.startOffset), b = T.pointOffset(r.endContainer, r.endOffset);
    if (a === null || b === null) return;
    if (s.isCollapsed || a === b) {
      const i = tokenAt(a);
      cur = isSpace(i) ? nextWord(i, 1) : i;
      anc = null; pending = false;
      if (marksAt(i).length) openEditor(i); else closeEditor(false);
      paintCursor();
      return;
    }
    const [lo, hi] = trimRange(tokenAt(Math.min(a, b)), tokenAt(Math.max(a, b) - 1) + 1);
    s.removeAllRanges();
    if (lo >= hi) return;
    anc = lo; cur = hi - 1; pending = true;
    closeEditor(false);
    doc.focus({ preventScroll: true });
    paintCursor();
    const keys = labels().some((l) => l.shortcut) ? "press a label's number, L for the label list, or click a label" : "press L for the label list, or click a label";
    say(`Selected \u201c${quoteOf(lo, hi)}\u201d: ${keys}.`);
  });

  // ---- options
  revealBox.addEventListener("change", () => { model.set("reveal", revealBox.checked); model.save_changes(); });
  compareBox.addEventListener("change", () => { model.set("compare", compareBox.checked); model.save_changes(); });

  function drawOptions() {
    revealLabel.hidden = !model.get("has_masked");
    revealBox.checked = model.get("reveal");
    compareLabel.hidden = !model.get("can_compare");
    compareText.textContent = model.get("has_key") ? "Compare with the key and the lexicon baseline" : "Compare with the lexicon baseline";
    compareBox.checked = model.get("compare");
    const nMarks = model.get("marks").length;
    keyButton.hidden = !model.get("has_key");
    keyButton.disabled = nMarks === 0 || model.get("key_shown");
    keyButton.textContent = model.get("key_shown") ? "Key shown below" : "Show the key";
    keyButton.title = nMarks === 0 ? "Mark at least one span first" : "";
    title.textContent = model.get("doc_title");
    saveLine.textContent = model.get("save_status");
    saveLine.hidden = !model.get("save_status");
    errorLine.textContent = model.get("error");
    errorLine.hidden = !model.get("error");
    help.textContent = helpText(labels());
  }

  function drawCompare() {
    const on = model.get("compare");
    comparePanel.hidden = !on && !model.get("key_shown");
    keepFocus(comparePanel, () => drawCompareBody(on), compareBox);
  }
  const drawCompareBody = (on) => compareBody(comparePanel, model, on, layers, nameOf, () => { refreshTags(); paint(); });

  // ---- Python's answer to each added span: its marks are current, the drawn-at-once span can go
  function onCustom(msg) {
    if (!msg || msg.op !== "done") return;
    const before = provisional.length;
    provisional = provisional.filter((p) => p.req !== msg.req);
    if (provisional.length !== before) { refreshTags(); paint(); }
  }
  model.on("msg:custom", onCustom);

  const phases = { setup: performance.now() - tStart };
  function drawAll() {
    let t = performance.now();
    const lap = (name) => { const now = performance.now(); phases[name] = now - t; t = now; };
    setLabelLooks(root, labels()); drawOptions(); pal.draw(); lap("chrome");
    buildDoc(); lap("doc");
    paint(); lap("paint");
    spansBox.open = model.get("marks").length <= CHIP_LIMIT;
    drawSpanList(); drawCompare(); lap("lists");
  }
  drawAll();

  const onTokens = () => { setTokens(); buildDoc(); paint(); drawSpanList(); drawEditor(false); };
  const onMarks = () => {
    refreshTags(); paint(); drawOptions(); drawSpanList(); drawEditor(false);
    if (!listTouched) spansBox.open = model.get("marks").length <= CHIP_LIMIT;
  };
  const onLabels = () => { setLabelLooks(root, labels()); keepFocus(palette, pal.draw); refreshTags(); paint(); drawOptions(); };
  const onCompare = () => { drawOptions(); paint(); drawCompare(); };
  const handlers = [
    ["shown", onTokens], ["marks", onMarks], ["labels", onLabels], ["compare", onCompare],
    ["key_marks", paint], ["base_marks", paint], ["scores", drawCompare], ["feedback_items", drawCompare],
    ["summary", drawCompare], ["key_items", drawCompare], ["key_shown", onCompare],
    ...["reveal", "has_masked", "can_compare", "has_key", "save_status", "error", "doc_title"].map((t) => [t, drawOptions]),
  ];
  for (const [name, fn] of handlers) model.on(`change:${name}`, fn);

  timeRender(tStart, phases);   // highlighter_timing.js

  return () => {
    for (const [name, fn] of handlers) model.off(`change:${name}`, fn);
    model.off("msg:custom", onCustom);
    root.removeEventListener("keydown", keep);
    if (hasHighlights) unpaint();
  };
}

// The widget's fixed elements. The template is built once (per page with the course's extension,
// per widget with anywidget) and cloned: one native call instead of some forty DOM calls.
// data-lm-suppress-shortcuts: JupyterLab leaves keys pressed inside the widget to the widget.
function skeleton() {
  if (!skeleton.template) {
    const part = (name, tag, props = {}, ...kids) => h(tag, { ...props, "data-part": name }, ...kids);
    skeleton.template = part("root", "div", { class: "ml-hl ml-widget", "data-testid": "span-highlighter", "data-lm-suppress-shortcuts": "true" },
      part("title", "div", { class: "ml-title" }),
      part("palette", "div", { class: "ml-palette", role: "toolbar", "aria-label": "Labels: pick one to mark the selected words" }),
      h("div", { class: "ml-options" },
        part("revealLabel", "label", { class: "ml-check ml-reveal-label" },
          part("revealBox", "input", { type: "checkbox", class: "ml-reveal", "data-fid": "reveal" }), part("revealText", "span")),
        part("compareLabel", "label", { class: "ml-check" },
          part("compareBox", "input", { type: "checkbox", class: "ml-compare", "data-fid": "compare" }),
          part("compareText", "span", { text: "Compare with the key and the lexicon baseline" })),
        part("keyButton", "button", { type: "button", class: "ml-showkey", "data-fid": "showkey", text: "Show the key" })),
      part("help", "p", { class: "ml-help ml-muted" }),
      part("saveLine", "div", { class: "ml-save", role: "note" }),
      part("doc", "div", {
        class: "ml-doc", tabindex: "0", role: "textbox", "aria-readonly": "true", "aria-multiline": "true",
        "aria-label": "Text to annotate. Arrow keys move, Shift+arrows select, L picks a label, Enter edits, Delete removes, Escape cancels.",
      }),
      part("status", "div", { class: "ml-status", role: "status", "aria-live": "polite" }),
      part("errorLine", "div", { class: "ml-error", role: "alert" }),
      part("editor", "div", { class: "ml-editor", role: "dialog", "aria-label": "Edit span", hidden: true }),
      part("spansBox", "details", { class: "ml-spans" }, part("spanSummary", "summary"),
        part("spanList", "ul", { class: "ml-spanlist", "aria-label": "Your spans" })),
      part("comparePanel", "div", { class: "ml-comparepanel", hidden: true }));
  }
  const root = skeleton.template.cloneNode(true);
  const parts = { root };
  for (const e of root.querySelectorAll("[data-part]")) parts[e.getAttribute("data-part")] = e;
  return parts;
}

export default { render };
