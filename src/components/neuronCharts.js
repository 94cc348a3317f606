// The neuron page's charts. Kept apart from neuronPage.js so that the page's summary and tables
// render before Plot (and its d3 modules) are evaluated, which is most of a page's start-up time.
import * as Plot from "@observablehq/plot";
import {byteLabel} from "./explorer.js";

/** h_t[j] over the corpus (from the Int8 activations) with flips marked and a pointer tip. */
export function activationChart(act, H, T, j, text, {width = 640} = {}) {
  const rows = [];
  const flips = [];
  for (let t = 0; t < T; t++) {
    const v = act[t * H + j] / 127;
    rows.push({t, v, byte: text[t]});
    if (t > 0 && (act[t * H + j] >= 0) !== (act[(t - 1) * H + j] >= 0)) flips.push({t});
  }
  return Plot.plot({
    width,
    height: 200,
    x: {label: "position t"},
    y: {label: `h${j}`, domain: [-1, 1], grid: true},
    marks: [
      Plot.ruleY([0]),
      Plot.tickX(flips, {x: "t", stroke: "currentColor", strokeOpacity: 0.15}),
      Plot.lineY(rows, {x: "t", y: "v", stroke: "#4269d0", strokeWidth: 1}),
      Plot.tip(rows, Plot.pointerX({x: "t", y: "v", title: (d) => `t = ${d.t}, after ${byteLabel(d.byte)}\nh${j} ≈ ${d.v.toFixed(2)}`})),
    ],
  });
}

/** Sign changes of neuron j per depth d (Q2 perturbation test), with the dominant depth marked. */
export function offsetChart(q2, j, {width = 640} = {}) {
  const D = q2.D;
  const rows = Array.from({length: D}, (_, i) => ({d: i + 1, n: q2.N[j * D + i]}));
  return Plot.plot({
    width,
    height: 160,
    x: {label: "offset d (bytes back)", type: "band"},
    y: {label: "sign changes", grid: true},
    marks: [
      Plot.barY(rows, {x: "d", y: "n", fill: (d) => (d.d === q2.dom[j] ? "#e4442a" : "#8a8a8a")}),
      Plot.tip(rows, Plot.pointerX({x: "d", y: "n", title: (d) => `d = ${d.d}: h${j} changed sign at ${d.n} of the test positions`})),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * A sortable table (keyboard: the header buttons). columns: [{key, label, format?, title?}],
 * rows: objects; first column links via href(row).
 */
