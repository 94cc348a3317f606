// Linked views: one "highlighted neuron" per page, shared by every neuron chart of the page.
//
//   const focusBar = focusPicker({H});         // the sticky "highlight neuron" bar (reads ?neuron=N)
//   const focus = view(focusBar);               // reactive: a neuron index, or null
//   …in a chart cell, with `focus` as an input, so the chart redraws when it changes:
//   Plot.barY(rows, {…, render: tagNeurons(rows, (r) => r.j, focus)})   // every bar knows its neuron
//   focusText(…) or focusPin(…)                                         // the highlighted neuron's name
//   display(linkChart(figure(…), {focus, order}))                        // click / keys set the focus
//
// The highlighted neuron's elements carry data-focus-neuron (style.css draws them in the accent
// purple with an outline; the chart's other neuron elements are dimmed), so the emphasis never uses
// a verdict colour and is the same in every chart. The value is written to the URL (?neuron=54) so a
// highlighted view can be shared, and read from it on load.
import * as Plot from "@observablehq/plot";
import {el} from "./dom.js";
import {ACCENT} from "./figure.js";

/** The page's picker (one per page: pages are separate documents). */
let bar = null;
/** A chart that had the keyboard when it changed the focus: its redrawn copy takes the keyboard back. */
let keyboardKey = null;

/** The neuron in the page's URL (?neuron=N), or null. */
export function neuronFromUrl(H) {
  if (typeof location === "undefined") return null;
  const v = new URLSearchParams(location.search).get("neuron");
  const j = v === null ? NaN : Number(v.replace(/^h/i, ""));
  return Number.isInteger(j) && j >= 0 && j < H ? j : null;
}

function writeUrl(j) {
  const url = new URL(location.href);
  if (j === null) url.searchParams.delete("neuron");
  else url.searchParams.set("neuron", String(j));
  if (url.href !== location.href) history.replaceState(history.state, "", url);
}

/**
 * The "highlight neuron" bar: a number field (h0 … h{H−1}), a clear button, a link to the neuron's
 * page and a one-line summary (describe(j), optional). Its value is the neuron or null; it sends an
 * "input" event when that changes (Framework's view()). Sticky at the top of the page (style.css).
 */
export function focusPicker({H, describe = null, label = "highlight neuron"} = {}) {
  let value = neuronFromUrl(H);
  const id = `focus-${Math.random().toString(36).slice(2, 8)}`;
  const input = el("input", {id, type: "number", min: 0, max: H - 1, step: 1, inputmode: "numeric", placeholder: "–", "aria-describedby": `${id}-note`});
  const clear = el("button", {type: "button", class: "focus-clear", "aria-label": "clear the highlighted neuron", title: "clear"}, "✕");
  const link = el("a", {class: "focus-link"});
  const note = el("span", {class: "focus-note", id: `${id}-note`});
  // what a screen reader hears when the highlight changes (from a chart, by keys or a click)
  const live = el("span", {class: "focus-live", "aria-live": "polite"});
  const form = el("form", {class: "focus-bar", "aria-label": "highlighted neuron"},
    el("label", {for: id}, label, " ", el("span", {class: "focus-h", "aria-hidden": "true"}, "h")), input, clear, link, note, live);
  const show = () => {
    input.value = value === null ? "" : String(value);
    input.removeAttribute("aria-invalid");
    clear.disabled = value === null;
    form.classList.toggle("focus-set", value !== null);
    if (value === null) {
      link.removeAttribute("href");
      link.textContent = "";
      note.textContent = "click a neuron in any chart";
    } else {
      link.setAttribute("href", `./neurons/${value}`);
      link.textContent = `h${value}'s page`;
      note.textContent = describe ? describe(value) ?? "" : "";
    }
  };
  const set = (j, {announce = true} = {}) => {
    j = j === null || j === undefined || j === "" ? null : Number(j);
    if (j !== null && !(Number.isInteger(j) && j >= 0 && j < H)) return;
    if (j === value) return show();
    value = j;
    show();
    writeUrl(value);
    live.textContent = value === null ? "no neuron highlighted" : `h${value} highlighted${describe ? `: ${describe(value) ?? ""}` : ""}`;
    if (announce) form.dispatchEvent(new Event("input", {bubbles: true}));
  };
  // typing: wait for a pause (typing "54" should not first highlight h5)
  let timer = 0;
  input.addEventListener("input", (e) => {
    e.stopPropagation();
    clearTimeout(timer);
    const raw = input.value.trim();
    if (raw === "") return void (timer = setTimeout(() => set(null), 400));
    const j = Number(raw);
    if (!(Number.isInteger(j) && j >= 0 && j < H)) return input.setAttribute("aria-invalid", "true");
    input.removeAttribute("aria-invalid");
    timer = setTimeout(() => set(j), 400);
  });
  input.addEventListener("change", (e) => {
    e.stopPropagation();
    clearTimeout(timer);
    const raw = input.value.trim();
    const j = Number(raw);
    if (raw === "") set(null);
    else if (Number.isInteger(j) && j >= 0 && j < H) set(j);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    input.dispatchEvent(new Event("change"));
  });
  clear.addEventListener("click", () => {
    set(null);
    input.focus();
  });
  Object.defineProperty(form, "value", {get: () => value, set: (j) => set(j, {announce: false})});
  form.setFocus = set;
  show();
  if (value !== null) writeUrl(value);
  bar = form;
  return form;
}

