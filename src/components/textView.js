// The coloured text: one span per byte, a movable selection (pointer hover, tap, arrow keys),
// usable as a Framework view (its value is the selected byte index; "input" fires on change).
import {html} from "htl";
import {glyph} from "./explorer.js";

const STYLE = `
.ex-text { font: 14px/1.9 var(--monospace); word-break: break-all; white-space: normal; max-width: none;
  padding: 0.5rem; border: 1px solid var(--theme-foreground-faintest); border-radius: 6px; outline: none; touch-action: manipulation; }
.ex-text:focus-visible { box-shadow: 0 0 0 2px var(--theme-foreground-focus); }
.ex-text span { cursor: pointer; border-radius: 2px; } /* inline: a thousand inline-blocks are each laid out as a block */
.ex-text span.sel { outline: 2px solid var(--theme-foreground); outline-offset: 0; }
.ex-text span.nl { color: var(--theme-foreground-faint); }
.ex-text span.x { color: var(--theme-foreground-faint); }
.ex-text span.infl { box-shadow: inset 0 -0.32em 0 var(--infl); }
.ex-legend { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; font: 12px var(--sans-serif); color: var(--theme-foreground-muted); margin: 0.3rem 0; }
.ex-legend i { display: inline-block; width: 1em; height: 1em; vertical-align: -0.15em; margin-right: 0.3em; border-radius: 2px; border: 1px solid var(--theme-foreground-faintest); }
.ex-panel { font: 13px var(--sans-serif); border: 1px solid var(--theme-foreground-faintest); border-radius: 6px; padding: 0.5rem 0.8rem; margin: 0.5rem 0; max-width: 100%; }
.ex-panel table { font: 12px var(--monospace); border-collapse: collapse; margin: 0.2rem 0; max-width: 100%; }
.ex-panel td, .ex-panel th { padding: 1px 0.6rem 1px 0; text-align: left; }
.ex-panel .bar { display: inline-block; height: 0.7em; background: var(--theme-foreground-focus); vertical-align: middle; }
.ex-kpi { font: 600 20px var(--sans-serif); font-variant-numeric: tabular-nums; }
.ex-row { display: flex; flex-wrap: wrap; gap: 0.6rem 1.6rem; align-items: baseline; }
.ex-table { width: 100%; overflow-x: auto; }
.ex-table table { font: 12px var(--monospace); border-collapse: collapse; }
.ex-table th, .ex-table td { padding: 2px 0.6rem 2px 0; text-align: right; white-space: nowrap; }
.ex-table th button { font: inherit; background: none; border: none; color: inherit; cursor: pointer; padding: 0; text-decoration: underline dotted; }
.ex-table td:first-child, .ex-table th:first-child { text-align: left; }
`;

let stripCount = 0;

/** Text for an HTML attribute or element body. */
function escapeHtml(v) {
  return String(v).replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})[c]);
}

/** Adds the explorer styles to the document once. */
export function ensureStyle() {
  if (typeof document === "undefined" || document.getElementById("ex-style")) return;
  const s = document.createElement("style");
  s.id = "ex-style";
  s.textContent = STYLE;
  document.head.append(s);
}

/**
 * The text strip. bytes: Uint8Array | number[]; color(k) → CSS background of byte k;
 * title(k) → tooltip; value: initially selected index; label: accessible name.
 */
