// ClaimSorter front end. Every piece of data is rendered with textContent; no innerHTML.
// h() and safeHref() come from dom.js (see _base.esm).


function fmt(x) {
  return x === null || x === undefined ? "n/a" : Number(x).toFixed(2);
}

function render({ model, el }) {
  installBase();
  const root = h("div", {
    className: "ml-claims ml-widget", tabindex: "0", role: "group",
    "aria-label": "Claim sorter: label each sentence of the article",
    "data-lm-suppress-shortcuts": "true",
  });
  el.append(root);

  const get = (k) => model.get(k);
  const answers = () => new Map(get("answers").map((a) => [a.sentence, a.label]));

  function setLabel(idx, label) {
    const s = get("sentences")[idx];
    if (!s) return;
    const m = answers();
    if (label === null || label === "") m.delete(s.sentence); else m.set(s.sentence, label);
    const list = [...m.entries()].sort((a, b) => a[0] - b[0]).map(([sentence, l]) => ({ sentence, label: l }));
    model.set("answers", list);
    model.save_changes();
  }
  function move(delta) {
    const n = get("sentences").length;
    const cur = Math.min(Math.max(get("current") + delta, 0), Math.max(n - 1, 0));
    model.set("current", cur);
    model.save_changes();
  }
  function toggleView() {
    model.set("view", get("view") === "card" ? "table" : "card");
    model.save_changes();
  }

  function labelButtons(idx) {
    const s = get("sentences")[idx];
    const chosen = s ? answers().get(s.sentence) : undefined;
    const group = h("div", {
      className: "ml-claims-choices", role: "radiogroup",
      "aria-label": `Label for sentence ${idx + 1}`,
    });
    for (const c of get("choices")) {
      const on = chosen === c.label;
      group.append(h("button", {
        type: "button", role: "radio", "aria-checked": on ? "true" : "false",
        className: "ml-claims-choice" + (on ? " ml-on" : ""), "data-label": c.label,
        "data-fid": `choice-${c.label}`, title: `${c.help} (key ${c.shortcut})`,
        "aria-label": `${c.name} (key ${c.shortcut})`,
        onclick: () => { setLabel(idx, c.label); },
      }, h("span", { className: "ml-key", "aria-hidden": "true", text: c.shortcut }),
         h("span", { text: c.name })));
    }
    return group;
  }

  function feedbackItem(sentence) {
    const fb = get("feedback");
    if (fb.status !== "ok") return null;
    const it = (fb.items || []).find((x) => x.sentence === sentence);
    if (!it) return null;
    const name = (l) => (get("choices").find((c) => c.label === l) || { name: l }).name;
    const box = h("div", { className: "ml-claims-item" + (it.agree ? " ml-agree" : it.contested ? " ml-contested" : " ml-differ") });
    let head;
    if (it.agree) head = `You and the key agree: ${name(it.label)}.`;
    else if (it.contested) head = `Discussion point: you chose ${name(it.label)}, the key says ${name(it.key)}, and this one is contested.`;
    else head = `You chose ${name(it.label)}; the key says ${name(it.key)}.`;
    box.append(h("strong", { text: head }), h("span", { text: " " + it.rationale }));
    return box;
  }

  function cardView() {
    const sents = get("sentences");
    const idx = Math.min(get("current"), sents.length - 1);
    const s = sents[idx];
    const wrap = h("div", { className: "ml-claims-card" });
    if (!s) { wrap.append(h("p", { text: "This case has no sentences." })); return wrap; }
    wrap.append(
      h("div", { className: "ml-claims-pos", text: `Sentence ${idx + 1} of ${sents.length} (paragraph ${s.paragraph + 1})` }),
      h("blockquote", { className: "ml-claims-text", "data-testid": "sentence-text", text: s.text }),
      labelButtons(idx),
      h("div", { className: "ml-claims-nav" },
        h("button", { type: "button", "data-fid": "prev", "aria-label": "Previous sentence", disabled: idx === 0,
          onclick: () => move(-1), text: "← Previous" }),
        h("button", { type: "button", "data-fid": "next", "aria-label": "Next sentence", disabled: idx >= sents.length - 1,
          onclick: () => move(1), text: "Next →" })),
    );
    const fb = feedbackItem(s.sentence);
    if (fb) wrap.append(fb);
    return wrap;
  }

  function tableView() {
    const sents = get("sentences");
    const ans = answers();
    const table = h("table", { className: "ml-claims-table" });
    table.append(h("caption", { text: "All sentences of the article" }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "#" }), h("th", { scope: "col", text: "Sentence" }),
        h("th", { scope: "col", text: "Label" }))));
    const body = h("tbody");
    sents.forEach((s, idx) => {
      const sel = h("select", { "aria-label": `Label for sentence ${idx + 1}`, "data-fid": `select-${idx}`,
        onchange: (e) => { model.set("current", idx); setLabel(idx, e.target.value || null); },
        onfocus: () => { if (get("current") !== idx) { model.set("current", idx); model.save_changes(); } } });
      sel.append(h("option", { value: "", text: "(not labelled)" }));
      for (const c of get("choices")) {
        const o = h("option", { value: c.label, text: `${c.shortcut} ${c.name}` });
        if (ans.get(s.sentence) === c.label) o.selected = true;
        sel.append(o);
      }
      const fb = feedbackItem(s.sentence);
      const tr = h("tr", { className: idx === get("current") ? "ml-current" : "" },
        h("td", { text: String(idx + 1) }),
        h("td", {}, h("div", { text: s.text }), fb),
        h("td", {}, sel));
      body.append(tr);
    });
    table.append(body);
    return table;
  }

  function draw() {
    const active = document.activeElement;
    const fid = active && root.contains(active) ? active.getAttribute("data-fid") : null;
    const rootFocused = active === root;
    root.replaceChildren();
    const sents = get("sentences");
    const done = get("answers").length;
    const fb = get("feedback");
    root.append(
      h("div", { className: "ml-claims-head" },
        h("span", { className: "ml-claims-progress", role: "status", "aria-live": "polite",
          "data-testid": "progress", text: `${done} of ${sents.length} labelled` }),
        h("button", { type: "button", "data-fid": "view", title: get("view") === "card" ? "Show all sentences as a table" : "Show one sentence at a time",
          onclick: toggleView, text: get("view") === "card" ? "Table view" : "Card view" }),
        h("button", { type: "button", "data-fid": "check", "aria-label": "Check my labels against the key",
          onclick: () => model.send({ action: "check" }), text: "Check" })),
      h("p", { className: "ml-claims-help", text: "Keys: 1–5 pick a label (the card then moves on), ← → move between sentences, 0 or Delete clears, T switches card and table view." }),
      get("view") === "card" ? cardView() : tableView(),
    );
    if (fb && fb.status) {
      const box = h("div", { className: "ml-claims-feedback", role: "status", "data-testid": "feedback" });
      if (fb.status === "ok") {
        for (const line of fb.figures || []) box.append(h("p", { text: line }));
        if (fb.message) box.append(h("p", { text: fb.message }));
        box.append(h("p", { text: "Rationales appear under each sentence you have labelled." }));
      } else {
        box.append(h("p", { text: fb.message }));
      }
      root.append(box);
    }
    const status = get("save_status");
    if (status) root.append(h("p", { className: "ml-save-status ml-problem", role: "alert", text: status }));
    if (fid) { const again = root.querySelector(`[data-fid="${fid}"]`); if (again && !again.disabled) again.focus(); else root.focus(); }
    else if (rootFocused) root.focus();
  }

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const tag = e.target.tagName;
    if (tag === "TEXTAREA" || tag === "INPUT") return;
    const choices = get("choices");
    const c = choices.find((x) => x.shortcut === e.key);
    let handled = true;
    if (c) {
      setLabel(get("current"), c.label);
      if (get("view") === "card") move(1);
    } else if (tag === "SELECT" && (e.key.startsWith("Arrow"))) {
      e.stopPropagation();   // the select's own arrow keys, kept from JupyterLab
      handled = false;
    } else if (e.key === "ArrowRight" || e.key === "ArrowDown") move(1);
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") move(-1);
    else if (e.key === "t" || e.key === "T") toggleView();
    else if (e.key === "Backspace" || e.key === "Delete" || e.key === "0") setLabel(get("current"), null);
    else handled = false;
    if (handled) { e.preventDefault(); e.stopPropagation(); }
  }
  root.addEventListener("keydown", onKey);

  const names = ["sentences", "choices", "answers", "current", "view", "feedback", "save_status"];
  for (const n of names) model.on(`change:${n}`, draw);
  draw();
  return () => { for (const n of names) model.off(`change:${n}`, draw); root.removeEventListener("keydown", onKey); };
}

export default { render };