/** Sets the page's highlighted neuron (as the picker would). */
export function setFocus(j) {
  bar?.setFocus(j);
}

/** The page's highlighted neuron now (null when none, or no picker). */
export function currentFocus() {
  return bar ? bar.value : null;
}

/**
 * A Plot render transform that writes each element's neuron into data-neuron (from the mark's data
 * row: neuronOf(row) → j, or [j, k] for a pair), and data-focus-neuron on the highlighted one(s).
 * Plot binds each element to its index in the mark's data (__data__).
 */
export function tagNeurons(rows, neuronOf, focus = null) {
  return function (index, scales, values, dimensions, context, next) {
    const g = next(index, scales, values, dimensions, context);
    if (!g) return g;
    for (const e of g.querySelectorAll("*")) {
      const i = e.__data__;
      if (typeof i !== "number" || rows[i] === undefined) continue;
      const js = [].concat(neuronOf(rows[i])).filter((j) => j !== null && j !== undefined);
      if (!js.length) continue;
      e.setAttribute("data-neuron", js.join(" "));
      if (focus !== null && js.includes(focus)) e.setAttribute("data-focus-neuron", String(focus));
    }
    return g;
  };
}

/** A text mark for the highlighted neuron's name: accent, bold, with a halo so it reads over marks. */
export function focusText(rows, {neuron = (r) => r.j, focus = null, ...options} = {}) {
  return Plot.text(rows, {fill: ACCENT, fontWeight: 700, fontSize: 12, stroke: "var(--theme-background)", strokeWidth: 3, paintOrder: "stroke", ...options,
    render: tagNeurons(rows, neuron, focus)});
}

/**
 * A "pin" for a chart with one bar per neuron along a band x scale: a dashed accent line from the
 * highlighted bar's top up to the frame, and the neuron's name above the frame (in the top margin,
 * so it never sits on another label or on a mark). row: the highlighted row (nothing when null);
 * x, y: its channels (accessors); text: its name. Needs marginTop ≥ 40 (the y label takes the top 16 px).
 */
export function focusPin(row, {x, y, text, focus}) {
  if (!row) return null;
  return (index, scales, values, dims) => {
    const sx = scales.x, sy = scales.y;
    const cx = sx(x(row)) + (scales.x.bandwidth?.() ?? 0) / 2;
    const top = Math.min(sy(Math.max(0, y(row))), sy(y(row)));
    const g = svgEl("g", {"data-neuron": focus, "data-focus-neuron": focus});
    g.append(svgEl("line", {x1: cx, x2: cx, y1: top - 2, y2: dims.marginTop - 6, stroke: ACCENT, "stroke-width": 1.5, "stroke-dasharray": "3,2"}));
    // the name is centred over the bar, or starts / ends there near the chart's edges
    const at = (cx - dims.marginLeft) / Math.max(1, dims.width - dims.marginLeft - dims.marginRight);
    const label = svgEl("text", {x: cx, y: dims.marginTop - 10, "text-anchor": at < 0.15 ? "start" : at > 0.85 ? "end" : "middle",
      fill: ACCENT, "font-weight": 700, "font-size": 12, stroke: "var(--theme-background)", "stroke-width": 3, "paint-order": "stroke"});
    label.textContent = text(row);
    g.append(label);
    return g;
  };
}

function svgEl(tag, attrs) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  return e;
}