export function textStrip(bytes, {color = () => "transparent", title = () => "", value = 0, label = "text"} = {}) {
  ensureStyle();
  const n = bytes.length;
  const root = html`<div class="ex-text" tabindex="0" role="listbox" aria-label=${`${label}: arrow keys move the selection`}></div>`;
  // One HTML string parsed once: half the time of creating and styling 1024 elements one by one
  // in script, and the strip is on the first screen of the neuron pages and the text view.
  // Each byte is a real option (role, id, aria-selected), so a screen reader announces the byte the
  // arrow keys move to through aria-activedescendant.
  const uid = `ts${++stripCount}`;
  let markup = "";
  for (let k = 0; k < n; k++) {
    const b = bytes[k];
    const cls = b === 10 ? ' class="nl"' : b > 126 || b < 32 ? ' class="x"' : "";
    const t = title(k);
    markup += `<span role="option" id="${uid}-${k}" aria-selected="false" data-k="${k}"${cls} style="background:${escapeHtml(color(k))}"${t ? ` title="${escapeHtml(t)}"` : ""}>${escapeHtml(glyph(b))}</span>${b === 10 ? "<br>" : ""}`;
  }
  root.innerHTML = markup;
  const spans = Array.from(root.querySelectorAll("span"));
  let sel = Math.max(0, Math.min(n - 1, value));
  const mark = (k, on) => {
    spans[k]?.classList.toggle("sel", on);
    spans[k]?.setAttribute("aria-selected", String(on));
  };
  mark(sel, true);
  if (spans[sel]) root.setAttribute("aria-activedescendant", spans[sel].id);
  const select = (k, scroll = false) => {
    k = Math.max(0, Math.min(n - 1, k));
    if (k === sel) return;
    mark(sel, false);
    sel = k;
    mark(sel, true);
    root.setAttribute("aria-activedescendant", spans[sel].id);
    if (scroll) spans[sel].scrollIntoView({block: "nearest"});
    root.value = sel;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const target = (e) => {
    const el = e.target.closest?.("span[data-k]");
    return el ? Number(el.dataset.k) : null;
  };
  root.addEventListener("pointerover", (e) => {
    if (e.pointerType === "mouse") {
      const k = target(e);
      if (k !== null) select(k);
    }
  });
  root.addEventListener("click", (e) => {
    const k = target(e);
    if (k !== null) select(k);
  });
  root.addEventListener("keydown", (e) => {
    const step = {ArrowLeft: -1, ArrowRight: 1, ArrowUp: -40, ArrowDown: 40, PageUp: -400, PageDown: 400}[e.key];
    if (step) select(sel + step, true);
    else if (e.key === "Home") select(0, true);
    else if (e.key === "End") select(n - 1, true);
    else return;
    e.preventDefault();
  });
  root.value = sel;
  /**
   * Underlines bytes by a colour (the influence of earlier bytes on the selected prediction):
   * marks = [[k, cssColor], …]; the previous marks are cleared.
   */
  let marked = [];
  root.mark = (marks) => {
    for (const k of marked) if (spans[k]) spans[k].classList.remove("infl"), spans[k].style.removeProperty("--infl");
    marked = [];
    for (const [k, c] of marks) {
      if (!spans[k]) continue;
      spans[k].classList.add("infl");
      spans[k].style.setProperty("--infl", c);
      marked.push(k);
    }
  };
  /** Recolours without rebuilding (for sliders / pickers). */
  root.recolor = (colorFn) => {
    for (let k = 0; k < n; k++) spans[k].style.background = colorFn(k);
  };
  return root;
}

/**
 * The details of position t (state after byte t, predicting byte t+1):
 * p = {t, input, next, prevBits, bits, top: [[byte, prob]…], margins: {min, argmin, mean, below1, below01, H},
 *      neurons: [{j, delta, h}] (Q6 kept neurons, rank order), q6href, neuronHref(j)}.
 */
export function positionPanel(p, {byteLabel, fmt}) {
  ensureStyle();
  const maxP = p.top.length ? p.top[0][1] : 1;
  const link = (j) => (p.neuronHref ? html`<a href=${p.neuronHref(j)}>h${j}</a>` : `h${j}`);
  return html`<div class="ex-panel" aria-live="polite">
    <div class="ex-row">
      <span>position <strong>t = ${p.t}</strong></span>
      <span>byte ${byteLabel(p.input)}${p.prevBits == null ? "" : html` cost <strong>${fmt(p.prevBits)}</strong> bits`}</span>
      ${p.next == null ? "" : html`<span>next byte ${byteLabel(p.next)}: paid <strong class="ex-bits">${fmt(p.bits)}</strong> bits</span>`}
    </div>
    ${p.top.length ? html`<div>After reading it, the model predicts:</div>
    <table class="ex-top">${p.top.map(([b, pr]) => html`<tr style=${b === p.next ? "font-weight:600" : ""}>
      <td>${byteLabel(b)}</td><td>${fmt(pr, 4)}</td><td><span class="bar" style=${`width:${Math.round(80 * pr / Math.max(maxP, 1e-9))}px`}></span></td><td>${b === p.next ? "← actual" : ""}</td></tr>`)}</table>` : html`<div>(the last byte: nothing left to predict)</div>`}
    ${p.margins ? html`<div>State margins |z<sub>t</sub>|: min ${fmt(p.margins.min, 4)} (${link(p.margins.argmin)}), mean ${fmt(p.margins.mean, 2)},
      ${p.margins.below1} of ${p.margins.H} below 1, ${p.margins.below01} below 0.1.</div>` : ""}
    ${p.neurons?.length ? html`<div>Justification (Q6 flip scores Δbpc, bits): ${p.neurons.map((n, i) => html`${i ? " · " : ""}${link(n.j)} <span class="num">${n.delta >= 0 ? "+" : ""}${fmt(n.delta, 4)}</span>`)}
      ${p.q6href ? html` — <a href=${p.q6href}>open in the Q6 view</a>` : ""}</div>` : ""}
  </div>`;
}
