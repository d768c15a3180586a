// CommentLab front end. Every piece of data is rendered with textContent; no innerHTML.
// h() and safeHref() come from dom.js (see _base.esm).



function render({ model, el }) {
  const uid = pageUid("ml-cl");
  const get = (k) => model.get(k);
  installBase();
  const root = h("div", { className: "ml-cl ml-widget", role: "group", "aria-label": "Comment lab",
    "data-lm-suppress-shortcuts": "true" });
  el.append(root);

  const note = h("p", { className: "ml-cl-note", role: "note" });
  const policy = h("details", { className: "ml-cl-policy" });
  const revealBox = h("input", { type: "checkbox", id: `${uid}-reveal`, "data-fid": "reveal",
    onchange: (e) => { model.set("reveal", e.target.checked); model.save_changes(); } });
  const revealLabel = h("label", { for: revealBox.id });
  const revealState = h("span", { className: "ml-cl-revealstate", role: "status", "aria-live": "polite", "data-testid": "reveal-state" });
  const progress = h("p", { className: "ml-cl-progress", role: "status", "aria-live": "polite", "data-testid": "progress" });
  const help = h("p", { className: "ml-cl-help", text: "Keys: Tab moves between controls; J and K jump to the next and previous comment." });
  const thread = h("ul", { className: "ml-cl-thread", "aria-label": "Comment thread" });
  const saveStatus = h("p", { className: "ml-save-status ml-problem", role: "alert" });
  root.append(note, policy, h("div", { className: "ml-cl-reveal" }, revealBox, revealLabel, revealState),
    progress, help, thread, saveStatus);

  const items = new Map(); // comment id -> {article, boxes, radios, rule, problems}

  const labelsMap = () => new Map(get("labels").map((x) => [x.comment_id, x.labels || []]));
  const modMap = () => new Map(get("moderation").map((x) => [x.comment_id, x]));
  const order = () => get("comments").map((c) => c.comment_id);

  function setLabels(cid, labels) {
    const m = labelsMap();
    if (labels.length) m.set(cid, labels); else m.delete(cid);
    model.set("labels", order().filter((id) => m.has(id)).map((id) => ({ comment_id: id, labels: m.get(id) })));
    model.save_changes();
  }
  function setModeration(cid, patch) {
    const m = modMap();
    const cur = Object.assign({ comment_id: cid, decision: "", rule: "" }, m.get(cid) || {}, patch);
    m.set(cid, cur);
    model.set("moderation", order().filter((id) => m.has(id)).map((id) => m.get(id)));
    model.save_changes();
  }

  function drawPolicy() {
    const p = get("policy");
    const rules = h("ol", { className: "ml-cl-rules" }, ...get("rules").map((r) =>
      h("li", {}, h("strong", { text: `${r.id} ${r.title} ` }), h("em", { text: `(usually: ${r.action}) ` }), h("span", { text: r.text }))));
    policy.replaceChildren(h("summary", { text: `The moderation policy: ${p.title || ""}` }), h("p", { text: p.summary || "" }), rules);
    note.textContent = get("content_note");
    note.hidden = !get("content_note");
    revealLabel.textContent = get("reveal_label");
  }

  function buildThread() {
    const active = document.activeElement;
    const fid = active && root.contains(active) ? active.getAttribute("data-fid") : null;
    items.clear();
    const choices = get("label_choices");
    const rules = get("rules");
    thread.replaceChildren(...get("comments").map((c) => {
      const cid = c.comment_id, num = c.number || cid;   // students read "Comment 1"; the id stays in data-comment
      const who = c.author ? c.author : "no author line";
      const article = h("article", { className: "ml-cl-comment", tabindex: "-1", "data-comment": cid,
        "data-fid": `c-${cid}`, style: `margin-left: ${Math.min(c.depth, 6) * 1.75}rem`,
        "aria-label": `${num} (${who})${c.reply_to ? `, reply to ${c.reply_to_number || c.reply_to}` : ""}` });
      const head = h("div", { className: "ml-cl-head" }, h("strong", { text: num }), h("span", { text: ` · ${who}` }),
        c.masked ? h("span", { className: "ml-cl-maskflag", text: get("reveal") ? " · contains listed words (shown)" : " · contains masked words" }) : null);
      const reply = c.reply_to ? h("p", { className: "ml-cl-reply", text: `↳ replies to ${c.reply_to_number || c.reply_to} because it ${c.reply_reason || "follows it"}` }) : null;
      const text = h("p", { className: "ml-cl-text", "data-testid": `text-${cid}`, text: c.text });

      const labelSet = h("fieldset", { className: "ml-cl-labels" }, h("legend", { text: `Labels for ${num} (choose any)` }));
      const boxes = choices.map((ch, j) => {
        const id = `${uid}-${cid}-l${j}`;
        const b = h("input", { type: "checkbox", id, value: ch.label, "data-fid": id,
          onchange: () => {
            let now = boxes.filter((x) => x.checked).map((x) => x.value);
            if (ch.label === "none" && b.checked) now = ["none"];
            else if (b.checked) now = now.filter((x) => x !== "none");
            setLabels(cid, now);
          } });
        labelSet.append(h("span", { className: "ml-cl-choice ml-check" }, b, h("label", { for: id, title: ch.help, text: ch.name })));
        return b;
      });

      const modSet = h("fieldset", { className: "ml-cl-mod" }, h("legend", { text: `Moderation of ${num}` }));
      const radios = get("decisions").map((d, j) => {
        const id = `${uid}-${cid}-d${j}`;
        const r = h("input", { type: "radio", name: `${uid}-${cid}-decision`, id, value: d, "data-fid": id,
          onchange: (e) => { if (e.target.checked) setModeration(cid, { decision: d }); } });
        modSet.append(h("span", { className: "ml-cl-choice ml-check" }, r, h("label", { for: id, text: d })));
        return r;
      });
      const rule = h("select", { "aria-label": `Rule of the policy for ${num}`, "data-fid": `${uid}-${cid}-rule`,
        onchange: (e) => setModeration(cid, { rule: e.target.value }) },
        h("option", { value: "", text: "(name the rule)" }),
        ...rules.map((r) => h("option", { value: r.id, text: `${r.id} ${r.title}` })));
      modSet.append(h("span", { className: "ml-cl-rule" }, rule));
      const problems = h("p", { className: "ml-cl-problems ml-problem", role: "status" });
      article.append(...[head, reply, text, labelSet, modSet, problems].filter(Boolean));
      items.set(cid, { article, boxes, radios, rule, problems });
      return h("li", { className: "ml-cl-item" }, article);
    }));
    drawState();
    if (fid) { const again = root.querySelector(`[data-fid="${fid}"]`); if (again) again.focus(); }
  }

  function drawState() {
    const lm = labelsMap(), mm = modMap();
    const notes = new Map(get("notes").map((n) => [n.comment_id, n.problems || []]));
    for (const [cid, it] of items) {
      const ls = new Set(lm.get(cid) || []);
      for (const b of it.boxes) b.checked = ls.has(b.value);
      const m = mm.get(cid) || { decision: "", rule: "" };
      for (const r of it.radios) r.checked = r.value === m.decision;
      it.rule.value = m.rule || "";
      it.article.classList.toggle("ml-removed", m.decision === "remove");
      it.problems.textContent = (notes.get(cid) || []).join(" ");
    }
    const n = get("comments").length;
    progress.textContent = `${get("labels").length} of ${n} labelled, ${get("moderation").filter((x) => x.decision).length} of ${n} moderated`;
    revealBox.checked = get("reveal");
    revealState.textContent = get("reveal") ? "Masked words are shown." : "Masked words are hidden.";
    root.classList.toggle("ml-revealed", get("reveal"));
    saveStatus.textContent = get("save_status");
  }

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const tag = e.target.tagName;
    if (tag === "TEXTAREA" || (tag === "INPUT" && e.target.type === "text")) return;
    if (e.key === "j" || e.key === "k") {
      const list = [...items.values()].map((x) => x.article);
      const cur = list.findIndex((a) => a.contains(e.target));
      const next = e.key === "j" ? Math.min(cur + 1, list.length - 1) : Math.max(cur - 1, 0);
      if (list[next]) list[next].focus();
      e.preventDefault();
    }
    e.stopPropagation();
  }
  root.addEventListener("keydown", onKey);

  const handlers = { comments: buildThread, label_choices: buildThread, rules: () => { drawPolicy(); buildThread(); },
    decisions: buildThread, policy: drawPolicy, content_note: drawPolicy, reveal_label: drawPolicy,
    labels: drawState, moderation: drawState, notes: drawState, reveal: drawState, save_status: drawState };
  for (const [n, f] of Object.entries(handlers)) model.on(`change:${n}`, f);
  drawPolicy(); buildThread();
  return () => {
    for (const [n, f] of Object.entries(handlers)) model.off(`change:${n}`, f);
    root.removeEventListener("keydown", onKey);
  };
}

export default { render };
