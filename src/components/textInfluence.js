// The text view's influence underline and stacked neuron strips. Pure: data in, values or elements out.
import * as Plot from "@observablehq/plot";
import {figure} from "./figure.js";

/**
 * The text loader's influence field ({D, scale, delta: base64 Int16, t-major}) as an accessor:
 * at(t, d) = Δ_d(t) in bits (d = 1: the byte just read, data[t]); top(t, k) = the k offsets with
 * the largest |Δ|.
 */
export function decodeInfluence(inf) {
  const bin = atob(inf.delta);
  const bytes = new Uint8Array(bin.length);
  for (let k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
  const q = new Int16Array(bytes.buffer);
  const {D, scale} = inf;
  const at = (t, d) => q[t * D + d - 1] / scale;
  const top = (t, k = 3) => {
    const out = [];
    for (let d = 1; d <= D && d <= t + 1; d++) out.push({d, delta: at(t, d)});
    return out.filter((o) => o.delta !== 0).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, k);
  };
  return {D, at, top};
}

/** Underline colour of an influence: blue when the byte helped (Δ > 0), orange when it hurt. */
export function influenceColor(delta, max) {
  const a = Math.min(1, Math.abs(delta) / Math.max(max, 1e-9)) ** 0.7;
  return delta >= 0 ? `rgba(47, 99, 170, ${(0.15 + 0.85 * a).toFixed(3)})` : `rgba(230, 120, 20, ${(0.15 + 0.85 * a).toFixed(3)})`;
}

/**
 * The marks for textStrip.mark(): bytes data[t − d + 1], d = 1 … D, underlined by |Δ_d(t)|
 * relative to the largest at this t; bytes with |Δ| < 1 % of it are left plain.
 */
export function influenceMarks(inf, t, T) {
  if (t >= T) return [];
  let max = 0;
  for (let d = 1; d <= inf.D && d <= t + 1; d++) max = Math.max(max, Math.abs(inf.at(t, d)));
  const marks = [];
  for (let d = 1; d <= inf.D && d <= t + 1; d++) {
    const v = inf.at(t, d);
    if (Math.abs(v) >= 0.01 * max && v !== 0) marks.push([t - d + 1, influenceColor(v, max)]);
  }
  return marks;
}

/**
 * Stacked activation strips (LSTMVis-style): one row per neuron in `rows`, one column per byte in
 * a window around `pos`; act is the T×H Int8 matrix of round(127·h).
 */
export function neuronStrips(bytes, act, H, T, rows, pos, {width = 640, glyph = String} = {}) {
  const cols = Math.max(12, Math.min(80, Math.floor((width - 60) / 12)));
  const from = Math.max(0, Math.min(pos - Math.floor(cols / 2), T - cols));
  const to = Math.min(T, from + cols);
  const cells = [];
  for (const j of rows) for (let k = from; k < to; k++) cells.push({k, j: `h${j}`, v: act[k * H + j] / 127});
  const ks = Array.from({length: to - from}, (_, i) => from + i);
  return figure({
    width, height: 50 + 22 * rows.length, marginLeft: 50, marginTop: 30, padding: 0.05,
    x: {domain: ks, axis: "top", label: null, tickSize: 0, tickFormat: (k) => glyph(bytes[k])},
    y: {domain: rows.map((j) => `h${j}`), label: null},
    color: {type: "linear", domain: [-1, 0, 1], range: ["rgb(66, 105, 208)", "#f2f2f2", "rgb(242, 142, 44)"], legend: true, label: "activation h"},
    marks: [
      Plot.cell(cells, {x: "k", y: "j", fill: "v"}),
      Plot.cell(ks.includes(pos) ? rows.map((j) => ({k: pos, j: `h${j}`})) : [], {x: "k", y: "j", fill: "none", stroke: "currentColor", strokeWidth: 2}),
      Plot.tip(cells, Plot.pointer({x: "k", y: "j", title: (c) => `${c.j} at t = ${c.k} (after ${glyph(bytes[c.k])}): ${c.v.toFixed(2)}`}))
    ]
  }, {title: `Activations of ${rows.map((j) => `h${j}`).join(", ")} around t = ${pos}`,
    caption: `Bytes ${from}–${to - 1}, the selected one framed. A neuron that tracks something in the text switches colour where that thing starts and ends.`});
}
