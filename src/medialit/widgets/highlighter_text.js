// The highlighter's text layer: the document as one text node (each paragraph runs in the
// direction of its own text), optional inline label tags at each span's logical end, and the
// mapping between token indices, UTF-16 offsets and DOM points. Spans are painted with the CSS
// Custom Highlight API over StaticRanges of the text: no element per token or span. Prepended to highlighter.js (one module; see SpanHighlighter._esm).

const HEX = /^#[0-9a-fA-F]{6}$/;
const STYLES = new Set(["solid", "dashed", "dotted", "double", "wavy"]);
const LANES = 5;            // underline lanes for overlapping spans (more overlap shares the last lane)
const CHIP_LIMIT = 80;      // up to this many spans: inline label tags, and the span list open
const LOOKS = 24;           // labels with their own look (label i uses look i % LOOKS)

// One stylesheet per page for every highlighter: ::highlight() rules with fixed names, whose
// colours and line patterns come from custom properties set on each widget's root (a highlight
// takes them from the element its text is in). A new stylesheet restyles all of JupyterLab,
// so it must not come with every widget. The rules are universal (a rule naming its element,
// .ml-par::highlight(), made the first paint 2-3 times slower in Chromium 156), and every
// restyle of JupyterLab's tens of thousands of elements checks each of them, so there are
// only as many as the page uses: label looks, underline lanes, and the key and baseline
// layers once a compare mode is on. The set only grows, so it is rewritten rarely.
function highlightRules({ looks, lanes, compare }) {
  const rules = [];
  for (let i = 0; i < looks; i++) {
    for (let l = 0; l < lanes; l++) {
      rules.push(`::highlight(ml-m${i}-${l}) { text-decoration-line: underline; text-decoration-style: var(--ml-s${i}, solid); ` +
        `text-decoration-color: var(--ml-c${i}, currentColor); text-decoration-thickness: var(--ml-t${i}, 2px); ` +
        `text-underline-offset: ${3 + 5 * l}px; text-decoration-skip-ink: none; }`);
    }
    if (compare) {
      rules.push(`::highlight(ml-k${i}) { background-color: var(--ml-k${i}, rgba(128,128,128,0.3)); }`);
      rules.push(`::highlight(ml-b${i}) { text-decoration: overline dotted var(--ml-c${i}, currentColor); text-decoration-thickness: 2px; }`);
    }
  }
  if (compare) rules.push("::highlight(ml-kx) { background-color: rgba(128,128,128,0.3); }");
  // the label buttons' swatches draw each look's line (highlighter_palette.js)
  for (let i = 0; i < looks; i++) {
    rules.push(`.ml-hl .ml-look-${i} { text-decoration: underline var(--ml-s${i}, solid) var(--ml-c${i}, currentColor); }`);
  }
  rules.push("::highlight(ml-sel) { background-color: rgba(0,114,178,0.32); }");
  rules.push("::highlight(ml-cur) { background-color: rgba(230,159,0,0.5); }");
  return rules.join("\n");
}

// Widen the page's highlight rules to at least these looks and lanes (and the compare layers).
function installHighlightRules(need) {
  const have = window.__mlHighlightRules || { looks: 0, lanes: 0, compare: false };
  const want = { looks: Math.min(LOOKS, Math.max(have.looks, need.looks || 0, 1)),
    lanes: Math.min(LANES, Math.max(have.lanes, need.lanes || 0, 1)), compare: have.compare || !!need.compare };
  if (want.looks === have.looks && want.lanes === have.lanes && want.compare === have.compare) return;
  window.__mlHighlightRules = want;
  installStyles(highlightRules(want), "medialit-highlights-css");
}

// The highlight name of a look and a lane ("ml-m3-1"), made once.
const MARK_NAMES = [];
function markName(look, lane) {
  const row = MARK_NAMES[look] || (MARK_NAMES[look] = []);
  return row[lane] || (row[lane] = `ml-m${look}-${lane}`);
}

// The page's shared Highlight objects, one per name; each widget adds and removes its own ranges.
function sharedHighlight(name) {
  const reg = (window.__mlHighlights = window.__mlHighlights || new Map());
  let hl = reg.get(name);
  if (!hl) {
    hl = new Highlight();
    // a higher layer's background paints over a lower layer's underline, so backgrounds go below
    if (name === "ml-sel" || name === "ml-cur") hl.priority = -2;
    else if (/^ml-k/.test(name)) hl.priority = -1;
    reg.set(name, hl);
    CSS.highlights.set(name, hl);
  }
  return hl;
}

