// The neuron page's charts. Kept apart from neuronPage.js so that the page's summary and tables
// render before Plot (and its d3 modules) are evaluated, which is most of a page's start-up time.
import * as Plot from "@observablehq/plot";
import {byteLabel} from "./explorer.js";

/** h_t[j] over the corpus (act[t]: round(127·h_t[j]) with exact signs) with flips marked and a pointer tip. */
export function activationChart(act, j, text, {width = 640} = {}) {
  const rows = [];
  const flips = [];
  for (let t = 0; t < act.length; t++) {
    rows.push({t, v: act[t] / 127, byte: text[t]});
    if (t > 0 && (act[t] >= 0) !== (act[t - 1] >= 0)) flips.push({t});
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

/** Sign changes of neuron j per depth d (Q2 perturbation test: off.N[d − 1]), with the dominant depth marked. */
export function offsetChart(off, j, {width = 640} = {}) {
  const rows = Array.from({length: off.D}, (_, i) => ({d: i + 1, n: off.N[i]}));
  return Plot.plot({
    width,
    height: 160,
    x: {label: "offset d (bytes back)", type: "band"},
    y: {label: "sign changes", grid: true},
    marks: [
      Plot.barY(rows, {x: "d", y: "n", fill: (d) => (d.d === off.dom ? "#e4442a" : "#8a8a8a")}),
      Plot.tip(rows, Plot.pointerX({x: "d", y: "n", title: (d) => `d = ${d.d}: h${j} changed sign at ${d.n} of the test positions`})),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * A sortable table (keyboard: the header buttons). columns: [{key, label, format?, title?}],
 * rows: objects; first column links via href(row).
 */
