// SpanHighlighter front end. Python owns the spans; this file draws tokens and sends
// {op: "add" | "update" | "delete"} messages. Data is rendered with textContent only.

// h() comes from dom.js (see _base.esm).

const HEX = /^#[0-9a-fA-F]{6}$/;
function rgba(hex, a) {
  if (!HEX.test(hex)) return `rgba(128,128,128,${a})`;
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${a})`;
}
// One underline band per span: colour plus a line pattern, so colour is never the only cue.
function band(color, style) {
  const c = HEX.test(color) ? color : "#999999";
  switch (style) {
    case "dashed": return [`repeating-linear-gradient(90deg, ${c} 0 6px, transparent 6px 9px)`, 3];
    case "dotted": return [`repeating-linear-gradient(90deg, ${c} 0 2px, transparent 2px 4px)`, 3];
    case "double": return [`linear-gradient(to bottom, ${c} 0 1px, transparent 1px 2px, ${c} 2px 3px)`, 3];
    case "wavy": return [`repeating-linear-gradient(90deg, ${c} 0 8px, transparent 8px 10px, ${c} 10px 12px, transparent 12px 14px)`, 3];
    default: return [`linear-gradient(${c}, ${c})`, 3];
  }
}

const CHIP_LIMIT = 80;

function quoteOf(tokens, t0, t1) {
  let s = "";
  for (let i = t0; i < t1; i++) s += tokens[i].t;
  s = s.replace(/\s+/g, " ").trim();
  return s.length > 60 ? s.slice(0, 59) + "\u2026" : s;
}

function assignLanes(marks) {
  // greedy interval colouring so overlapping spans get different underline lanes
  const order = marks.map((m, i) => i).sort((a, b) => marks[a].t0 - marks[b].t0 || (marks[b].t1 - marks[b].t0) - (marks[a].t1 - marks[a].t0));
  const laneEnds = [];
  const lanes = new Array(marks.length);
  for (const i of order) {
    let l = laneEnds.findIndex((end) => end <= marks[i].t0);
    if (l < 0) { l = laneEnds.length; laneEnds.push(0); }
    laneEnds[l] = marks[i].t1;
    lanes[i] = l;
  }
  return lanes;
}

// One <style> per page, rewritten only when the stylesheet changes.
function installStyles(css) {
  const id = "medialit-highlighter-css";
  let st = document.getElementById(id);
  if (st && st.textContent === css) return;
  if (!st) { st = document.createElement("style"); st.id = id; document.head.appendChild(st); }
  st.textContent = css;
}

function render({ model, el }) {
  const tStart = performance.now();
  installStyles(model.get("stylesheet"));
  let tokens, fullText, u16;   // the tokens, their joined text and UTF-16 start of each
  function setTokens() {
    // compact state: the shown text, each token's length in UTF-16 units, one kind letter each
    const units = model.get("token_units"), kinds = model.get("token_kinds");
    fullText = model.get("shown");
    tokens = new Array(units.length);
    u16 = new Array(units.length + 1);
    let acc = 0;
    for (let i = 0; i < units.length; i++) {
      u16[i] = acc;
      tokens[i] = { t: fullText.slice(acc, acc + units[i]), k: kinds[i] };
      acc += units[i];
    }
    u16[units.length] = acc;
  }
  setTokens();
  let cur = null;        // token index of the keyboard cursor
  let anc = null;        // selection anchor (token index) or null
  let pending = false;   // a selection waits for a label
  let editorFor = null;  // token index whose spans the editor shows
  let editorPick = 0;    // which of those spans
  let message = "";
  const layers = { mine: true, key: true, base: true };

  const labelsById = () => Object.fromEntries(model.get("labels").map((l) => [l.id, l]));
  const nameOf = (id) => (labelsById()[id] || { name: id }).name;

  // ---- skeleton
  // data-lm-suppress-shortcuts: JupyterLab leaves keys pressed inside the widget to the widget
  const root = h("div", { class: "ml-hl", "data-testid": "span-highlighter", "data-lm-suppress-shortcuts": "true" });
  const title = h("div", { class: "ml-title" });
  const palette = h("div", { class: "ml-palette", role: "toolbar", "aria-label": "Labels: pick one to mark the selected words" });
  const options = h("div", { class: "ml-options" });
  const revealBox = h("input", { type: "checkbox", class: "ml-reveal", "aria-label": model.get("reveal_label") });
  const revealLabel = h("label", { class: "ml-reveal-label" }, revealBox, h("span", { text: model.get("reveal_label") }));
  const compareBox = h("input", { type: "checkbox", class: "ml-compare", "aria-label": "Compare with the key and the lexicon baseline" });
  const compareLabel = h("label", {}, compareBox, h("span", { text: "Compare with the key and the lexicon baseline" }));
  options.append(revealLabel, compareLabel);
  const help = h("p", { class: "ml-help", text:
    "Select words with the mouse, or click the text and use the arrow keys (Shift+arrows to extend). " +
    "Press 1\u20139 or click a label to mark them. Click a marked span or press Enter to edit it; " +
    "Delete removes it; Up/Down jump between your spans; Escape cancels." });
  const doc = h("div", {
    class: "ml-doc", tabindex: "0", role: "textbox", "aria-readonly": "true", "aria-multiline": "true",
    "aria-label": "Text to annotate. Arrow keys move, Shift+arrows select, number keys label, Enter edits, Delete removes, Escape cancels.",
  });
  const status = h("div", { class: "ml-status", role: "status", "aria-live": "polite" });
  const saveLine = h("div", { class: "ml-save", role: "note" });
  const errorLine = h("div", { class: "ml-error", role: "alert" });
  const editor = h("div", { class: "ml-editor", role: "dialog", "aria-label": "Edit span", hidden: true });
  const legend = h("div", { class: "ml-legend", "aria-label": "Legend" });
  const comparePanel = h("div", { class: "ml-comparepanel", hidden: true });
  root.append(title, palette, options, legend, help, saveLine, doc, status, errorLine, editor, comparePanel);
  el.appendChild(root);

  // ---- palette and legend
  function drawPalette() {
    palette.replaceChildren();
    for (const lab of model.get("labels")) {
      const [img] = band(lab.color, lab.style);
      const sw = h("span", { class: "ml-swatch", "aria-hidden": "true" });
      sw.style.backgroundImage = img;
      const b = h("button", {
        type: "button", class: "ml-label-btn", "data-label": lab.id,
        "aria-label": `Mark as ${lab.name}` + (lab.shortcut ? ` (key ${lab.shortcut})` : ""),
        onclick: () => applyLabel(lab.id),
      }, sw, h("span", { class: "ml-shortcut", text: lab.shortcut }), h("span", { text: lab.name }));
      palette.appendChild(b);
    }
  }
  function drawLegend() {
    legend.replaceChildren();
    const list = h("ul", { class: "ml-legend-list" });
    for (const lab of model.get("labels")) {
      const [img] = band(lab.color, lab.style);
      const sw = h("span", { class: "ml-swatch", "aria-hidden": "true" });
      sw.style.backgroundImage = img;
      list.appendChild(h("li", {}, sw, h("span", { text: `${lab.name} (${lab.style} underline)` })));
    }
    legend.appendChild(list);
    if (model.get("compare")) {
      legend.appendChild(h("p", { class: "ml-legend-layers", text:
        "Your spans: underlines. Key: shaded background. Lexicon baseline: dotted line above the words." }));
    }
  }

  // ---- the document
  function selRange() {
    if (cur === null) return null;
    const a = anc === null ? cur : anc;
    return [Math.min(a, cur), Math.max(a, cur) + 1];
  }

  // Label styles are CSS variables set once on the root (--ml-band<i>, --ml-tint<i>, --ml-c<i>);
  // each segment then only gets class names, which keeps the first render cheap.
  function setLabelVars() {
    model.get("labels").forEach((lab, i) => {
      const [img] = band(lab.color, lab.style);
      root.style.setProperty(`--ml-band${i % 10}`, img);
      root.style.setProperty(`--ml-tint${i % 10}`, rgba(lab.color, 0.28));
      root.style.setProperty(`--ml-c${i % 10}`, HEX.test(lab.color) ? lab.color : "#555555");
    });
  }

  function drawDoc() {
    const marks = layers.mine ? model.get("marks") : [];
    const compare = model.get("compare");
    const keyMarks = compare && layers.key ? model.get("key_marks") : [];
    const baseMarks = compare && layers.base ? model.get("base_marks") : [];
    const labList = model.get("labels");
    const idx = Object.fromEntries(labList.map((l, i) => [l.id, i % 10]));
    const names = Object.fromEntries(labList.map((l) => [l.id, l.name]));
    const lanes = assignLanes(marks);
    const n = tokens.length;
    const cuts = new Set([0, n]);
    for (const m of marks) { cuts.add(m.t0); cuts.add(m.t1); }
    for (const m of keyMarks) { cuts.add(m.t0); cuts.add(m.t1); }
    for (const m of baseMarks) { cuts.add(m.t0); cuts.add(m.t1); }
    const sel = pending ? selRange() : null;
    if (sel) { cuts.add(sel[0]); cuts.add(sel[1]); }
    if (cur !== null) { cuts.add(cur); cuts.add(cur + 1); }
    const bounds = [...cuts].filter((x) => x >= 0 && x <= n).sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    const byStart = (arr) => arr.map((m, i) => i).sort((a, b) => arr[a].t0 - arr[b].t0);
    const mOrder = byStart(marks), kOrder = byStart(keyMarks), bOrder = byStart(baseMarks);
    let mi = 0, ki = 0, bi = 0;
    let mActive = [], kActive = [], bActive = [];
    const nm = (id) => names[id] || id;
    for (let j = 0; j + 1 < bounds.length; j++) {
      const a = bounds[j], b = bounds[j + 1];
      while (mi < mOrder.length && marks[mOrder[mi]].t0 <= a) mActive.push(mOrder[mi++]);
      while (ki < kOrder.length && keyMarks[kOrder[ki]].t0 <= a) kActive.push(kOrder[ki++]);
      while (bi < bOrder.length && baseMarks[bOrder[bi]].t0 <= a) bActive.push(bOrder[bi++]);
      if (mActive.length) mActive = mActive.filter((i) => marks[i].t1 > a);
      if (kActive.length) kActive = kActive.filter((i) => keyMarks[i].t1 > a);
      if (bActive.length) bActive = bActive.filter((i) => baseMarks[i].t1 > a);
      const text = fullText.slice(u16[a], u16[b]);
      const seg = document.createElement("span");
      let cls = "ml-seg";
      seg.mlT0 = a;   // token range as properties, not attributes: cheaper for hundreds of segments
      seg.mlT1 = b;
      let inner = seg;
      if (mActive.length || kActive.length || bActive.length) {
        const titles = [];
        if (mActive.length) {
          cls += " ml-marked";
          // stacked underlines: one nested element per span, the highest lane outermost
          const act = mActive.slice().sort((x, y) => lanes[y] - lanes[x]);
          const ending = [];
          for (const i of act) {
            const m = marks[i];
            const el2 = document.createElement("span");
            const li = idx[m.label];
            el2.className = `ml-m ml-lane${Math.min(lanes[i], 5)} ${li === undefined ? "ml-labx" : "ml-lab" + li}`;
            inner.appendChild(el2);
            inner = el2;
            titles.push((compare ? "Yours: " : "") + nm(m.label) + (m.note ? ` \u2014 note: ${m.note}` : ""));
            if (m.t1 === b) ending.push(nm(m.label));
          }
          seg.dataset.labels = mActive.map((i) => marks[i].label).join(" ");
          if (ending.length) seg.dataset.tags = ending.join(" \u00b7 ");
        }
        if (kActive.length) {
          const li = idx[keyMarks[kActive[0]].label];
          cls += ` ml-key ml-k${li === undefined ? "x" : li}`;
          for (const i of kActive) titles.push(`Key: ${nm(keyMarks[i].label)}`);
        }
        if (bActive.length) {
          const li = idx[baseMarks[bActive[0]].label];
          cls += ` ml-base ml-b${li === undefined ? "x" : li}`;
          for (const i of bActive) titles.push(`Lexicon: ${nm(baseMarks[i].label)}` + (baseMarks[i].note ? ` \u2014 ${baseMarks[i].note}` : ""));
        }
        seg.title = titles.join("; ");
      }
      if (sel && a >= sel[0] && b <= sel[1]) cls += " ml-sel";
      if (cur !== null && a === cur && b === cur + 1) cls += " ml-cursor";
      seg.className = cls;
      inner.textContent = text;
      frag.appendChild(seg);
    }
    // inline label names after each span cost layout time (one generated text run each), so
    // they are shown up to CHIP_LIMIT spans; beyond that the line styles, legend and tooltips carry the names
    root.classList.toggle("ml-chips", marks.length <= CHIP_LIMIT);
    doc.replaceChildren(frag);
  }

  // ---- mapping DOM points to tokens
  function pointToToken(node, offset, isEnd) {
    let seg = null, off = 0;
    if (node.nodeType === Node.TEXT_NODE) {
      seg = node.parentElement && node.parentElement.closest(".ml-seg");
      off = offset;
    } else if (node === doc) {
      const kids = doc.childNodes;
      if (isEnd) { seg = kids[Math.max(0, offset - 1)]; off = seg ? seg.textContent.length : 0; }
      else { seg = kids[Math.min(offset, kids.length - 1)]; off = 0; }
    } else if (node.closest && node.closest(".ml-seg")) {
      seg = node.closest(".ml-seg");
      off = offset === 0 ? 0 : seg.textContent.length;
    }
    if (!seg || !doc.contains(seg)) return null;
    const t0 = seg.mlT0, t1 = seg.mlT1;
    let acc = 0;
    for (let i = t0; i < t1; i++) {
      const len = tokens[i].t.length; // UTF-16 units, as the DOM counts
      if (isEnd ? off <= acc + len && off > acc : off < acc + len) return i;
      acc += len;
    }
    return isEnd ? t1 - 1 : t1;
  }
  const isSpace = (i) => tokens[i] && tokens[i].k === "s";
  function trimRange(lo, hi) {
    while (lo < hi && isSpace(lo)) lo++;
    while (hi > lo && isSpace(hi - 1)) hi--;
    return [lo, hi];
  }
  function nextWord(i, dir) {
    let j = i + dir;
    while (j >= 0 && j < tokens.length && isSpace(j)) j += dir;
    return j >= 0 && j < tokens.length ? j : i;
  }
  function marksAt(i) {
    return model.get("marks").filter((m) => m.t0 <= i && i < m.t1).sort((a, b) => (a.t1 - a.t0) - (b.t1 - b.t0));
  }

  // ---- actions
  function say(text) { message = text; status.textContent = text; }
  function applyLabel(labelId) {
    const r = pending ? selRange() : null;
    if (!r) { say("Select some words first: drag over them, or click the text and use the arrow keys."); return; }
    const [lo, hi] = trimRange(r[0], r[1]);
    if (lo >= hi) { say("The selection holds only spaces; select some words."); return; }
    model.send({ op: "add", t0: lo, t1: hi, label: labelId });
    say(`Marked \u201c${quoteOf(tokens, lo, hi)}\u201d as ${nameOf(labelId)}.`);
    anc = null; pending = false; cur = hi - 1;
    drawDoc();
    doc.focus({ preventScroll: true });
  }
  function openEditor(i) {
    const ms = marksAt(i);
    if (!ms.length) { say("There is no span here to edit."); closeEditor(false); return; }
    editorFor = i;
    editorPick = Math.min(editorPick, ms.length - 1);
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
    const q = quoteOf(tokens, m.t0, m.t1);
    editor.replaceChildren();
    editor.hidden = false;
    editor.setAttribute("aria-label", `Edit the span \u201c${q}\u201d`);
    editor.appendChild(h("div", { class: "ml-editor-quote", text: `\u201c${q}\u201d` }));
    if (ms.length > 1) {
      const choose = h("div", { class: "ml-editor-choose", role: "group", "aria-label": "Spans here" });
      ms.forEach((mm, k) => choose.appendChild(h("button", {
        type: "button", "aria-pressed": k === editorPick ? "true" : "false",
        "aria-label": `Edit the ${nameOf(mm.label)} span \u201c${quoteOf(tokens, mm.t0, mm.t1)}\u201d`,
        text: `${nameOf(mm.label)}: \u201c${quoteOf(tokens, mm.t0, mm.t1)}\u201d`,
        onclick: () => { editorPick = k; drawEditor(true); },
      })));
      editor.appendChild(choose);
    }
    const select = h("select", { class: "ml-editor-label", "aria-label": "Label" });
    for (const lab of model.get("labels")) {
      const o = h("option", { value: lab.id, text: lab.name });
      if (lab.id === m.label) o.selected = true;
      select.appendChild(o);
    }
    const note = h("textarea", { class: "ml-editor-note", rows: "2", "aria-label": "Note", placeholder: "Why did you mark this? (optional)" });
    note.value = m.note || "";
    const save = () => {
      model.send({ op: "update", id: m.id, label: select.value, note: note.value });
      say(`Saved the ${nameOf(select.value)} span \u201c${q}\u201d.`);
      closeEditor();
    };
    const del = () => {
      model.send({ op: "delete", id: m.id });
      say(`Deleted the ${nameOf(m.label)} span \u201c${q}\u201d.`);
      closeEditor();
    };
    note.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); save(); }
    });
    editor.append(
      h("label", { class: "ml-editor-row" }, h("span", { text: "Label " }), select),
      h("label", { class: "ml-editor-row" }, h("span", { text: "Note " }), note),
      h("div", { class: "ml-editor-buttons" },
        h("button", { type: "button", class: "ml-save-btn", "aria-label": "Save span", text: "Save", onclick: save }),
        h("button", { type: "button", class: "ml-delete-btn", "aria-label": "Delete span", text: "Delete", onclick: del }),
        h("button", { type: "button", class: "ml-close-btn", "aria-label": "Close editor", text: "Close", onclick: () => closeEditor() })),
    );
    if (focus) select.focus();
  }
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); closeEditor(); }
    e.stopPropagation(); // keep JupyterLab's notebook shortcuts out of the editor
  });

  function deleteAt(i) {
    const ms = marksAt(i);
    if (!ms.length) { say("There is no span here to delete."); return; }
    const m = ms[0];
    model.send({ op: "delete", id: m.id });
    say(`Deleted the ${nameOf(m.label)} span \u201c${quoteOf(tokens, m.t0, m.t1)}\u201d.`);
  }

  doc.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (cur === null) cur = nextWord(-1, 1);
    let handled = true;
    const k = e.key;
    if (k === "ArrowRight" || k === "ArrowLeft") {
      const dir = k === "ArrowRight" ? 1 : -1;
      if (e.shiftKey) { if (anc === null) anc = cur; } else anc = null;
      cur = nextWord(cur, dir);
      pending = true;
      say(`\u201c${quoteOf(tokens, ...selRange())}\u201d`);
    } else if (k === "ArrowDown" || k === "ArrowUp") {
      const ms = model.get("marks");
      const m = k === "ArrowDown" ? ms.find((x) => x.t0 > cur) : [...ms].reverse().find((x) => x.t0 < cur);
      if (m) { cur = m.t0; anc = null; pending = true; say(`${nameOf(m.label)}: \u201c${quoteOf(tokens, m.t0, m.t1)}\u201d`); }
      else say(k === "ArrowDown" ? "No more spans below." : "No more spans above.");
    } else if (k === "Home" || k === "End") {
      anc = e.shiftKey ? (anc === null ? cur : anc) : null;
      cur = k === "Home" ? nextWord(-1, 1) : nextWord(tokens.length, -1);
      pending = true;
    } else if (/^[1-9]$/.test(k)) {
      const lab = model.get("labels").find((l) => l.shortcut === k);
      if (lab) { pending = true; applyLabel(lab.id); } else say(`No label has the key ${k}.`);
    } else if (k === "Enter") {
      openEditor(cur);
    } else if (k === "Delete" || k === "Backspace") {
      deleteAt(cur);
    } else if (k === "Escape") {
      anc = null; pending = false; closeEditor(false); say("Cancelled.");
    } else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation(); // JupyterLab must not treat these keys as notebook commands
      drawDoc();
      const c = doc.querySelector(".ml-cursor");
      if (c && c.scrollIntoView) c.scrollIntoView({ block: "nearest" });
    }
  });
  // a focus that comes from a mouse press must not redraw: that would drop the text nodes the
  // browser's selection is starting in
  let mouseDown = false;
  doc.addEventListener("mousedown", () => { mouseDown = true; });
  doc.addEventListener("focus", () => { if (cur === null && !mouseDown) { cur = nextWord(-1, 1); drawDoc(); } });
  // keys JupyterLab would otherwise handle while the text has focus
  doc.addEventListener("keyup", (e) => e.stopPropagation());

  doc.addEventListener("mouseup", () => {
    mouseDown = false;
    const s = window.getSelection();
    if (!s || s.rangeCount === 0) return;
    const r = s.getRangeAt(0);
    if (s.isCollapsed) {
      const i = pointToToken(r.startContainer, r.startOffset, false);
      if (i === null || i >= tokens.length) return;
      cur = isSpace(i) ? nextWord(i, 1) : i;
      anc = null; pending = false;
      if (marksAt(i).length) { editorPick = 0; drawDoc(); openEditor(i); }
      else { closeEditor(false); drawDoc(); }
      return;
    }
    if (!doc.contains(r.startContainer) || !doc.contains(r.endContainer)) return;
    const lo0 = pointToToken(r.startContainer, r.startOffset, false);
    const hi0 = pointToToken(r.endContainer, r.endOffset, true);
    if (lo0 === null || hi0 === null) return;
    const [lo, hi] = trimRange(lo0, hi0 + 1);
    s.removeAllRanges();
    if (lo >= hi) return;
    anc = lo; cur = hi - 1; pending = true;
    closeEditor(false);
    drawDoc();
    doc.focus({ preventScroll: true });
    say(`Selected \u201c${quoteOf(tokens, lo, hi)}\u201d: press 1\u20139 or click a label.`);
  });

  // ---- options
  revealBox.checked = model.get("reveal");
  revealBox.addEventListener("change", () => { model.set("reveal", revealBox.checked); model.save_changes(); });
  compareBox.addEventListener("change", () => { model.set("compare", compareBox.checked); model.save_changes(); });

  function drawOptions() {
    revealLabel.hidden = !model.get("has_masked");
    revealBox.checked = model.get("reveal");
    compareLabel.hidden = !model.get("can_compare");
    compareBox.checked = model.get("compare");
    title.textContent = model.get("doc_title");
    saveLine.textContent = model.get("save_status");
    saveLine.hidden = !model.get("save_status");
    errorLine.textContent = model.get("error");
    errorLine.hidden = !model.get("error");
  }

  function drawCompare() {
    const on = model.get("compare");
    comparePanel.hidden = !on;
    comparePanel.replaceChildren();
    if (!on) return;
    const toggles = h("div", { class: "ml-layers", role: "group", "aria-label": "Layers" });
    for (const [k, label] of [["mine", "Show my spans"], ["key", "Show the key"], ["base", "Show the lexicon baseline"]]) {
      const cb = h("input", { type: "checkbox", "aria-label": label });
      cb.checked = layers[k];
      cb.addEventListener("change", () => { layers[k] = cb.checked; drawDoc(); });
      toggles.appendChild(h("label", {}, cb, h("span", { text: label })));
    }
    comparePanel.appendChild(toggles);
    const rows = model.get("scores");
    if (rows.length) {
      const table = h("table", { class: "ml-scores", "aria-label": "Scores against the key" });
      const head = h("tr");
      for (const c of ["label", "precision", "recall", "F1", "yours", "key"]) head.appendChild(h("th", { scope: "col", text: c }));
      table.appendChild(head);
      for (const r of rows) {
        const tr = h("tr");
        tr.appendChild(h("th", { scope: "row", text: r.label === "(overall)" ? "overall" : nameOf(r.label) }));
        for (const c of ["precision", "recall", "f1"]) tr.appendChild(h("td", { text: Number(r[c]).toFixed(2) }));
        tr.appendChild(h("td", { text: String(r.n_pred) }));
        tr.appendChild(h("td", { text: String(r.n_key) }));
        table.appendChild(tr);
      }
      comparePanel.appendChild(table);
    } else {
      comparePanel.appendChild(h("p", { text: "No answer key for this text: only the lexicon baseline is shown." }));
    }
    const fb = model.get("feedback_items");
    if (fb.length) {
      const ul = h("ul", { class: "ml-feedback", "aria-label": "Feedback" });
      for (const f of fb) ul.appendChild(h("li", { class: `ml-fb-${String(f.kind).replace(/[^a-z_]/g, "")}` },
        h("strong", { text: f.title + " " }), h("span", { text: f.message })));
      comparePanel.appendChild(ul);
    }
  }

  const phases = {};
  function drawAll() {
    let t = performance.now();
    const lap = (name) => { const now = performance.now(); phases[name] = now - t; t = now; };
    setLabelVars(); drawOptions(); drawPalette(); drawLegend(); lap("chrome");
    drawDoc(); lap("doc");
    drawCompare(); lap("compare");
  }
  drawAll();

  const onTokens = () => { setTokens(); drawDoc(); drawEditor(false); };
  const onMarks = () => { drawDoc(); drawEditor(false); };
  const onLabels = () => { setLabelVars(); drawPalette(); drawLegend(); drawDoc(); };
  const onCompare = () => { drawOptions(); drawLegend(); drawDoc(); drawCompare(); };
  const handlers = [
    ["shown", onTokens], ["marks", onMarks], ["labels", onLabels], ["compare", onCompare],
    ["key_marks", drawDoc], ["base_marks", drawDoc], ["scores", drawCompare], ["feedback_items", drawCompare],
    ...["reveal", "has_masked", "can_compare", "save_status", "error", "doc_title"].map((t) => [t, drawOptions]),
  ];
  for (const [name, fn] of handlers) model.on(`change:${name}`, fn);

  // timing for bench/bench_render.py: the synchronous build, then until the first frame
  const built = performance.now() - tStart;
  root.dataset.renderMs = built.toFixed(3);
  window.__mlRender = window.__mlRender || [];
  const rec = { start: tStart, build: built, frame: null, phases };
  window.__mlRender.push(rec);
  // after the next frame has been rendered (a task queued from the frame callback runs after paint)
  requestAnimationFrame(() => setTimeout(() => {
    rec.frame = performance.now() - tStart; root.dataset.frameMs = rec.frame.toFixed(3);
  }, 0));

  return () => { for (const [name, fn] of handlers) model.off(`change:${name}`, fn); };
}

export default { render };