// Add ranges to the page's highlight ``name``. An empty one is replaced by a new Highlight made
// with all of them: one call instead of one per range (nothing else holds the old object).
function addToHighlight(name, ranges) {
  const hl = sharedHighlight(name);
  if (hl.size || ranges.length < 8) { for (const r of ranges) hl.add(r); return; }
  const fresh = new Highlight(...ranges);
  fresh.priority = hl.priority;
  window.__mlHighlights.set(name, fresh);
  CSS.highlights.set(name, fresh);
}

function rgba(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${a})`;
}
const colorOf = (lab) => (HEX.test(lab.color) ? lab.color : "#777777");
const styleOf = (lab) => (STYLES.has(lab.style) ? lab.style : "solid");

// Each label's look, as custom properties on a widget's root (see highlightRules).
// A palette's properties are one rule per page (class ml-looks-N), written the first time a
// widget uses that palette: a widget then only takes the class, and parses no CSS of its own.
function setLabelLooks(root, labs) {
  const decl = [];
  labs.forEach((lab, i) => {
    if (i >= LOOKS) return;
    const c = colorOf(lab), st = styleOf(lab);
    // a double line is two lines of this thickness and a gap: keep it within one lane
    const thick = st === "double" ? "1.5px" : st === "dotted" ? "3px" : "2px";
    decl.push(`--ml-c${i}: ${c}; --ml-s${i}: ${st}; --ml-t${i}: ${thick}; --ml-k${i}: ${rgba(c, 0.3)};`);
  });
  const text = decl.join(" ");             // colours and styles are checked above
  const reg = (window.__mlLooks = window.__mlLooks || new Map());
  let cls = reg.get(text);
  if (!cls) {
    cls = `ml-looks-${reg.size + 1}`;
    reg.set(text, cls);
    installStyles([...reg].map(([d, c]) => `.${c} { ${d} }`).join("\n"), "medialit-looks-css");
  }
  if (root.mlLooks !== cls) {
    if (root.mlLooks) root.classList.remove(root.mlLooks);
    root.classList.add(cls);
    root.mlLooks = cls;
  }
}

// One <style> per page for the widget's layout, rewritten only when the stylesheet changes.
function installStyles(css, id = "medialit-highlighter-css") {
  let st = document.getElementById(id);
  if (st && st.textContent === css) return;
  if (!st) { st = document.createElement("style"); st.id = id; document.head.appendChild(st); }
  st.textContent = css;
}

// greedy interval colouring: overlapping spans get different underline lanes
function assignLanes(marks) {
  const before = (a, b) => marks[a].t0 - marks[b].t0 || (marks[b].t1 - marks[b].t0) - (marks[a].t1 - marks[a].t0);
  const order = marks.map((m, i) => i);
  let sorted = true;             // Python sends its marks in order: sort only what is not
  for (let k = 1; k < order.length && sorted; k++) sorted = before(k - 1, k) <= 0;
  if (!sorted) order.sort(before);
  const laneEnds = [];
  const lanes = new Array(marks.length);
  for (const i of order) {
    let l = laneEnds.findIndex((end) => end <= marks[i].t0);
    if (l < 0) { l = laneEnds.length; laneEnds.push(0); }
    laneEnds[l] = marks[i].t1;
    lanes[i] = Math.min(l, LANES - 1);
  }
  return lanes;
}

// textLayer(doc): the text inside the element ``doc``. setTokens() takes Python's compact
// state (the shown text, each token's UTF-16 length, one kind letter per token).
// The whole text is one text node in one block (white-space: pre-wrap keeps its line breaks;
// unicode-bidi: plaintext gives each paragraph the direction of its own text, as dir="auto"
// would). Only inline label tags, when there are few spans, split it into more text nodes.
function textLayer(doc) {
  const T = { fullText: "", u16: [0], kinds: "", nTok: 0 };
  let box = null;   // the block holding the text
  let sig = null;   // the tags it was built with
  let nodes = [];   // its text nodes in order: {node, base, len} (UTF-16)
  T.setTokens = (shown, units, kinds) => {
    T.fullText = shown; T.kinds = kinds; T.nTok = units.length;
    const u16 = new Array(units.length + 1);
    let acc = 0;
    for (let i = 0; i < units.length; i++) { u16[i] = acc; acc += units[i]; }
    u16[units.length] = acc;
    T.u16 = u16;
  };
  T.isSpace = (i) => T.kinds[i] === "s";
  T.tokenAt = (off) => {            // the token holding UTF-16 offset off
    let lo = 0, hi = T.nTok - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (T.u16[mid] <= off) lo = mid; else hi = mid - 1; }
    return lo;
  };
  T.quoteOf = (t0, t1) => {
    const s = T.fullText.slice(T.u16[t0], T.u16[t1]).replace(/\s+/g, " ").trim();
    return s.length > 60 ? s.slice(0, 59) + "\u2026" : s;
  };
  // label tags at each span's logical end (so they sit right in right-to-left text too):
  // UTF-16 offset -> label names; none past CHIP_LIMIT spans (each costs layout)
  T.tagsFor = (marks, nameOf) => {
    const at = new Map();
    if (marks.length > CHIP_LIMIT) return at;
    for (const m of marks) {
      const end = T.u16[m.t1];
      const list = at.get(end) || [];
      list.push(nameOf(m.label));
      at.set(end, list);
    }
    return at;
  };
  function fill(tags) {
    const ends = [...tags.keys()].filter((x) => x > 0).sort((x, y) => x - y);
    const next = ends.map((x) => `${x}:${tags.get(x).join("|")}`).join(",");
    if (next === sig) return;
    sig = next;
    nodes = [];
    if (!ends.length) {               // no tags: one text node, the cheapest build
      box.textContent = T.fullText;
      if (box.firstChild) { box.firstChild.mlBase = 0; nodes.push({ node: box.firstChild, base: 0, len: T.fullText.length }); }
      return;
    }
    const kids = [];
    let pos = 0;
    for (const e of [...ends, null]) {
      const stop = e === null ? T.fullText.length : e;
      if (stop > pos) {
        const t = document.createTextNode(T.fullText.slice(pos, stop));
        t.mlBase = pos;
        nodes.push({ node: t, base: pos, len: stop - pos });
        kids.push(t);
      }
      pos = stop;
      if (e !== null) {
        const tag = document.createElement("span");
        tag.className = "ml-tag";
        tag.setAttribute("aria-hidden", "true");
        tag.dataset.tag = tags.get(e).join(" \u00b7 ");
        tag.mlAt = e;
        kids.push(tag);
      }
    }
    box.replaceChildren(...kids);
  }
  T.build = (tags) => {
    box = document.createElement("div");
    box.className = "ml-text";
    sig = null;
    fill(tags);
    doc.replaceChildren(box);
  };
  T.refresh = (tags) => fill(tags);   // rebuilt only when the tags changed
  // UTF-16 offset -> a DOM point
  function locate(off, isEnd) {
    let lo = 0, hi = nodes.length - 1, k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (nodes[mid].base <= off) { k = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (isEnd) {
      if (k < 0) return null;
      if (off === nodes[k].base && k > 0) k -= 1;               // an end at a node's start: the node before
      return { k, node: nodes[k].node, offset: Math.min(off - nodes[k].base, nodes[k].len) };
    }
    if (k >= 0 && off < nodes[k].base + nodes[k].len) return { k, node: nodes[k].node, offset: off - nodes[k].base };
    return nodes[k + 1] ? { k: k + 1, node: nodes[k + 1].node, offset: 0 } : null;
  }
  T.rangeOf = (t0, t1) => {
    if (nodes.length === 1) {       // the text in one node (no tags): offsets are the node's own
      const node = nodes[0].node, a = T.u16[t0], b = Math.min(T.u16[t1], nodes[0].len);
      return a < b ? new StaticRange({ startContainer: node, startOffset: a, endContainer: node, endOffset: b }) : null;
    }
    const a = locate(T.u16[t0], false), b = locate(T.u16[t1], true);
    if (!a || !b || a.k > b.k || (a.k === b.k && a.offset >= b.offset)) return null;
    return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
  };
  // a DOM point of the browser's selection -> UTF-16 offset (null outside the text)
  T.pointOffset = (node, offset) => {
    if (node.nodeType === Node.TEXT_NODE) return node.mlBase === undefined ? null : node.mlBase + offset;
    if (node === doc) return offset === 0 ? 0 : T.fullText.length;
    if (node === box) {
      const kid = box.childNodes[offset];
      if (!kid) return T.fullText.length;
      if (kid.nodeType === Node.TEXT_NODE) return kid.mlBase === undefined ? null : kid.mlBase;
      return kid.mlAt;
    }
    return node.mlAt !== undefined ? node.mlAt : null;
  };
  return T;
}
