// Pure view helpers for the Q1 chapter: data in, element out.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {el} from "./dom.js";
import {ACCENT, NEGATIVE, POSITIVE, SERIES, figure, plain} from "./figure.js";
import {focusText, tagNeurons} from "./focus.js";

/** One colour per run of the network, the same in every Q1 chart. */
export const VARIANT_COLOR = {"full float32": SERIES[0], "sign readout (f32 dynamics)": SERIES[4], "zero-mantissa dynamics (X2)": SERIES[1], "sign-only dynamics": SERIES[3]};
const variantScale = (names) => ({domain: names, range: names.map((n) => VARIANT_COLOR[n])});
/** A dashed reference line with its label, in the text colour (red is kept for verdicts). */
const refY = (y, label, opts = {}) => [Plot.ruleY([y], {stroke: "currentColor", strokeOpacity: 0.6, strokeDasharray: "4 3"}), Plot.text([y], {y: (d) => d, frameAnchor: "right", text: () => label, dy: -6, fontSize: 11, ...opts})];
const refX = (x, label, opts = {}) => [Plot.ruleX([x], {stroke: "currentColor", strokeOpacity: 0.6, strokeDasharray: "4 3"}), Plot.text([x], {x: (d) => d, frameAnchor: "top", text: () => label, dx: 4, textAnchor: "start", fontSize: 11, ...opts})];
export {refX, refY};

const fmt = (x, d = 4) => (x === null || x === undefined || Number.isNaN(x) ? "—" : typeof x === "number" ? (Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : +x.toFixed(d) + "") : String(x));
export {fmt};

import {badge} from "./verdict.js";
export {badge};

// Claim cards and tables: the one style (verdict.js), rows from the claims ledger.
export {claimCard as claimBox, claimsTable} from "./verdict.js";
import {claimCard} from "./verdict.js";

/** Margin histogram: |z| of every neuron-step (z: the T×H float32 pre-activations) in bins of `bin`. */
export function marginHistogram(z, {width, bin = 0.25, title, caption} = {}) {
  let max = 0;
  for (let k = 0; k < z.length; k++) max = Math.max(max, Math.abs(z[k]));
  const n = Math.max(1, Math.ceil(max / bin));
  const counts = new Float64Array(n);
  for (let k = 0; k < z.length; k++) counts[Math.min(n - 1, Math.floor(Math.abs(z[k]) / bin))]++;
  const rows = Array.from(counts, (count, b) => ({lo: b * bin, hi: (b + 1) * bin, count, pct: (100 * count) / z.length}));
  return figure({
    width, height: 240, marginRight: 20, x: {label: "|z| (margin)", domain: [0, n * bin]}, y: {label: "% of neuron-steps", grid: true, tickFormat: plain},
    marks: [
      Plot.rectY(rows, {x1: "lo", x2: "hi", y: "pct", fill: SERIES[0], insetLeft: 0.5}),
      refX(1, "|z| = 1"),
      Plot.tip(rows, Plot.pointerX({x1: "lo", x2: "hi", y: "pct", title: (d) => `|z| in [${d.lo}, ${d.hi})\n${d.count} neuron-steps\n${d.pct.toFixed(2)} %`})),
      Plot.ruleY([0])
    ]
  }, {title, caption});
}

/** Distribution of |z| at fine resolution near 0: the loader's CDF points {m, f} (margins.cdf). */
export function marginCdf(cdf, {width, title, caption} = {}) {
  const pts = cdf.m.map((m, k) => ({m, f: cdf.f[k]}));
  return figure({
    width, height: 240, x: {label: "margin |z| (log scale)", type: "log", tickFormat: plain}, y: {label: "% of neuron-steps with smaller margin", grid: true, domain: [0, 100]},
    marks: [
      Plot.line(pts, {x: "m", y: "f", stroke: SERIES[0]}),
      refX(0.1, "|z| = 0.1"), refX(1, "|z| = 1"),
      Plot.tip(pts, Plot.pointerX({x: "m", y: "f", title: (d) => `|z| ≤ ${d.m.toPrecision(3)}: ${d.f.toFixed(2)} %`}))
    ]
  }, {title, caption});
}

