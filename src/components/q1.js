// Pure view helpers for the Q1 chapter: data in, element out.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {el} from "./dom.js";

const fmt = (x, d = 4) => (x === null || x === undefined || Number.isNaN(x) ? "—" : typeof x === "number" ? (Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : +x.toFixed(d) + "") : String(x));
export {fmt};

import {badge} from "./verdict.js";
export {badge};

// Claim cards and tables: the one style (verdict.js), rows from the claims ledger.
export {claimCard as claimBox, claimsTable} from "./verdict.js";
import {claimCard} from "./verdict.js";

/** Margin histogram (bins of 5) with counts and percentages. */
export function marginHistogram(hist, total, {width} = {}) {
  const rows = hist.map((count, b) => ({lo: 5 * b, hi: 5 * (b + 1), count, pct: (100 * count) / total})).filter((d) => d.count > 0);
  return Plot.plot({
    width, height: 220, x: {label: "|z| (margin)"}, y: {label: "% of neuron-steps", grid: true},
    marks: [
      Plot.rectY(rows, {x1: "lo", x2: "hi", y: "pct", fill: "steelblue", insetLeft: 1}),
      Plot.tip(rows, Plot.pointerX({x1: "lo", x2: "hi", y: "pct", title: (d) => `[${d.lo}, ${d.hi})\n${d.count} neuron-steps\n${d.pct.toFixed(2)} %`})),
      Plot.ruleY([0])
    ]
  });
}

/** Distribution of |z| at fine resolution near 0: the loader's CDF points {m, f} (margins.cdf). */
export function marginCdf(cdf, {width} = {}) {
  const pts = cdf.m.map((m, k) => ({m, f: cdf.f[k]}));
  return Plot.plot({
    width, height: 220, x: {label: "margin |z|", type: "log"}, y: {label: "% of neuron-steps with smaller margin", grid: true, domain: [0, 100]},
    marks: [
      Plot.line(pts, {x: "m", y: "f", stroke: "steelblue"}),
      Plot.ruleX([0.1, 1], {stroke: "#c33", strokeDasharray: "4 3"}),
      Plot.tip(pts, Plot.pointerX({x: "m", y: "f", title: (d) => `|z| ≤ ${d.m.toPrecision(3)}: ${d.f.toFixed(2)} %`}))
    ]
  });
}

/** Side-by-side bpc of the four readouts/dynamics. */
export function bpcBars(items, {width} = {}) {
  return Plot.plot({
    width, height: 40 + 34 * items.length, marginLeft: 220, x: {label: "bits per character", grid: true}, y: {label: null},
    marks: [
      Plot.barX(items, {y: "name", x: "bpc", fill: "color", sort: {y: null}}),
      Plot.text(items, {y: "name", x: "bpc", text: (d) => d.bpc.toFixed(4), dx: 4, textAnchor: "start"}),
      Plot.ruleX([0])
    ]
  });
}

/** Per-position bits of several runs (lines), with a pointer. */
export function bitsLines(series, {width, t0 = 0, t1} = {}) {
  const rows = [];
  for (const s of series) s.bits.forEach((b, t) => { if (t >= t0 && (t1 === undefined || t <= t1)) rows.push({t, b, name: s.name}); });
  return Plot.plot({
    width, height: 260, x: {label: "position t"}, y: {label: "bits", grid: true}, color: {legend: true},
    marks: [Plot.line(rows, {x: "t", y: "b", stroke: "name", strokeWidth: 1}), Plot.tip(rows, Plot.pointer({x: "t", y: "b", title: (d) => `${d.name}\nt = ${d.t}: ${d.b.toFixed(3)} bits`}))]
  });
}

/** Influence heatmap: source j (x) → target i (y), fraction of sampled positions. */
export function influenceHeatmap(frac, H, {width, highlight = null} = {}) {
  const cells = [];
  for (let j = 0; j < H; j++) for (let i = 0; i < H; i++) { const f = frac[j * H + i]; if (f > 0) cells.push({j, i, f}); }
  return Plot.plot({
    width, height: Math.min(width ?? 640, 640), padding: 0, x: {label: "source neuron j", domain: [0, H]}, y: {label: "target neuron i", domain: [0, H], reverse: true},
    color: {scheme: "blues", type: "sqrt", label: "influence fraction", legend: true},
    marks: [
      // one H×H image, not H² rects: 16,384 SVG elements took most of the Q1 page's load
      Plot.raster({x1: 0, x2: H, y1: 0, y2: H, width: H, height: H, imageRendering: "pixelated",
        fill: (x, y) => { const f = frac[Math.floor(x) * H + Math.floor(y)]; return f > 0 ? f : NaN; }}),
      highlight === null ? null : Plot.rect([highlight], {x1: (d) => d, x2: (d) => d + 1, y1: 0, y2: H, stroke: "#c33", fill: "none"}),
      highlight === null ? null : Plot.rect([highlight], {y1: (d) => d, y2: (d) => d + 1, x1: 0, x2: H, stroke: "#c33", fill: "none"}),
      Plot.tip(cells, Plot.pointer({x: (d) => d.j + 0.5, y: (d) => d.i + 0.5, title: (d) => `h${d.j} → h${d.i}\n${d.f.toFixed(3)}`}))
    ]
  });
}

/** Out-degree vs in-degree scatter. */
export function degreeScatter(outDeg, inDeg, {width, highlight = null} = {}) {
  const rows = outDeg.map((o, j) => ({j, o, i: inDeg[j]}));
  return Plot.plot({
    width, height: 300, grid: true, x: {label: "out-degree (Σ influence on others)"}, y: {label: "in-degree"},
    marks: [
      Plot.dot(rows, {x: "o", y: "i", r: 3, fill: (d) => (d.j === highlight ? "#c33" : "steelblue")}),
      Plot.tip(rows, Plot.pointer({x: "o", y: "i", title: (d) => `h${d.j}\nout ${d.o.toFixed(2)}, in ${d.i.toFixed(2)}`}))
    ]
  });
}

