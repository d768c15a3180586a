// SourceComparer front end. Every piece of data is rendered with textContent; no innerHTML.
// h() and safeHref() come from dom.js (see _base.esm).



function render({ model, el }) {
  const uid = pageUid("ml-sc");
  const get = (k) => model.get(k);
  installBase();
  const root = h("div", { className: "ml-sc ml-widget", role: "group", "aria-label": "Source comparer",
    "data-lm-suppress-shortcuts": "true" });
  el.append(root);

  const topicSelect = h("select", { "aria-label": "Topic to compare",
    onchange: (e) => { flushAll(); model.set("topic", e.target.value); model.save_changes(); } });
  const heading = h("h3", { className: "ml-sc-title", "data-testid": "topic-title" });
  const question = h("p", { className: "ml-sc-question" });
  const record = h("p", { className: "ml-sc-baseline", "data-testid": "record" });
  const grid = h("div", { className: "ml-sc-grid" });
  const revealBtn = h("button", { type: "button", className: "ml-sc-reveal",
    onclick: () => { flushAll(); model.send({ action: "reveal" }); } });
  const progress = h("span", { className: "ml-sc-progress", role: "status", "aria-live": "polite", "data-testid": "progress" });
  const message = h("p", { className: "ml-sc-message ml-problem", role: "alert" });
  const recordBox = h("section", { className: "ml-sc-record", "aria-label": "What the sources establish" });
  const saveStatus = h("p", { className: "ml-save-status ml-problem", role: "alert" });
  root.append(h("div", { className: "ml-sc-top" }, topicSelect, progress), heading, question, record, grid,
    h("div", { className: "ml-sc-actions" }, revealBtn), message, recordBox, saveStatus);

  const cols = new Map(); // source id -> {radios, note, keyBox, timer}

  function answersMap() { return new Map(get("answers").map((a) => [a.source, a])); }
  function setAnswer(sid, patch) {
    const m = answersMap();
    const cur = Object.assign({ source: sid, framing: "", left_out: "" }, m.get(sid) || {}, patch);
    m.set(sid, cur);
    const order = get("sources").map((s) => s.id);
    model.set("answers", order.filter((id) => m.has(id)).map((id) => m.get(id)));
    model.save_changes();
  }
  function flush(sid) {
    const c = cols.get(sid);
    if (!c) return;
    clearTimeout(c.timer); c.timer = null;
    const cur = (answersMap().get(sid) || {}).left_out || "";
    if (c.note.value !== cur) setAnswer(sid, { left_out: c.note.value });
  }
  function flushAll() { for (const sid of cols.keys()) flush(sid); }

  function meta(s) {
    const addr = h("p", { className: "ml-sc-addr" });
    const href = safeHref(s.url);
    if (href) addr.append(h("a", { href, target: "_blank", rel: "noopener noreferrer", text: s.url }));
    else addr.textContent = s.url || "";
    return [h("p", { className: "ml-sc-meta", text: [s.kind, s.date].filter((x) => x).join(" · ") }), addr];
  }

  function buildColumns() {
    cols.clear();
    grid.replaceChildren(...get("sources").map((s, i) => {
      const set = h("fieldset", { className: "ml-sc-framings" },
        h("legend", { text: `Framing of source ${i + 1}` }));
      const radios = get("choices").map((c, j) => {
        const id = `${uid}-${i}-f${j}`;
        const r = h("input", { type: "radio", name: `${uid}-${i}`, id, value: c.framing,
          onchange: (e) => { if (e.target.checked) setAnswer(s.id, { framing: c.framing }); } });
        set.append(h("div", { className: "ml-check" }, r, h("label", { for: id, title: c.help, text: c.framing })));
        return r;
      });
      const noteId = `${uid}-${i}-note`;
      const note = h("textarea", { id: noteId, rows: "3", className: "ml-sc-note",
        placeholder: "What does this source leave out that others report?" });
      const entry = { radios, note, keyBox: h("div", { className: "ml-sc-key" }), timer: null };
      note.addEventListener("input", () => { clearTimeout(entry.timer); entry.timer = setTimeout(() => flush(s.id), 400); });
      note.addEventListener("blur", () => flush(s.id));
      cols.set(s.id, entry);
      return h("article", { className: "ml-sc-col", "data-source": s.id, "aria-label": `Source ${i + 1}: ${s.publisher}` },
        h("h4", { text: `${i + 1}. ${s.publisher}` }), ...meta(s),
        s.summary ? h("p", { className: "ml-sc-summary", text: `Summary, not a quote: ${s.summary}` })
          : h("blockquote", { className: "ml-sc-quote", text: s.quote }),
        s.authenticity ? h("p", { className: "ml-sc-auth", text: `Authenticity of the copy: ${s.authenticity}` }) : null,
        set, h("label", { for: noteId, text: `What source ${i + 1} leaves out` }), note, entry.keyBox);
    }));
  }

  function drawTop() {
    const topics = get("topics");
    topicSelect.replaceChildren(...topics.map((t) => {
      const o = h("option", { value: t.id, text: t.title });
      if (t.id === get("topic")) o.selected = true;
      return o;
    }));
    topicSelect.hidden = topics.length < 2;
    const t = topics.find((x) => x.id === get("topic"));
    heading.textContent = t ? t.title : "This case has no source comparison.";
    question.textContent = get("question");
    record.textContent = get("record") ? `The record, to judge each source against: ${get("record")}` : "";
  }

  function drawAnswers() {
    const m = answersMap();
    for (const [sid, c] of cols) {
      const a = m.get(sid) || { framing: "", left_out: "" };
      for (const r of c.radios) r.checked = r.value === a.framing;
      if (document.activeElement !== c.note && c.timer === null && c.note.value !== (a.left_out || "")) c.note.value = a.left_out || "";
    }
    const n = get("answers").filter((a) => a.framing).length;
    progress.textContent = `${n} of ${get("sources").length} sources marked`;
  }

  function drawKey() {
    revealBtn.textContent = get("revealed") ? "Key shown" : "Show the key";
    revealBtn.setAttribute("aria-label", get("revealed") ? "Key shown under each source" : "Show the key for this topic");
    message.textContent = get("message");
    saveStatus.textContent = get("save_status");
    const k = get("key");
    const items = new Map(((k && k.items) || []).map((x) => [x.source, x]));
    for (const [sid, c] of cols) {
      const it = items.get(sid);
      if (!get("revealed") || !it) { c.keyBox.replaceChildren(); continue; }
      let head;
      if (it.agree) head = `You and the key agree: ${it.framing}.`;
      else if (!it.student) head = `The key says: ${it.framing}.`;
      else if (it.contested) head = `Discussion point: you chose ${it.student}, the key says ${it.framing}; both can be argued.`;
      else head = `You chose ${it.student}; the key says ${it.framing}.`;
      c.keyBox.className = "ml-sc-key " + (it.agree ? "ml-agree" : it.contested ? "ml-contested" : "ml-differ");
      c.keyBox.replaceChildren(h("strong", { text: head }),
        h("p", { text: `Leaves out: ${it.left_out}` }), h("p", { text: it.rationale }));
    }
    if (get("revealed") && k.record) {
      recordBox.hidden = false;
      const bits = [h("h4", { text: "What the sources together establish" }), h("p", { text: k.record })];
      const ag = k.agreement || {};
      if (ag.n) bits.push(h("p", { text: `You agree with the key on ${ag.agree} of the ${ag.n} uncontested source(s) you marked.` }));
      if (ag.discussion) bits.push(h("p", { text: `${ag.discussion} contested source(s) where you differ are discussion points: argue your reading.` }));
      recordBox.replaceChildren(...bits);
    } else { recordBox.hidden = true; recordBox.replaceChildren(); }
  }

  function onSources() { buildColumns(); drawAnswers(); drawKey(); }
  const handlers = { topics: drawTop, topic: drawTop, question: drawTop, record: drawTop, sources: onSources,
    answers: drawAnswers, key: drawKey, revealed: drawKey, message: drawKey, save_status: drawKey };
  for (const [n, f] of Object.entries(handlers)) model.on(`change:${n}`, f);
  const stop = (e) => { if (!e.altKey && !e.ctrlKey && !e.metaKey) e.stopPropagation(); };
  root.addEventListener("keydown", stop);
  drawTop(); onSources();
  return () => {
    flushAll();
    for (const [n, f] of Object.entries(handlers)) model.off(`change:${n}`, f);
    root.removeEventListener("keydown", stop);
  };
}

export default { render };