/** Side-by-side bpc of the four readouts/dynamics. */
export function bpcBars(items, {width, title, caption} = {}) {
  const narrow = width < 560;
  // on a phone the run's name goes above its bar (no room for a left axis)
  const drop = narrow ? 9 : 0;
  return figure({
    width, height: 40 + (narrow ? 48 : 34) * items.length, marginLeft: narrow ? 10 : 200, marginRight: 60,
    x: {label: "bits per character", grid: true, tickFormat: plain}, y: {label: null, axis: narrow ? null : "left"},
    color: variantScale(items.map((d) => d.name)),
    marks: [
      Plot.barX(items, {y: "name", x: "bpc", fill: "name", sort: {y: null}, insetTop: narrow ? 18 : 0}),
      Plot.text(items, {y: "name", x: "bpc", text: (d) => d.bpc.toFixed(4), dx: 4, dy: drop, textAnchor: "start"}),
      narrow ? Plot.text(items, {y: "name", x: 0, text: "name", dy: -12, textAnchor: "start", fontSize: 11}) : null,
      Plot.ruleX([0])
    ]
  }, {title, caption});
}

/** Per-position bits of several runs (lines), with a pointer. */
export function bitsLines(series, {width, t0 = 0, t1, title, caption} = {}) {
  const rows = [];
  for (const s of series) s.bits.forEach((b, t) => { if (t >= t0 && (t1 === undefined || t <= t1)) rows.push({t, b, name: s.name}); });
  return figure({
    width, height: 260, x: {label: "position t"}, y: {label: "bits", grid: true, tickFormat: plain}, color: {legend: true, ...variantScale(series.map((s) => s.name))},
    marks: [Plot.line(rows, {x: "t", y: "b", stroke: "name", strokeWidth: 1}), Plot.tip(rows, Plot.pointer({x: "t", y: "b", title: (d) => `${d.name}\nt = ${d.t}: ${d.b.toFixed(3)} bits`}))]
  }, {title, caption});
}

/** Influence heatmap: source j (x) → target i (y), fraction of sampled positions. The highlight's
 * column and row are framed; when it is the page's highlighted neuron (focus) it is named above. */
export function influenceHeatmap(frac, H, {width, highlight = null, focus = null, title, caption} = {}) {
  const cells = [];
  for (let j = 0; j < H; j++) for (let i = 0; i < H; i++) { const f = frac[j * H + i]; if (f > 0) cells.push({j, i, f}); }
  return figure({
    width, height: Math.min(width ?? 640, 640) + 14, marginTop: 34, padding: 0, x: {label: "source neuron j", domain: [0, H]}, y: {label: "target neuron i", domain: [0, H], reverse: true},
    color: {scheme: "blues", type: "sqrt", label: "influence fraction", legend: true},
    marks: [
      // one H×H image, not H² rects: 16,384 SVG elements took most of the Q1 page's load
      Plot.raster({x1: 0, x2: H, y1: 0, y2: H, width: H, height: H, imageRendering: "pixelated",
        fill: (x, y) => { const f = frac[Math.floor(x) * H + Math.floor(y)]; return f > 0 ? f : NaN; }}),
      highlight === null ? null : Plot.rect([highlight], {x1: (d) => d, x2: (d) => d + 1, y1: 0, y2: H, stroke: ACCENT, fill: "none", render: tagNeurons([highlight], (d) => d, focus)}),
      highlight === null ? null : Plot.rect([highlight], {y1: (d) => d, y2: (d) => d + 1, x1: 0, x2: H, stroke: ACCENT, fill: "none", render: tagNeurons([highlight], (d) => d, focus)}),
      highlight === null ? null : focusText([highlight], {x: (d) => d + 0.5, frameAnchor: "top", dy: -10, textAnchor: highlight < H / 5 ? "start" : highlight > (4 * H) / 5 ? "end" : "middle", text: (d) => `h${d} drives ↓`, neuron: (d) => d, focus}),
      Plot.tip(cells, Plot.pointer({x: (d) => d.j + 0.5, y: (d) => d.i + 0.5, title: (d) => `h${d.j} → h${d.i}\n${d.f.toFixed(3)}`}))
    ]
  }, {title, caption});
}

