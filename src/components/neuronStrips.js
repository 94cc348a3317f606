// The text view's stacked activation strips (LSTMVis-style). Imported when scrolled into view.
import * as Plot from "@observablehq/plot";
import {NEGATIVE, POSITIVE, figure} from "./figure.js";

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
    color: {type: "linear", domain: [-1, 0, 1], range: [NEGATIVE, "#f2f2f2", POSITIVE], legend: true, label: "activation h"},
    marks: [
      Plot.cell(cells, {x: "k", y: "j", fill: "v"}),
      Plot.cell(ks.includes(pos) ? rows.map((j) => ({k: pos, j: `h${j}`})) : [], {x: "k", y: "j", fill: "none", stroke: "currentColor", strokeWidth: 2}),
      Plot.tip(cells, Plot.pointer({x: "k", y: "j", title: (c) => `${c.j} at t = ${c.k} (after ${glyph(bytes[c.k])}): ${c.v.toFixed(2)}`}))
    ]
  }, {title: `Activations of ${rows.map((j) => `h${j}`).join(", ")} around t = ${pos}`,
    caption: `Bytes ${from}–${to - 1}, the selected one framed. A neuron that tracks something in the text switches colour where that thing starts and ends.`});
}
