// Quiz front end: a native radio group (arrow keys stay in the widget), a check button, and
// the feedback after checking. All data is rendered with textContent (h() from dom.js).


function render({ model, el }) {
  const n = pageUid("q");
  installBase();
  const root = h("div", { class: "ml-quiz ml-widget", "data-testid": "quiz", "data-lm-suppress-shortcuts": "true" });
  el.appendChild(root);
  // keys used inside the quiz never reach JupyterLab (which would move to another cell)
  root.addEventListener("keydown", (ev) => {
    if (["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", " ", "Enter", "Home", "End"].includes(ev.key)) ev.stopPropagation();
  });

  function draw() {
    const qid = model.get("qid"), opts = model.get("options"), selected = model.get("selected");
    const result = model.get("result") || {};
    const focused = document.activeElement && root.contains(document.activeElement)
      ? document.activeElement.getAttribute("data-focus") : null;
    root.replaceChildren();
    const promptId = `ml-quiz-${n}-prompt`;
    root.appendChild(h("p", { class: "ml-quiz-prompt", id: promptId },
      h("b", { text: qid }), " ", model.get("prompt")));
    const group = h("div", { class: "ml-quiz-options", role: "radiogroup", "aria-labelledby": promptId });
    opts.forEach((text, i) => {
      const id = `ml-quiz-${n}-o${i}`;
      const input = h("input", { type: "radio", name: `ml-quiz-${n}`, id, value: String(i), "data-focus": `o${i}` });
      input.checked = text === selected;
      input.addEventListener("change", () => { if (input.checked) { model.set("selected", text); model.save_changes(); } });
      group.appendChild(h("label", { class: "ml-quiz-option" + (text === selected ? " ml-selected" : ""), for: id },
        input, h("span", { class: "ml-quiz-text", text })));
    });
    root.appendChild(group);
    const button = h("button", { type: "button", class: "ml-quiz-check", "data-focus": "check", text: model.get("action") || "Check my answer",
      onclick: () => model.send({ op: "check", answer: model.get("selected") }) });
    root.appendChild(h("div", { class: "ml-quiz-controls" }, button));
    const fb = h("div", { class: "ml-quiz-feedback", role: "status", "aria-live": "polite" });
    if (result.message) fb.appendChild(h("p", { text: result.message }));
    if (result.head) {
      fb.classList.add(result.correct ? "ml-correct" : "ml-not-yet");
      fb.appendChild(h("p", {}, h("b", { text: result.head }), " ", result.why || ""));
      if (result.extra) fb.appendChild(h("p", { text: result.extra }));
    }
    root.appendChild(fb);
    const save = model.get("save_status");
    if (save) root.appendChild(h("div", { class: "ml-quiz-save", role: save.startsWith("Not ") ? "alert" : "status", text: save }));
    if (focused) {
      const again = root.querySelector(`[data-focus="${focused}"]`);
      if (again) again.focus();
    }
  }
  draw();
  const names = ["qid", "prompt", "options", "selected", "result", "action", "save_status"];
  for (const nm of names) model.on(`change:${nm}`, draw);
  return () => { for (const nm of names) model.off(`change:${nm}`, draw); };
}

export default { render };
