// The highlighter's panels. The compare panel: which layers are drawn, the unfound count, the
// scores, the feedback on the student's spans, and (once asked for) the whole key. The span editor. Rendered with
// textContent only; prepended to highlighter.js with highlighter_text.js (one module).

function compareBody(comparePanel, model, on, layers, nameOf, onLayer) {
  comparePanel.replaceChildren();
  if (comparePanel.hidden) return;
  const toggles = h("fieldset", { class: "ml-layers" }, h("legend", { text: "Layers shown" }));
  for (const [k, label] of [["mine", "My spans (underlined)"], ["key", "Key spans (shaded)"], ["base", "Lexicon baseline (dotted line above)"]]) {
    const cb = h("input", { type: "checkbox", "data-fid": `layer-${k}` });
    cb.checked = layers[k];
    cb.addEventListener("change", () => { layers[k] = cb.checked; onLayer(); });
    toggles.appendChild(h("label", { class: "ml-check" }, cb, h("span", { text: label })));
  }
  if (on) comparePanel.appendChild(toggles);
  if (model.get("summary")) comparePanel.appendChild(h("p", { class: "ml-summary", text: model.get("summary") }));
  const rows = model.get("scores");
  if (rows.length) {
    const table = h("table", { class: "ml-scores" }, h("caption", { text: "Scores against the key" }));
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
  } else if (!model.get("has_key")) {
    comparePanel.appendChild(h("p", { text: "No answer key for this text: only the lexicon baseline is shown." }));
  }
  const fb = model.get("feedback_items");
  if (fb.length) {
    const ul = h("ul", { class: "ml-feedback", "aria-label": "Feedback" });
    for (const f of fb) ul.appendChild(h("li", { class: `ml-fb-${String(f.kind).replace(/[^a-z_]/g, "")}` },
      h("strong", { text: f.title + " " }), h("span", { text: f.message })));
    comparePanel.appendChild(ul);
  }
  const key = model.get("key_items");
  if (key.length) {
    const ol = h("ol", { class: "ml-keylist", "aria-label": "The key" });
    for (const k of key) ol.appendChild(h("li", {},
      h("strong", { text: `\u201c${k.quote}\u201d` }), h("span", { text: ` \u2014 ${k.label}${k.contested ? " (contested)" : ""}. ` }),
      h("span", { text: k.rationale })));
    comparePanel.append(h("h4", { class: "ml-keyhead", text: `The key: ${key.length} span${key.length === 1 ? "" : "s"}` }), ol);
  }
}


// The span editor: which of the spans here, its label, its note; Save, Delete, Close.
// Returns the label select (focused when the editor opens).
function editorBody(editor, ms, pick, { nameOf, quoteOf, labels, onPick, onSave, onDelete, onClose }) {
  const m = ms[pick];
  const q = quoteOf(m.t0, m.t1);
  editor.replaceChildren();
  editor.hidden = false;
  editor.setAttribute("aria-label", `Edit the span \u201c${q}\u201d`);
  editor.appendChild(h("div", { class: "ml-editor-quote", text: `\u201c${q}\u201d` }));
  if (ms.length > 1) {
    const choose = h("div", { class: "ml-editor-choose", role: "group", "aria-label": "Spans here" });
    ms.forEach((mm, k) => choose.appendChild(h("button", {
      type: "button", "aria-pressed": k === pick ? "true" : "false", "data-fid": `pick-${k}`,
      text: `${nameOf(mm.label)}: \u201c${quoteOf(mm.t0, mm.t1)}\u201d`, onclick: () => onPick(k),
    })));
    editor.appendChild(choose);
  }
  const select = h("select", { class: "ml-editor-label", "aria-label": "Label", "data-fid": "edit-label" });
  for (const lab of labels) {
    const o = h("option", { value: lab.id, text: lab.name });
    if (lab.id === m.label) o.selected = true;
    select.appendChild(o);
  }
  const note = h("textarea", { class: "ml-editor-note", rows: "2", "aria-label": "Note", "data-fid": "edit-note",
    placeholder: "Why did you mark this? (optional)" });
  note.value = m.note || "";
  const save = () => onSave(select.value, note.value);
  note.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); save(); }
  });
  editor.append(
    h("label", { class: "ml-editor-row" }, h("span", { text: "Label " }), select),
    h("label", { class: "ml-editor-row" }, h("span", { text: "Note " }), note),
    h("div", { class: "ml-editor-buttons" },
      h("button", { type: "button", class: "ml-save-btn", "data-fid": "edit-save", text: "Save span", onclick: save }),
      h("button", { type: "button", class: "ml-delete-btn", "data-fid": "edit-delete", text: "Delete span", onclick: onDelete }),
      h("button", { type: "button", class: "ml-close-btn", "data-fid": "edit-close", text: "Close", onclick: onClose })),
  );
  return select;
}