/**
 * Makes a numbered figure a linked neuron chart: clicking a neuron's mark (or, for charts with a
 * pointer tip, anywhere its tip points at a neuron) highlights that neuron on the whole page; with
 * the keyboard, Tab to the chart, ← → (or ↑ ↓) step through its neurons in `order`, Escape clears.
 * Marks the figure with data-neuron-chart (and data-focus-shown / data-focus-absent when a neuron is
 * highlighted), and neuron names in the chart's text ("h54", axis ticks too) become clickable.
 * pointerNeuron(datum) → j reads the neuron of the datum a pointer tip shows (plot.value).
 */
export function linkChart(fig, {focus = null, order = null, pointerNeuron = null, key = null} = {}) {
  // the chart's plots: the figure's svg(s), not legend swatches or ramps (a figure may hold panels)
  const svgs = fig.matches("svg") ? [fig] : [...fig.querySelectorAll("svg")].filter((x) => !x.parentElement.closest("svg") && !x.closest("[class*='-swatch'], [class*='-ramp']"));
  if (!svgs.length) return fig;
  for (const svg of svgs) {
    // neuron names written in the chart (labels, tick labels) are links to the neuron too
    for (const t of svg.querySelectorAll("text")) {
      if (t.closest("[data-neuron], [aria-label='tip']")) continue;
      const m = /^h(\d+)\b/.exec(t.textContent.trim());
      if (m) {
        t.setAttribute("data-neuron", m[1]);
        if (focus !== null && Number(m[1]) === focus) t.setAttribute("data-focus-neuron", String(focus));
      }
    }
  }
  const shown = focus !== null && svgs.some((svg) => svg.querySelector("[data-focus-neuron]") !== null);
  fig.setAttribute("data-neuron-chart", "");
  fig.classList.toggle("focus-on", shown);
  if (focus !== null) fig.setAttribute(shown ? "data-focus-shown" : "data-focus-absent", String(focus));
  const hint = "Click a neuron to highlight it in every chart of the page; with the keyboard, arrow keys step through the neurons, Escape clears.";
  svgs.forEach((svg, i) => wire(svg, {order, pointerNeuron, key: `${key ?? svgs[0].getAttribute("aria-label")}#${i}`, hint}));
  return fig;
}

/** Click and keyboard handling of one chart svg. */
function wire(svg, {order, pointerNeuron, key, hint}) {
  const plotRoot = svg.closest("figure:not(.fig)") ?? svg;
  const neurons = order ?? [...new Set([...svg.querySelectorAll("[data-neuron]")].flatMap((e) => e.getAttribute("data-neuron").split(" ").map(Number)))];
  const pick = (e) => {
    const hit = e.target.closest?.("[data-neuron]");
    let js = hit ? hit.getAttribute("data-neuron").split(" ").map(Number) : [];
    if (!js.length && pointerNeuron && plotRoot.value != null) js = [].concat(pointerNeuron(plotRoot.value));
    js = js.filter((j) => Number.isInteger(j));
    if (!js.length) return null;
    // a pair (two neurons): go to the partner of the highlighted neuron
    const cur = currentFocus();
    return js.find((j) => j !== cur) ?? js[0];
  };
  svg.addEventListener("click", (e) => {
    const j = pick(e);
    if (j !== null) setFocus(j);
  });
  svg.setAttribute("tabindex", "0");
  svg.classList.add("neuron-chart");
  svg.setAttribute("aria-description", [svg.getAttribute("aria-description"), hint].filter(Boolean).join(" "));
  svg.addEventListener("keydown", (e) => {
    if (!neurons.length) return;
    const at = neurons.indexOf(currentFocus());
    let j;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") j = neurons[at < 0 ? 0 : Math.min(neurons.length - 1, at + 1)];
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") j = neurons[at < 0 ? 0 : Math.max(0, at - 1)];
    else if (e.key === "Home") j = neurons[0];
    else if (e.key === "End") j = neurons[neurons.length - 1];
    else if (e.key === "Escape") j = null;
    else return;
    e.preventDefault();
    keyboardKey = key;
    setFocus(j);
  });
  // the chart was redrawn after a key press in it: give the keyboard back to the new copy
  if (keyboardKey !== null && keyboardKey === key) {
    keyboardKey = null;
    const back = (n) => (svg.isConnected ? svg.focus({preventScroll: true}) : n > 0 && requestAnimationFrame(() => back(n - 1)));
    requestAnimationFrame(() => back(60));
  }
}
