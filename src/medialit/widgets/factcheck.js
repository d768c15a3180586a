// FactCheckDesk front end. Every piece of data is rendered with textContent; no innerHTML.
// h(), safeHref(), installBase() and keepFocus() come from dom.js (see _base.esm).
// Python sends only the best few search results, so the verdict is a few tab stops from the
// search box; each card shows its status (verified or secondary) and its quote.



function render({ model, el }) {
  const uid = pageUid("ml-fc");
  const get = (k) => model.get(k);
  installBase();
  const root = h("div", { className: "ml-fc ml-widget", role: "group", "aria-label": "Fact-check desk",
    "data-lm-suppress-shortcuts": "true" });
  el.append(root);

  // --- claim
  const claimSelect = h("select", { "aria-label": "Claim to check", className: "ml-fc-claimselect",
    onchange: (e) => { model.set("claim_id", e.target.value); model.save_changes(); } });
  const claimBox = h("section", { className: "ml-fc-claim", "aria-label": "The claim" });

  // --- search
  const search = h("input", { type: "search", id: `${uid}-q`, className: "ml-fc-search",
    placeholder: "e.g. 1949 recognition, Kwantung, sanctions", autocomplete: "off" });
  const resultsStatus = h("p", { className: "ml-fc-count", role: "status", "aria-live": "polite", "data-testid": "result-count" });
  const statusNote = h("p", { className: "ml-fc-statusnote ml-muted", text: "Verified: the course read it in an archived " +
    "copy of that source. Secondary: read only in a copy on another site, in someone else's quotation or report, or in " +
    "a weak source; a verdict should not rest on it alone." });
  const resultsList = h("ul", { className: "ml-fc-results", "aria-label": "Evidence cards" });
  const moreBtn = h("button", { type: "button", className: "ml-fc-more", "data-fid": "more",
    onclick: () => { model.set("result_limit", get("result_limit") + 6); model.save_changes(); } });
  let qTimer = null;
  const pushQuery = () => { clearTimeout(qTimer); qTimer = null;
    if (search.value !== get("query")) { model.set("query", search.value); model.save_changes(); } };
  search.addEventListener("input", () => { clearTimeout(qTimer); qTimer = setTimeout(pushQuery, 200); });
  search.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); pushQuery(); } });

  // --- verdict
  const verdictSet = h("fieldset", { className: "ml-fc-verdicts" }, h("legend", { text: "Your verdict" }));
  const radios = [];
  get("verdicts").forEach((v, i) => {
    const id = `${uid}-v${i}`;
    const r = h("input", { type: "radio", name: `${uid}-verdict`, id, value: v.verdict,
      onchange: (e) => { if (e.target.checked) { model.set("verdict", v.verdict); model.save_changes(); } } });
    radios.push(r);
    verdictSet.append(h("div", { className: "ml-fc-verdict" }, r,
      h("label", { for: id }, h("strong", { text: v.verdict }), h("span", { text: ` – ${v.help}` }))));
  });

  // --- justification
  const just = h("textarea", { id: `${uid}-j`, rows: "5", className: "ml-fc-just",
    placeholder: "Which cards support your verdict, and what do they show?" });
  let jTimer = null;
  const pushJust = () => { clearTimeout(jTimer); jTimer = null;
    if (just.value !== get("justification")) { model.set("justification", just.value); model.save_changes(); } };
  just.addEventListener("input", () => { clearTimeout(jTimer); jTimer = setTimeout(pushJust, 400); });
  just.addEventListener("blur", pushJust);
  const citedList = h("ul", { className: "ml-fc-cited", "aria-label": "Cards you cite" });

  // --- reveal and key
  const revealBtn = h("button", { type: "button", className: "ml-fc-reveal", "data-fid": "reveal",
    onclick: () => { pushJust(); model.send({ action: "reveal" }); } });
  const message = h("p", { className: "ml-fc-message ml-problem", role: "alert" });
  const keyBox = h("section", { className: "ml-fc-key", "aria-label": "The key", "data-testid": "key" });
  const saveStatus = h("p", { className: "ml-save-status ml-problem", role: "alert" });

  root.append(
    h("div", { className: "ml-fc-top" }, claimSelect, claimBox),
    h("div", { className: "ml-fc-cols" },
      h("section", { className: "ml-fc-library", "aria-label": "Evidence library" },
        h("label", { for: search.id, text: "Search the evidence library" }), search, resultsStatus, statusNote,
        resultsList, moreBtn),
      h("section", { className: "ml-fc-work", "aria-label": "Your check" },
        verdictSet,
        h("label", { for: just.id, text: "Justification (cite cards with the Cite boxes)" }), just,
        h("p", { className: "ml-fc-citedhead", text: "Cited cards:" }), citedList,
        revealBtn, message)),
    keyBox, saveStatus);

  function toggleCite(id, on) {
    const now = get("cited").filter((c) => c !== id);
    model.set("cited", on ? [...now, id] : now);
    model.save_changes();
  }

  const STATUS = { verified: "Verified", secondary: "Secondary" };
  function cardMeta(c) {
    const bits = [c.publisher, c.kind, c.date].filter((x) => x).join(" · ");
    const addr = h("p", { className: "ml-fc-addr" });
    const href = safeHref(c.url);
    if (href) addr.append(h("a", { href, target: "_blank", rel: "noopener noreferrer", text: c.url }));
    else addr.textContent = c.url || "";
    const st = String(c.status || "");
    const badge = st ? h("span", { className: `ml-fc-status ml-fc-${st.replace(/[^a-z]/g, "")}`,
      "data-testid": "card-status", text: STATUS[st] || st }) : null;
    return [h("p", { className: "ml-fc-meta" }, badge, badge ? " " : null, h("span", { className: "ml-muted", text: bits })), addr];
  }
  function cardQuote(c) {
    return c.quote ? h("blockquote", { className: "ml-fc-quote", "data-testid": "card-quote", text: `\u201c${c.quote}\u201d` }) : null;
  }

  function drawClaim() {
    const claims = get("claims");
    claimSelect.replaceChildren(...claims.map((c) => {
      const o = h("option", { value: c.id, text: `${c.id}: ${c.claim}` });
      if (c.id === get("claim_id")) o.selected = true;
      return o;
    }));
    claimSelect.hidden = claims.length < 2;
    const c = claims.find((x) => x.id === get("claim_id"));
    claimBox.replaceChildren(...(c ? [
      h("h3", { className: "ml-fc-claimtext", "data-testid": "claim", text: c.claim }),
      c.quote ? h("blockquote", { text: c.quote }) : null,
    ] : [h("p", { text: "This case has no fact-check key, so there are no claims to check." })]).filter(Boolean));
  }

  function drawResults() { keepFocus(root, drawResultsNow, search); }
  function drawResultsNow() {
    const res = get("results");
    const cited = new Set(get("cited"));
    const q = get("query").trim();
    const total = get("n_results");
    if (!q) resultsStatus.textContent = `${get("n_cards")} cards in the library. Type words to search them; the best matches are listed here.`;
    else if (!total) resultsStatus.textContent = `No card matches \u201c${q}\u201d. Try other words.`;
    else resultsStatus.textContent = `${total} card${total === 1 ? "" : "s"} match \u201c${q}\u201d` +
      (res.length < total ? `; the best ${res.length} are listed.` : ".");
    statusNote.hidden = !res.length;
    resultsList.hidden = !res.length;
    resultsList.replaceChildren(...res.map((c, i) => {
      const titleId = `${uid}-t${i}`, citeId = `${uid}-c${i}`;
      const box = h("input", { type: "checkbox", id: `${uid}-cite-${i}`, "data-card": c.id, "data-fid": `cite-${c.id}`,
        "aria-labelledby": `${citeId} ${titleId}`, onchange: (e) => toggleCite(c.id, e.target.checked) });
      box.checked = cited.has(c.id);
      return h("li", { className: "ml-fc-card" + (cited.has(c.id) ? " ml-cited" : ""), "data-card": c.id },
        h("h4", { id: titleId, text: c.title }), ...cardMeta(c),
        h("p", { className: "ml-fc-summary", text: c.summary }), cardQuote(c),
        h("div", { className: "ml-fc-citebox ml-check" }, box, h("label", { for: box.id, id: citeId, text: "Cite" })));
    }));
    const more = Math.min(6, total - res.length);
    moreBtn.hidden = more <= 0;
    moreBtn.textContent = `Show ${more} more`;
  }

  function drawCited() {
    keepFocus(root, () => {
      const cards = get("cited_cards");
      citedList.replaceChildren(...(cards.length ? cards.map((c) => h("li", {},
        h("span", { text: `${c.title} (${[c.publisher, STATUS[c.status] ? STATUS[c.status].toLowerCase() : ""].filter((x) => x).join(", ")}) ` }),
        h("button", { type: "button", "data-fid": `uncite-${c.id}`, text: "Remove", "aria-label": `Remove ${c.title}`,
          onclick: () => toggleCite(c.id, false) }))) : [h("li", { text: "none yet" })]));
    }, just);
  }

  function drawVerdict() {
    for (const r of radios) r.checked = r.value === get("verdict");
  }

  function drawText() {
    if (document.activeElement !== just && just.value !== get("justification")) just.value = get("justification");
    if (document.activeElement !== search && search.value !== get("query")) search.value = get("query");
  }

  function drawKey() {
    const k = get("key");
    revealBtn.textContent = get("revealed") ? "Key shown below" : "Reveal the key";
    message.textContent = get("message");
    saveStatus.textContent = get("save_status");
    if (!get("revealed") || !k.verdict) { keyBox.replaceChildren(); keyBox.hidden = true; return; }
    keyBox.hidden = false;
    let head;
    if (k.agree) head = `Your verdict matches the key: ${k.verdict}.`;
    else if (k.contested) head = `Discussion point: you chose “${k.student}”, the key says “${k.verdict}”. This claim is contested, so argue your case.`;
    else head = `You chose “${k.student}”; the key says “${k.verdict}”. Read what is established and compare it with your sources.`;
    const parts = [h("h3", { text: "The key" }), h("p", { className: "ml-fc-keyhead", text: head })];
    parts.push(h("h4", { text: "What is established" }), h("p", { text: k.established }));
    if (k.contested || k.contested_note) {
      parts.push(h("h4", { text: "What is contested (a discussion point)" }),
        h("p", { className: "ml-fc-contested", text: k.contested_note || "See the rationale." }));
    }
    parts.push(h("h4", { text: "Why" }), h("p", { text: k.rationale }), h("h4", { text: "The key's sources" }));
    const ul = h("ul", { className: "ml-fc-keysources" });
    for (const c of k.sources) {
      const mine = (k.cited_in_key || []).includes(c.id);
      ul.append(h("li", {}, h("strong", { text: c.title }), ...cardMeta(c),
        h("p", { text: c.summary }), cardQuote(c), mine ? h("p", { className: "ml-fc-mine", text: "You cited this card too." }) : null));
    }
    parts.push(ul);
    keyBox.replaceChildren(...parts);
  }

  const handlers = {
    claims: drawClaim, claim_id: drawClaim, results: drawResults, cited: drawResults, n_results: drawResults,
    cited_cards: drawCited, verdict: drawVerdict, justification: drawText, query: drawText,
    key: drawKey, revealed: drawKey, message: drawKey, save_status: drawKey,
  };
  for (const [n, f] of Object.entries(handlers)) model.on(`change:${n}`, f);
  const stop = (e) => { if (!e.altKey && !e.ctrlKey && !e.metaKey) e.stopPropagation(); };
  root.addEventListener("keydown", stop);
  drawClaim(); drawResults(); drawCited(); drawVerdict(); drawText(); drawKey();
  return () => {
    pushJust();
    for (const [n, f] of Object.entries(handlers)) model.off(`change:${n}`, f);
    root.removeEventListener("keydown", stop);
  };
}

export default { render };
