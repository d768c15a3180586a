// Timing for bench/bench_render.py, kept in window.__mlRender and window.__mlAdd (a few numbers
// per render or added span). Prepended to highlighter.js (one module; see SpanHighlighter._esm).

// A render: the synchronous build, then until the first frame after it has been painted (a
// task queued from the frame callback runs after paint).
function timeRender(tStart, phases) {
  const built = performance.now() - tStart;
  window.__mlRender = window.__mlRender || [];
  const rec = { start: tStart, build: built, frame: null, phases };
  window.__mlRender.push(rec);
  requestAnimationFrame(() => setTimeout(() => {
    rec.frame = performance.now() - tStart;
  }, 0));
}

// Adding a span from the key press at t0: "work" is the handler plus the next frame's style,
// layout and paint (without the wait for that frame); "painted" is key press to painted;
// "confirmed" is until Python's answer to request n has arrived and is drawn too.
function timeAdd(model, t0, n) {
  window.__mlAdd = window.__mlAdd || [];
  const sync = performance.now() - t0;
  const rec = { start: t0, sync, work: null, painted: null, confirmed: null };
  window.__mlAdd.push(rec);
  requestAnimationFrame(() => {
    const f0 = performance.now();
    setTimeout(() => { const now = performance.now(); rec.work = sync + (now - f0); rec.painted = now - t0; }, 0);
  });
  const onDone = (msg) => {
    if (!msg || msg.op !== "done" || msg.req !== n) return;
    model.off("msg:custom", onDone);
    requestAnimationFrame(() => setTimeout(() => { rec.confirmed = performance.now() - t0; }, 0));
  };
  model.on("msg:custom", onDone);
}
