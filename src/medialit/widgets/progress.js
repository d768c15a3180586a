// ProgressPanel front end: per lesson, exercises done of total and which remain; refresh;
// export, with a link that downloads the exported file. Data is rendered with textContent.
// h() comes from dom.js (see _base.esm).

function render({ model, el }) {
  installBase();
  const root = h("div", { class: "ml-progress ml-widget", "data-testid": "progress-panel", "data-lm-suppress-shortcuts": "true" });
  el.appendChild(root);
  // keys pressed in the panel (arrows on a button) stay in it instead of moving JupyterLab's cell
  root.addEventListener("keydown", (e) => { if (!e.altKey && !e.ctrlKey && !e.metaKey) e.stopPropagation(); });
  let download = null;   // {name, url} of the last export, as a blob the browser can save

  function draw() {
    const rows = model.get("lessons");
    const withEx = rows.filter((r) => r.total > 0);
    const done = withEx.reduce((a, r) => a + r.done, 0), total = withEx.reduce((a, r) => a + r.total, 0);
    const student = model.get("student");
    root.replaceChildren();
    root.appendChild(h("div", { class: "ml-progress-title", text: student ? `Progress of ${student}` : "Progress" }));
    const bar = h("progress", { max: String(total || 1), value: String(done), "aria-label": `Exercises done: ${done} of ${total}` });
    root.appendChild(h("div", { class: "ml-progress-summary" }, bar, h("span", { text: ` ${done} of ${total} exercises done` })));
    const list = h("ul", { class: "ml-progress-list", "aria-label": "Lessons" });
    for (const r of rows) {
      const state = !r.total ? "none" : r.done === r.total ? "done" : r.done ? "started" : "not-started";
      const status = !r.total ? "No exercises yet" : `${r.done} of ${r.total} exercises done`;
      const item = h("li", { class: `ml-progress-row ml-status-${state}`, "data-lesson": r.lesson },
        h("span", { class: "ml-progress-mark", "aria-hidden": "true", text: state === "done" ? "\u2714" : state === "started" ? "\u25D0" : "\u25CB" }),
        h("span", { class: "ml-progress-id", text: r.lesson }),
        h("span", { class: "ml-progress-name", text: r.title }),
        h("span", { class: "ml-progress-status", text: status }));
      if (r.total && r.remaining.length) {
        const titles = new Map(r.exercises.map((e) => [e.id, e.title]));
        item.appendChild(h("span", { class: "ml-progress-remaining",
          text: "Still to do: " + r.remaining.map((id) => `${id} ${titles.get(id) || ""}`.trim()).join("; ") }));
      }
      list.appendChild(item);
    }
    root.appendChild(list);
    const controls = h("div", { class: "ml-progress-controls" });
    controls.appendChild(h("button", { type: "button", "aria-label": "Refresh progress", text: "Refresh",
      onclick: () => model.send({ op: "refresh" }) }));
    controls.appendChild(h("button", { type: "button", class: "ml-export", "aria-label": "Export my work to a file", text: "Export my work",
      onclick: () => model.send({ op: "export" }) }));
    root.appendChild(controls);
    const path = model.get("export_path");
    const out = h("div", { class: "ml-progress-export", role: "status", "aria-live": "polite" });
    if (path) {
      out.append(h("span", { text: "Exported to " }), h("code", { text: path }), h("span", { text: ". " }));
      if (download && download.name === model.get("export_name")) {
        out.append(h("a", { class: "ml-download", href: download.url, download: download.name,
          text: `Download ${download.name}` }), h("span", { text: " and hand that file in." }));
      }
    }
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
  function onMsg(msg) {
    if (!msg || msg.op !== "download") return;
    if (download) URL.revokeObjectURL(download.url);
    const blob = new Blob([String(msg.text)], { type: "application/json" });
    download = { name: String(msg.name), url: URL.createObjectURL(blob) };
    redraw();
  }
  draw();
  const names = ["lessons", "student", "export_path", "export_name", "save_status", "error"];
  for (const n of names) model.on(`change:${n}`, redraw);
  model.on("msg:custom", onMsg);
  return () => {
    for (const n of names) model.off(`change:${n}`, redraw);
    model.off("msg:custom", onMsg);
    if (download) URL.revokeObjectURL(download.url);
  };
}

export default { render };
