// Pure view helpers for the Q7 chapter: data in, element out.
import * as Plot from "@observablehq/plot";
import { html } from "htl";
import { ACCENT, SERIES, figure, plain } from "./figure.js";

export function ch(b) {
  if (b === 10) return "↵";
  return b >= 32 && b < 127 ? String.fromCharCode(b) : "·";
}
export const pct = (v, d = 1) => (v == null || !Number.isFinite(v) ? "–" : `${v.toFixed(d)}%`);
export const fmt = (v, d = 3) => (v == null || !Number.isFinite(v) ? "–" : v.toFixed(d));


export {badge, claimsTable} from "./verdict.js";

/** Alignment % per offset for the three series, with the paper's ranges as shaded boxes. */
export function alignmentChart(d, { width = 720, title, caption } = {}) {
  const rows = [];
  // chance: the share of that offset's scored pairs whose PMI passes the gate (what an attribution
  // unrelated to PMI would reach), drawn dotted in its series' colour
  const chance = [];
  const A = d.algebraic, Ho = d.higherOrder;
  const algName = `q7_algebraic (${A.positions.length} positions)`;
  const push = (o, pct, mass, series, c) => {
    rows.push({ d: o.d, pct, mass, series, chance: c ?? null });
    if (c !== null && c !== undefined) chance.push({ d: o.d, pct: c, series });
  };
  for (const o of A.offsets) push(o, o.pct, o.total, algName, A.chanceByOffset?.[o.d - 1]);
  for (const o of Ho.offsets) {
    push(o, o.bigramPct, o.sensitivity, "higher-order: bigram gate", Ho.chanceByOffset?.[o.d - 1]);
    if (o.d >= 2) push(o, o.trigramPct, o.sensitivity, "higher-order: trigram gate", Ho.chance3ByOffset?.[o.d - 1]);
  }
  const paper = [
    { x1: 4.5, x2: 8.5, y1: d.PAPER.mid.lo, y2: d.PAPER.mid.hi, label: `paper: ${d.PAPER.mid.lo}–${d.PAPER.mid.hi}% at d = 5–8` },
    { x1: 15.5, x2: d.maxD + 0.5, y1: d.PAPER.deep.lo, y2: d.PAPER.deep.hi, label: `paper: ${d.PAPER.deep.lo}–${d.PAPER.deep.hi}% at d > 15` },
  ];
  const series = [algName, "higher-order: bigram gate", "higher-order: trigram gate"];
  // The paper's marks are named above the frame (two rows under the y label), never over a curve.
  const narrow = width < 560;
  const boxLabel = (b) => (narrow ? b.label.replace(/ at d.*/, "") : b.label);
  return figure({
    width,
    height: 336,
    marginTop: 60,
    x: { label: "offset d (distance of the perturbed byte from the target)", domain: [0.5, d.maxD + 0.5] },
    y: { label: "aligned share of |Δ| (%)", domain: [0, 100], grid: true },
    color: { legend: true, domain: series, range: [SERIES[0], SERIES[1], SERIES[2]] },
    marks: [
      Plot.rect(paper, { x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: ACCENT, fillOpacity: 0.15 }),
      // the boxes' labels above the frame: the first centred over its box, the last ending at its right edge
      Plot.text(paper.slice(0, 1), { x: (b) => (b.x1 + b.x2) / 2, frameAnchor: "top", text: boxLabel, dy: -16, fontSize: 11, fill: "currentColor" }),
      Plot.text(paper.slice(1), { x: "x2", frameAnchor: "top", text: boxLabel, dy: -16, textAnchor: "end", fontSize: 11, fill: "currentColor" }),
      Plot.ruleY([d.PAPER.overall.value], { stroke: "currentColor", strokeOpacity: 0.6, strokeDasharray: "4,3" }),
      Plot.text([d.PAPER.overall.value], { frameAnchor: "top-right", text: () => `dashed line: paper overall ${d.PAPER.overall.value}%${chance.length ? " · dotted: chance" : ""}`, dy: -32, textAnchor: "end", fontSize: 11 }),
      Plot.line(chance, { x: "d", y: "pct", stroke: "series", strokeDasharray: "1,3", strokeWidth: 1.5, strokeOpacity: 0.9 }),
      Plot.line(rows, { x: "d", y: "pct", stroke: "series", marker: "circle" }),
      Plot.tip(rows, Plot.pointer({ x: "d", y: "pct", stroke: "series", title: (r) => `${r.series}\nd = ${r.d}: ${r.pct.toFixed(1)}% of ${r.mass.toFixed(3)} bits${r.chance === null ? "" : `\nchance at this offset: ${r.chance.toFixed(1)}%`}` })),
    ],
  }, { title, caption });
}