/** The H-bit state at t as a strip of cells: sign (colour) and margin (opacity), with a pointer. */
export function stateStrip(z, boolHex, H, t, {width} = {}) {
  const cols = Math.min(H, 32);
  const rows = [];
  for (let j = 0; j < H; j++) {
    const zz = z[t * H + j];
    const digit = parseInt(boolHex[t][j >> 2], 16);
    const bbit = (digit >> (3 - (j & 3))) & 1;
    rows.push({j, x: j % cols, y: Math.floor(j / cols), z: zz, sign: zz >= 0 ? 1 : 0, bool: bbit});
  }
  const nrow = Math.ceil(H / cols);
  return Plot.plot({
    width, height: 40 + 26 * nrow, padding: 0.08, x: {axis: null, domain: Array.from({length: cols}, (_, k) => k)}, y: {axis: null, domain: Array.from({length: nrow}, (_, k) => k)},
    color: {type: "diverging", scheme: "RdBu", domain: [-3, 3], label: "z (pre-activation)", legend: true},
    marks: [
      Plot.cell(rows, {x: "x", y: "y", fill: (d) => Math.max(-3, Math.min(3, d.z))}),
      Plot.text(rows, {x: "x", y: "y", text: (d) => (d.bool !== d.sign ? "•" : ""), fill: "black"}),
      Plot.tip(rows, Plot.pointer({x: "x", y: "y", title: (d) => `h${d.j}\nz = ${d.z}\n|z| = ${Math.abs(d.z)}\nf32 sign bit ${d.sign}, Boolean-dynamics bit ${d.bool}`}))
    ]
  });
}

/** 32 bars of per-bit leverage (log scale). */
export function leverageBars(perBit, {width} = {}) {
  const rows = perBit.map((v, b) => ({b, v, cls: b === 31 ? "sign" : b >= 23 ? "exponent" : "mantissa"})).filter((d) => d.v > 0);
  return Plot.plot({
    width, height: 260, x: {label: "bit of the float32 h_t[j] (31 = sign)", tickFormat: (d) => d, domain: Array.from({length: 32}, (_, b) => b)},
    y: {type: "log", label: "mean |Δ bits|", grid: true}, color: {legend: true, domain: ["mantissa", "exponent", "sign"], range: ["#9ab", "#e90", "#c33"]},
    marks: [
      Plot.barY(rows, {x: "b", y1: (d) => Math.min(...rows.map((r) => r.v)) / 2, y2: "v", fill: "cls"}),
      Plot.tip(rows, Plot.pointerX({x: "b", y: "v", title: (d) => `bit ${d.b} (${d.cls})\nmean |Δ| = ${d.v.toExponential(3)} bits`}))
    ]
  });
}

/** Depth profile: reference (ungated) vs gated, as fraction of d = 0. */
export function depthChart(ref, gated, {width} = {}) {
  const rows = [...ref.map((m, d) => ({d, m, name: "reference (no gate, offsets 1…)"})), ...gated.map((m, d) => ({d, m, name: "corrected (gated, offsets 0…)"}))];
  return Plot.plot({
    width, height: 260, x: {label: "offset d (steps back)"}, y: {label: "mean attribution mass", grid: true}, color: {legend: true},
    marks: [Plot.line(rows, {x: "d", y: "m", stroke: "name"}), Plot.dot(rows, {x: "d", y: "m", stroke: "name", r: 2}), Plot.tip(rows, Plot.pointer({x: "d", y: "m", title: (d) => `${d.name}\nd = ${d.d}: ${d.m.toFixed(4)}`}))]
  });
}

/** ρ(D) curve with the 0.9995 line. */
export function rhoChart(rho, {width} = {}) {
  const rows = rho.map((r, k) => ({D: k + 1, r}));
  return Plot.plot({
    width, height: 240, x: {label: "BPTT depth D"}, y: {label: "Spearman ρ vs D = 50", grid: true},
    marks: [Plot.ruleY([0.9995], {stroke: "#c33", strokeDasharray: "4 3"}), Plot.line(rows, {x: "D", y: "r"}), Plot.dot(rows, {x: "D", y: "r", r: 2}), Plot.tip(rows, Plot.pointerX({x: "D", y: "r", title: (d) => `D = ${d.D}\nρ = ${d.r.toFixed(5)}`}))]
  });
}

/** A neuron's margin |z| over time. */
export function neuronMargins(z, H, j, {width} = {}) {
  const T = z.length / H;
  const rows = Array.from({length: T}, (_, t) => ({t, m: Math.abs(z[t * H + j]), s: z[t * H + j] >= 0 ? "+" : "−"}));
  return Plot.plot({
    width, height: 200, x: {label: "position t"}, y: {label: `|z| of h${j}`, grid: true},
    marks: [Plot.ruleY([1], {stroke: "#c33", strokeDasharray: "4 3"}), Plot.dot(rows, {x: "t", y: "m", fill: "s", r: 1.5}), Plot.tip(rows, Plot.pointerX({x: "t", y: "m", title: (d) => `t = ${d.t}\nz sign ${d.s}, |z| = ${d.m}`}))]
  });
}

/** Printable byte as text. */
export function byteText(b) {
  return b >= 32 && b <= 126 ? JSON.stringify(String.fromCharCode(b)) : `0x${b.toString(16).padStart(2, "0")}`;
}

/** Several claims, one block. */
export function claimBoxes(list) {
  return html`<div>${[...new Set(list.filter(Boolean))].map(claimCard)}</div>`;
}
