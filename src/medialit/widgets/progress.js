// ProgressPanel front end: rows of lessons, "finished" checkbox, refresh and export.
// All data is rendered with textContent.
// h() comes from dom.js (see _base.esm).

const STATUS_TEXT = { "done": "Done", "started": "Started", "not started": "Not started" };

function render({ model, el }) {
  installBase();
  const root = h("div", { class: "ml-progress ml-widget", "data-testid": "progress-panel", "data-lm-suppress-shortcuts": "true" });
  el.appendChild(root);

  function draw() {
    const rows = model.get("lessons");
    const done = rows.filter((r) => r.status === "done").length;
    const student = model.get("student");
    root.replaceChildren();
    root.appendChild(h("div", { class: "ml-progress-title", text: student ? `Progress of ${student}` : "Progress" }));
    const bar = h("progress", { max: String(rows.length), value: String(done), "aria-label": `Lessons done: ${done} of ${rows.length}` });
    root.appendChild(h("div", { class: "ml-progress-summary" }, bar, h("span", { text: ` ${done} of ${rows.length} lessons done` })));
    const list = h("ul", { class: "ml-progress-list", "aria-label": "Lessons" });
    for (const r of rows) {
      const label = STATUS_TEXT[r.status] || r.status;
      const detail = r.items ? ` (${r.items} item${r.items === 1 ? "" : "s"} saved)` : "";
      list.appendChild(h("li", { class: `ml-progress-row ml-status-${r.status.replace(/ /g, "-")}`, "data-lesson": r.id },
        h("span", { class: "ml-progress-mark", "aria-hidden": "true", text: r.status === "done" ? "\u2714" : r.status === "started" ? "\u25D0" : "\u25CB" }),
        h("span", { class: "ml-progress-id", text: r.id }),
        h("span", { class: "ml-progress-name", text: r.title }),
        h("span", { class: "ml-progress-status", text: label + detail })));
    }
    root.appendChild(list);
    const lesson = model.get("lesson");
    const controls = h("div", { class: "ml-progress-controls" });
    if (lesson) {
      const row = rows.find((r) => r.id === lesson);
      const cb = h("input", { type: "checkbox", "aria-label": `I have finished lesson ${lesson}` });
      cb.checked = !!row && row.status === "done";
      cb.addEventListener("change", () => model.send({ op: "done", lesson, done: cb.checked }));
      controls.appendChild(h("label", { class: "ml-check" }, cb, h("span", { text: ` I have finished lesson ${lesson}` })));
    }
    controls.appendChild(h("button", { type: "button", "aria-label": "Refresh progress", text: "Refresh",
      onclick: () => model.send({ op: "refresh" }) }));
    controls.appendChild(h("button", { type: "button", class: "ml-export", "aria-label": "Export my work to a file", text: "Export my work",
      onclick: () => model.send({ op: "export" }) }));
    root.appendChild(controls);
    const path = model.get("export_path");
    const out = h("div", { class: "ml-progress-export", role: "status", "aria-live": "polite" });
    if (path) out.append(h("span", { text: "Exported to " }), h("code", { text: path }));
    root.appendChild(out);
    const save = model.get("save_status");
    if (save) root.appendChild(h("div", { class: "ml-progress-save", role: "note", text: save }));
    const err = model.get("error");
    if (err) root.appendChild(h("div", { class: "ml-progress-error", role: "alert", text: err }));
  }
  // keep focus on the control that was used when the panel redraws
  function redraw() {
    const active = document.activeElement;
    const label = active && root.contains(active) ? active.getAttribute("aria-label") : null;
    draw();
    if (label) {
      for (const e of root.querySelectorAll("[aria-label]")) if (e.getAttribute("aria-label") === label) { e.focus(); break; }
    }
  }
  draw();
  const names = ["lessons", "student", "lesson", "export_path", "save_status", "error"];
  for (const n of names) model.on(`change:${n}`, redraw);
  return () => { for (const n of names) model.off(`change:${n}`, redraw); };
}

export default { render };
