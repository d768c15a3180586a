// ReportLink front end: where the file was written, and a link that downloads it from memory
// (the file is asked for by message and never stored in the widget's state). Data is rendered
// with textContent. h() comes from dom.js (see _base.esm).

function render({ model, el }) {
  const root = h("div", { class: "ml-report", "data-testid": "report-link", role: "status", "aria-live": "polite" });
  el.appendChild(root);
  let file = null;   // {name, url}
  function draw() {
    root.replaceChildren(h("span", { text: "Your report: " }), h("code", { text: model.get("name") }), h("span", { text: ". " }));
    if (file && file.name === model.get("name")) {
      root.append(h("a", { class: "ml-download", href: file.url, download: file.name, text: `Download ${file.name}` }),
        h("span", { text: " and open it in any browser, or hand it in." }));
    } else {
      root.append(h("span", { text: "Preparing the download link…" }));
    }
    const err = model.get("error");
    if (err) root.append(h("div", { role: "alert", text: err }));
  }
  function onMsg(msg) {
    if (!msg || msg.op !== "file") return;
    if (file) URL.revokeObjectURL(file.url);
    const blob = new Blob([String(msg.text)], { type: model.get("kind") || "text/html" });
    file = { name: String(msg.name), url: URL.createObjectURL(blob) };
    draw();
  }
  function ask() { model.send({ op: "fetch" }); }
  model.on("msg:custom", onMsg);
  model.on("change:name", ask);
  model.on("change:error", draw);
  draw();
  ask();
  return () => {
    model.off("msg:custom", onMsg);
    model.off("change:name", ask);
    model.off("change:error", draw);
    if (file) URL.revokeObjectURL(file.url);
  };
}

export default { render };