/** Out-degree vs in-degree scatter (the page's highlighted neuron, focus, drawn in the accent). */
export function degreeScatter(outDeg, inDeg, {width, highlight = null, focus = null, title, caption} = {}) {
  const rows = outDeg.map((o, j) => ({j, o, i: inDeg[j]}));
  const sel = rows.filter((d) => d.j === highlight);
  return figure({
    width, height: 300, grid: true, x: {label: "out-degree (Σ influence on others)", tickFormat: plain}, y: {label: "in-degree", tickFormat: plain},
    marks: [
      Plot.dot(rows, {x: "o", y: "i", r: 3, fill: SERIES[0], fillOpacity: 0.7, render: tagNeurons(rows, (d) => d.j, focus)}),
      Plot.dot(sel, {x: "o", y: "i", r: 6, stroke: ACCENT, strokeWidth: 2, render: tagNeurons(sel, (d) => d.j, focus)}),
      focusText(sel, {x: "o", y: "i", text: (d) => `h${d.j}`, dx: 9, textAnchor: "start", focus}),
      Plot.tip(rows, Plot.pointer({x: "o", y: "i", title: (d) => `h${d.j}\nout ${d.o.toFixed(2)}, in ${d.i.toFixed(2)}`}))
    ]
  }, {title, caption});
}

/** The H-bit state at t as a strip of cells: sign (colour) and margin (opacity), with a pointer; the
 * page's highlighted neuron (focus) is framed in the accent (its colour still shows its z). */
export function stateStrip(z, boolHex, H, t, {width, focus = null, title, caption} = {}) {
  const cols = Math.min(H, 32);
  const rows = [];
  for (let j = 0; j < H; j++) {
    const zz = z[t * H + j];
    const digit = parseInt(boolHex[t][j >> 2], 16);
    const bbit = (digit >> (3 - (j & 3))) & 1;
    rows.push({j, x: j % cols, y: Math.floor(j / cols), z: zz, sign: zz >= 0 ? 1 : 0, bool: bbit});
  }
  const nrow = Math.ceil(H / cols);
  return figure({
    width, height: 40 + 26 * nrow, padding: 0.08, x: {axis: null, domain: Array.from({length: cols}, (_, k) => k)}, y: {axis: null, domain: Array.from({length: nrow}, (_, k) => k)},
    color: {type: "linear", domain: [-3, 0, 3], range: [NEGATIVE, "#f2f2f2", POSITIVE], label: "z (pre-activation)", legend: true},
    marks: [
      Plot.cell(rows, {x: "x", y: "y", fill: (d) => Math.max(-3, Math.min(3, d.z))}),
      Plot.text(rows, {x: "x", y: "y", text: (d) => (d.bool !== d.sign ? "•" : ""), fill: "black", fontSize: 14}),
      Plot.cell(rows.filter((d) => d.j === focus), {x: "x", y: "y", fill: "none", stroke: ACCENT, strokeWidth: 3, inset: -1, render: tagNeurons(rows.filter((d) => d.j === focus), (d) => d.j, focus)}),
      Plot.tip(rows, Plot.pointer({x: "x", y: "y", title: (d) => `h${d.j}\nz = ${d.z}\n|z| = ${Math.abs(d.z)}\nf32 sign bit ${d.sign}, Boolean-dynamics bit ${d.bool}\n(click to highlight)`}))
    ]
  }, {title, caption});
}