/** Bins table: pooled % with its chance level, and the per-offset range, for each series. */
export function binsTable(d) {
  const series = [
    ["q7_algebraic", d.algebraic.bins],
    ["higher-order bigram", d.higherOrder.bigramBins],
    ["higher-order trigram", d.higherOrder.trigramBins],
  ];
  const names = d.algebraic.bins.map((b) => b.name);
  const label = (b) => `${b.name === "all" ? "all" : b.name === "d2-20" ? "d = 2–20" : `${b.name} (d = ${b.lo}–${b.hi})`}`;
  return html`<table class="q7-bins"><thead><tr><th>series</th>${d.algebraic.bins.map((b) => html`<th>${label(b)}</th>`)}</tr></thead>
  <tbody>${series.map(
    ([name, bins]) => html`<tr><th>${name}</th>${names.map((n) => {
      const b = bins.find((x) => x.name === n);
      const chance = b.chance ?? null;
      return html`<td><strong>${pct(b.pooled)}</strong>${chance === null ? "" : html` <small>(chance ${chance.toFixed(1)}%)</small>`}<br><small>${Number.isFinite(b.min) ? `${b.min.toFixed(1)}–${b.max.toFixed(1)}%` : "–"}</small></td>`;
    })}</tr>`,
  )}</tbody></table>`;
}

/** Bigram vs trigram share per offset as grouped bars. */
export function trigramChart(d, { width = 720, title, caption } = {}) {
  const rows = d.higherOrder.offsets.flatMap((o) => [
    { d: o.d, gate: "bigram", pct: o.bigramPct },
    { d: o.d, gate: "trigram", pct: o.trigramPct },
  ]);
  return figure({
    width,
    height: 240,
    fx: { label: "offset d", tickFormat: (v) => (width < 560 && v % 5 !== 0 && v !== 1 ? "" : v) },
    x: { axis: null },
    y: { label: "aligned share (%)", grid: true, domain: [0, 100] },
    color: { legend: true, domain: ["bigram", "trigram"], range: [SERIES[1], SERIES[2]] },
    marks: [
      Plot.barY(rows, { fx: "d", x: "gate", y: "pct", fill: "gate" }),
      Plot.tip(rows, Plot.pointerX({ fx: "d", x: "gate", y: "pct", title: (r) => `d = ${r.d}, ${r.gate} gate: ${r.pct.toFixed(1)}%${r.d === 1 && r.gate === "trigram" ? " (no trigram at d = 1)" : ""}` })),
      Plot.ruleY([0]),
    ],
  }, { title, caption });
}

/** PMI vs |Δ| scatter for the higher-order sample, restricted to offsets [lo, hi]. */
export function pmiScatter(points, { lo = 1, hi = 20, gate = 0.5, which = "bigram", width = 720, title, caption } = {}) {
  const rows = [];
  for (let i = 0; i < points.length; i += 5) {
    const [t, d, a, p2, p3] = points.slice(i, i + 5);
    if (d < lo || d > hi) continue;
    const pmi = which === "trigram" ? p3 : p2;
    rows.push({ t, d, delta: Math.max(a, 1e-6), pmi, aligned: pmi > gate ? "PMI > gate (aligned)" : "PMI ≤ gate" });
  }
  return figure({
    width,
    height: 344,
    marginTop: 44,
    x: { label: `${which} PMI (bits)`, grid: true },
    y: { type: "log", label: "|Δbpc| (bits, log scale; 0 shown at 1e−6)", grid: true, tickFormat: plain },
    color: { legend: true, domain: ["PMI > gate (aligned)", "PMI ≤ gate"], range: [SERIES[0], SERIES[7]] },
    marks: [
      Plot.ruleX([gate], { stroke: "currentColor", strokeDasharray: "4,3" }),
      // named above the frame, where no dot can be
      Plot.text([gate], { x: (v) => v, frameAnchor: "top", text: () => `gate ${gate} bits`, dy: -16, dx: -2, textAnchor: "start", fontSize: 11 }),
      Plot.dot(rows, { x: "pmi", y: "delta", r: 2, fill: "aligned", fillOpacity: 0.6 }),
      Plot.tip(rows, Plot.pointer({ x: "pmi", y: "delta", title: (r) => `t = ${r.t}, d = ${r.d}\n${which} PMI ${r.pmi.toFixed(2)} bits\n|Δ| ${r.delta.toFixed(4)} bits` })),
    ],
  }, { title, caption });
}
