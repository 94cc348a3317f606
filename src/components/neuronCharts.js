// The neuron page's charts. Kept apart from neuronPage.js so that the page's summary and tables
// render before Plot (and its d3 modules) are evaluated, which is most of a page's start-up time.
import * as Plot from "@observablehq/plot";
import {byteLabel, glyph} from "./explorer.js";
import {el} from "./dom.js";
import {NEGATIVE, POSITIVE, SERIES, figure} from "./figure.js";

const ACT_COLOR = {type: "linear", domain: [-1, 0, 1], range: [NEGATIVE, "#f2f2f2", POSITIVE], label: "activation h"};

/**
 * h_t[j] over the corpus as a wrapped heat strip: one row per `cols` steps, one cell per step,
 * coloured by the activation (readable at any width, unlike a 1023-point line).
 */
export function activationRaster(act, j, text, {width = 640, cols = 128} = {}) {
  const T = act.length;
  const c = Math.min(cols, Math.max(32, 16 * Math.floor((width - 60) / 64)));
  const cells = Array.from({length: T}, (_, t) => ({t, x: t % c, y: Math.floor(t / c), v: act[t] / 127}));
  const rows = Math.ceil(T / c);
  return figure({
    width, height: 60 + 18 * rows, marginLeft: 50, padding: 0,
    x: {label: "step within the row", domain: Array.from({length: c}, (_, k) => k), ticks: Array.from({length: Math.floor(c / 16) + 1}, (_, k) => k * 16).filter((k) => k < c)},
    y: {label: null, domain: Array.from({length: rows}, (_, k) => k), tickFormat: (r) => `t ${r * c}`},
    color: {...ACT_COLOR, legend: true},
    marks: [
      Plot.cell(cells, {x: "x", y: "y", fill: "v"}),
      Plot.tip(cells, Plot.pointer({x: "x", y: "y", title: (d) => `t = ${d.t}, after ${byteLabel(text[d.t])}\nh${j} ≈ ${d.v.toFixed(2)}`}))
    ]
  }, {title: `h${j} at every step`, caption: `One cell per position, ${c} to a row, orange for h > 0 and blue for h < 0. Long runs of one colour are a neuron holding a value; stripes that line up with the text are what it tracks.`});
}

/** Histogram of h_t[j] (20 bins on [−1, 1]). */
export function activationHistogram(act, j, {width = 640} = {}) {
  const bins = 20;
  const counts = new Array(bins).fill(0);
  for (const q of act) counts[Math.min(bins - 1, Math.floor(((q / 127 + 1) / 2) * bins))]++;
  const rows = counts.map((n, b) => ({lo: -1 + (2 * b) / bins, hi: -1 + (2 * (b + 1)) / bins, n}));
  return figure({
    width: Math.min(width, 520), height: 200,
    x: {label: `h${j}`, domain: [-1, 1]}, y: {label: "steps", grid: true},
    marks: [
      Plot.rectY(rows, {x1: "lo", x2: "hi", y: "n", fill: (d) => (d.lo >= 0 ? SERIES[1] : SERIES[0]), insetLeft: 0.5}),
      Plot.ruleY([0]),
      Plot.tip(rows, Plot.pointerX({x1: "lo", x2: "hi", y: "n", title: (d) => `h in [${d.lo.toFixed(1)}, ${d.hi.toFixed(1)}): ${d.n} steps`}))
    ]
  }, {title: `Distribution of h${j}`, caption: `How often h${j} takes each value over the ${act.length} states. A saturated switch piles up at −1 and +1; a graded neuron spreads between them.`});
}

/**
 * The strongest contexts, feature-browser style: positions grouped by activation level, each shown
 * as the `before` bytes up to and including the byte read, coloured by h, strongest first.
 */
export function topContexts(act, j, text, {per = 4, before = 24} = {}) {
  const levels = [
    {name: "h ≥ 0.9", test: (v) => v >= 0.9},
    {name: "0.5 ≤ h < 0.9", test: (v) => v >= 0.5 && v < 0.9},
    {name: "−0.9 < h ≤ −0.5", test: (v) => v <= -0.5 && v > -0.9},
    {name: "h ≤ −0.9", test: (v) => v <= -0.9}
  ];
  const order = Array.from(act.keys()).sort((a, b) => Math.abs(act[b]) - Math.abs(act[a]) || a - b);
  const color = (v) => (v >= 0 ? `rgba(242, 142, 44, ${(0.85 * Math.min(1, v)).toFixed(3)})` : `rgba(66, 105, 208, ${(0.85 * Math.min(1, -v)).toFixed(3)})`);
  return el("div", {class: "nc-contexts"}, levels.map((L) => {
    const all = order.filter((t) => L.test(act[t] / 127));
    // one context per region: skip positions within `before` bytes of one already shown
    const shown = [];
    for (const t of all) if (shown.length < per && shown.every((u) => Math.abs(u - t) > before)) shown.push(t);
    return el("div", {class: "nc-level"},
      el("h4", null, `${L.name} `, el("small", null, `${all.length} steps`)),
      shown.length ? el("ol", null, shown.map((t) => el("li", null,
        el("code", {class: "nc-ctx"}, Array.from({length: Math.min(before, t + 1)}, (_, i) => t - Math.min(before, t + 1) + 1 + i).map((u) =>
          el("span", {style: `background:${color(act[u] / 127)}`, class: u === t ? "nc-now" : null, title: `t = ${u}: h ≈ ${(act[u] / 127).toFixed(2)}`}, glyph(text[u])))),
        el("span", {class: "nc-meta"}, ` t = ${t}, h ≈ ${(act[t] / 127).toFixed(2)}`)))) : el("p", {class: "nc-meta"}, "none"));
  }));
}



/** Sign changes of neuron j per depth d (Q2 perturbation test: off.N[d − 1]), with the dominant depth marked. */
export function offsetChart(off, j, {width = 640} = {}) {
  const rows = Array.from({length: off.D}, (_, i) => ({d: i + 1, n: off.N[i]}));
  return figure({
    width,
    height: 160,
    x: {label: "offset d (bytes back)", type: "band", tickFormat: (d) => (width < 560 && d % 5 !== 0 && d !== 1 ? "" : d)},
    y: {label: "sign changes", grid: true},
    marks: [
      Plot.barY(rows, {x: "d", y: "n", fill: (d) => (d.d === off.dom ? "var(--accent)" : "#8a8a8a")}),
      Plot.tip(rows, Plot.pointerX({x: "d", y: "n", title: (d) => `d = ${d.d}: h${j} changed sign at ${d.n} of the test positions`})),
      Plot.ruleY([0]),
    ],
  }, {title: `How far back h${j} listens`, caption: `At how many test positions h${j} changed sign when the byte d steps back was altered; the most sensitive offset (d = ${off.dom}) is highlighted.`});
}

/**
 * A sortable table (keyboard: the header buttons). columns: [{key, label, format?, title?}],
 * rows: objects; first column links via href(row).
 */
