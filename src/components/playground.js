// Charts for the in-browser model page: pure (data in, element out).
import * as Plot from "@observablehq/plot";
import {byteLabel} from "./explorer.js";
import {SERIES, figure} from "./figure.js";

/** Bits per position, full model vs edited model, with a pointer tip. */
export function bitsChart(base, edited, bytes, {width = 640} = {}) {
  const rows = [];
  for (let t = 0; t < base.length; t++) {
    rows.push({t, bits: base[t], series: "full model", next: bytes[t + 1]});
    if (edited) rows.push({t, bits: edited[t], series: "edited model", next: bytes[t + 1]});
  }
  return figure({
    width,
    height: 220,
    x: {label: "position t"},
    y: {label: "bits", grid: true},
    color: {legend: true, domain: ["full model", "edited model"], range: ["#8a8a8a", SERIES[1]]},
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(rows, {x: "t", y: "bits", stroke: "series", strokeWidth: 1}),
      Plot.tip(rows, Plot.pointerX({x: "t", y: "bits", stroke: "series", title: (d) => `t = ${d.t} (${d.series})\nnext byte ${byteLabel(d.next)}\n${d.bits.toFixed(3)} bits`})),
    ],
  }, {title: "Bits per position, full and edited model", caption: "The cost of each corpus byte under the full model (grey) and under your edits (orange). Where the orange line rises above the grey one, the edit removed something the model needed there."});
}