/** 32 bars of per-bit leverage (log scale). */
export function leverageBars(perBit, {width, title, caption} = {}) {
  const rows = perBit.map((v, b) => ({b, v, cls: b === 31 ? "sign" : b >= 23 ? "exponent" : "mantissa"})).filter((d) => d.v > 0);
  return figure({
    width, height: 260, x: {label: "bit of the float32 h_t[j] (31 = sign)", tickFormat: (d) => (width < 560 && d % 4 !== 3 ? "" : d), domain: Array.from({length: 32}, (_, b) => b)},
    y: {type: "log", label: "mean |Δ bits| (log scale)", grid: true, tickFormat: plain}, color: {legend: true, domain: ["mantissa", "exponent", "sign"], range: [SERIES[7], SERIES[1], SERIES[3]]},
    marks: [
      Plot.barY(rows, {x: "b", y1: (d) => Math.min(...rows.map((r) => r.v)) / 2, y2: "v", fill: "cls"}),
      Plot.tip(rows, Plot.pointerX({x: "b", y: "v", title: (d) => `bit ${d.b} (${d.cls})\nmean |Δ| = ${d.v.toExponential(3)} bits`}))
    ]
  }, {title, caption});
}

/** Depth profile: reference (ungated) vs gated, as fraction of d = 0. */
export function depthChart(ref, gated, {width, title, caption} = {}) {
  const rows = [...ref.map((m, d) => ({d, m, name: "reference (no gate, offsets 1…)"})), ...gated.map((m, d) => ({d, m, name: "corrected (gated, offsets 0…)"}))];
  return figure({
    width, height: 260, x: {label: "offset d (steps back)"}, y: {label: "mean attribution mass", grid: true, tickFormat: plain},
    color: {legend: true, domain: ["reference (no gate, offsets 1…)", "corrected (gated, offsets 0…)"], range: [SERIES[7], SERIES[0]]},
    marks: [Plot.line(rows, {x: "d", y: "m", stroke: "name"}), Plot.dot(rows, {x: "d", y: "m", stroke: "name", r: 2}), Plot.tip(rows, Plot.pointer({x: "d", y: "m", title: (d) => `${d.name}\nd = ${d.d}: ${d.m.toFixed(4)}`}))]
  }, {title, caption});
}

/** ρ(D) curve with the 0.9995 line. */
export function rhoChart(rho, {width, title, caption} = {}) {
  const rows = rho.map((r, k) => ({D: k + 1, r}));
  return figure({
    width, height: 240, x: {label: "BPTT depth D"}, y: {label: "Spearman ρ vs D = 50", grid: true, tickFormat: plain},
    marks: [refY(0.9995, "ρ = 0.9995", {dy: 12}), Plot.line(rows, {x: "D", y: "r"}), Plot.dot(rows, {x: "D", y: "r", r: 2}), Plot.tip(rows, Plot.pointerX({x: "D", y: "r", title: (d) => `D = ${d.D}\nρ = ${d.r.toFixed(5)}`}))]
  }, {title, caption});
}

/** A neuron's margin |z| over time. */
export function neuronMargins(z, H, j, {width, title, caption} = {}) {
  const T = z.length / H;
  const rows = Array.from({length: T}, (_, t) => ({t, m: Math.abs(z[t * H + j]), s: z[t * H + j] >= 0 ? "z > 0" : "z < 0"}));
  return figure({
    width, height: 220, x: {label: "position t"}, y: {label: `|z| of h${j}`, grid: true, tickFormat: plain},
    color: {legend: true, domain: ["z > 0", "z < 0"], range: [POSITIVE, NEGATIVE], label: "sign of z"},
    marks: [refY(1, "|z| = 1"), Plot.dot(rows, {x: "t", y: "m", fill: "s", r: 1.5}), Plot.tip(rows, Plot.pointerX({x: "t", y: "m", title: (d) => `t = ${d.t}\n${d.s}, |z| = ${d.m}`}))]
  }, {title, caption});
}

/** Printable byte as text. */
export function byteText(b) {
  return b >= 32 && b <= 126 ? JSON.stringify(String.fromCharCode(b)) : `0x${b.toString(16).padStart(2, "0")}`;
}

/** Several claims, one block. */
export function claimBoxes(list) {
  return html`<div>${[...new Set(list.filter(Boolean))].map(claimCard)}</div>`;
}
