// Pure view helpers for the home page (the synthesis, alive): data in, element out.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {badge} from "./claims.js";
import {agree, claimCards, VERDICT_LABEL} from "./verdict.js";
import {int} from "./format.js";
import {ACCENT, SERIES, figure} from "./figure.js";

const sig = (v, d = 3) => (v === null || v === undefined || !Number.isFinite(v) ? "—" : String(Number(v.toPrecision(d))));
const signed = (v, d = 3) => (v === null || v === undefined || !Number.isFinite(v) ? "—" : `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(d)}`);

/** Row lookup by id. */
export function byId(ledger) {
  return Object.fromEntries(ledger.rows.map((r) => [r.id, r]));
}

/**
 * A live number in running text: the measured value, coloured by its verdict, linking to the
 * ledger row (data-claim = its id); the paper's value follows in brackets unless the claim holds.
 */
export function live(row, text, {paper = row?.paper} = {}) {
  if (!row) return html`<span class="live na">—</span>`;
  const t = text ?? row.measured;
  return html`<a class="live ${row.verdict}" data-claim=${row.id} href=${`./claims#claim-${row.id}`} title=${`${row.claim}\npaper: ${row.paper}\nmeasured: ${row.measured}\n${VERDICT_LABEL[row.verdict]}: ${row.reason}`}>${t}</a>${
    row.verdict === "holds" || row.verdict === "construction" ? "" : html`<span class="paper-val"> [paper ${paper}]</span>`
  }`;
}

/**
 * The paper's conclusions (abstract, §6), each with the ledger rows that test it. A conclusion
 * survives when every informative row holds, fails when one differs, and is untested otherwise.
 */
export const CONCLUSIONS = [
  {id: "boolean", paper: "The RNN is a Boolean automaton: 98.9 % of neuron-steps have margins > 1, and one Boolean step reproduces the float signs", rows: ["above1", "theorem"]},
  {id: "mantissa", paper: "The mantissa only interferes: removing it improves bpc by 0.095", rows: ["zero-mantissa", "sign-channel"]},
  {id: "overparam", paper: "It is over-parameterised: 20 neurons and 36 % of W_h are 0.15 bpc better than the full model", rows: ["redux-delta", "top20-better", "wh36-threshold"]},
  {id: "traceable", paper: "It is traceable: ~15 neurons (0.1 % of W_h) explain each prediction, through a backbone h54 ← h121 ← h78", rows: ["neurons15", "wh-share-01", "h54-driver", "backbone"]},
  {id: "aligned", paper: "It is partially aligned with data statistics (61 % at shallow offsets) and develops higher-order patterns at depth", rows: ["shallow61", "aligned61", "higher-order"]},
  {id: "volatile", paper: "It is fully volatile: all neurons flip sign every ~3 steps, in co-flip groups", rows: ["all-volatile", "dwell", "coflip-groups"]},
  {id: "neurons", paper: "One neuron (h28) carries 99.7 % of the compression; the other 113 are noise", rows: ["h28", "noise"]},
  {id: "offsets", paper: "The effective offsets are deep, d = 18–25", rows: ["deep-offsets", "d25"]}
];

/** A conclusion's status from its rows' verdicts. */
/**
 * A conclusion from its claims' verdicts. A part no model of this layout can reach counts against it
 * (as a differing one does); a part that cannot be computed keeps it from surviving outright; parts
 * that hold by construction are no evidence either way.
 */
export function conclusionStatus(rows) {
  const n = (v) => rows.filter((r) => r && r.verdict === v).length;
  const holds = n("holds"), against = n("differs") + n("unreproducible"), untested = n("na");
  if (!holds && !against) return "untested";
  if (!holds) return "fails";
  if (against) return "partly";
  return untested ? "testable" : "survives";
}
const STATUS = {survives: ["holds", "survives"], testable: ["holds", "survives where testable"], partly: ["differs", "partly survives"], fails: ["differs", "does not survive"], untested: ["na", "cannot be tested here"]};

/** Headline counts: informative verdicts only, then what is not counted. */
export function headline(L) {
  const c = L.counts;
  return html`<span>Of the <b>${c.holds + c.differs}</b> informative claims, <b>${agree(c.holds, "hold")}</b> and <b>${agree(c.differs, "differ")}</b> on this model.
    Not counted: ${agree(c.construction, "hold")} by construction (the layout, the method or the corpus fixes them),
    ${c.unreproducible} no model of this layout can reach, ${c.na} cannot be computed here.</span>`;
}

/** The bottom line (first screen of the home page): which conclusions survive, and how far off each claim is. */
export function bottomLine(L) {
  const r = byId(L);
  const mm = r["mean-margin"];
  const twoModels = r["bpc"] && r["full-bpc"] && r["bpc"].verdict === "holds" && r["full-bpc"].verdict === "differs";
  return html`<div class="bottom-line">
    <p>${headline(L)}</p>
    ${twoModels ? html`<p>The abstract's ${live(r["bpc"], `${sig(r["bpc"].value, 3)} bpc`)} is this model's, but the paper's tables describe another model
      (full float32 at ${r["full-bpc"].paper}, measured here ${live(r["full-bpc"], `${sig(r["full-bpc"].value, 3)} bpc`)})${mm && mm.verdict === "differs" && /× smaller$/.test(mm.distance) ? html` whose mean margin (${mm.paper}) is ${mm.distance.replace("smaller", "larger")} than this model's (${live(mm, sig(mm.value, 3))})` : ""}.</p>` : ""}
    <div class="ledger-wrap"><table class="home-table conclusions">
      <thead><tr><th>the paper concludes</th><th>on this model</th><th>how far off</th></tr></thead>
      <tbody>${CONCLUSIONS.map((k) => {
        const rows = k.rows.map((id) => r[id]).filter(Boolean);
        const st = conclusionStatus(rows);
        return html`<tr><td>${k.paper}</td><td><span class=${`verdict ${STATUS[st][0]}`}>${STATUS[st][1]}</span></td>
          <td>${rows.map((x) => html`<div>${badge(x.verdict, x.reason, x.id)} <a href=${`./claims#claim-${x.id}`}>${x.claim}</a>: ${x.distance}</div>`)}</td></tr>`;
      })}</tbody>
    </table></div></div>`;
}

/** The abstract, sentence by sentence: the paper says X; on this model Y (chosen by the verdicts). */
export function liveAbstract(L) {
  const r = byId(L);
  const say = (row, then) => {
    if (!row) return "";
    if (row.verdict === "holds" || row.verdict === "construction") return html`On this model it holds: ${live(row)}${row.verdict === "construction" ? " (by construction)" : ""}.`;
    if (row.verdict === "na") return html`On this model it cannot be tested: ${row.reason}.`;
    if (row.verdict === "unreproducible") return html`No model of this layout can reach it: ${live(row)}, ${row.distance}.`;
    return html`On this model it does not: ${live(row)}, ${row.distance}.${then ? html` ${then}` : ""}`;
  };
  const items = [
    ["The sat-rnn has 128 hidden units and reaches 0.079 bpc on 1024 bytes of enwik8.", [r["hidden"], r["bpc"], r["bytes"]]],
    ["It is a Boolean automaton where 98.9 % of neuron-steps have margins > 1.0.", [r["above1"]]],
    ["20 neurons and 36 % of W_h suffice for 0.15 bpc better-than-full performance.", [r["redux-delta"], r["wh36-threshold"]]],
    ["Each prediction is explained by ~15 neurons (0.1 % of the weight matrix).", [r["neurons15"], r["wh-share-01"]]],
    ["It is partially aligned with data statistics (61 % at shallow offsets) but develops higher-order patterns at depth.", [r["shallow61"], r["higher-order"]]],
    ["All 128 neurons flip sign every ~3 steps, with co-flip groups encoding shared features.", [r["all-volatile"], r["dwell"], r["coflip-groups"]]],
    ["Removing the mantissa improves bpc by 0.095.", [r["zero-mantissa"]]],
    ["Training used ~82,000 parameters; inference needs ~26,000.", [r["params"], r["inference-params"]]]
  ];
  return html`<ul class="live-abstract">${items.map(([paper, rows]) => html`<li><span class="muted">The paper says:</span> ${paper} ${rows.filter(Boolean).map((row) => html`<br>· ${row.claim} — ${say(row)}`)}</li>`)}</ul>`;
}

const QUESTION = {model: "Model", q1: "Q1: Sparsity", q2: "Q2: Offsets", q3: "Q3: Neurons", q4: "Q4: Saturation", q5: "Q5: Redux", q6: "Q6: Justification", q7: "Q7: Algebra"};

/** The overview table (§1): each key number, paper vs measured, how far off, with its verdict. */
export function overviewTable(L) {
  const rows = L.rows.filter((r) => r.location.includes("§1 Overview of results"));
  const chs = L.chapters.filter((c) => rows.some((r) => r.chapter === c));
  return html`<div class="ledger-wrap"><table class="home-table">
    <thead><tr><th>question</th><th>claim</th><th></th><th>paper</th><th>measured</th><th>off by</th></tr></thead>
    <tbody>${chs.flatMap((c) =>
      rows
        .filter((r) => r.chapter === c)
        .map(
          (r, i, a) => html`<tr class=${i === 0 ? "first" : ""}>
            ${i === 0 ? html`<th rowspan=${a.length}><a href=${c === "model" ? "./" : `./${c}`}>${QUESTION[c] ?? c}</a></th>` : ""}
            <td>${r.claim}</td><td>${badge(r.verdict, r.reason, r.id)}</td><td class="num">${r.paper}</td><td class="num"><a href=${r.chart}>${r.measured}</a></td><td class="num">${r.distance}</td>
          </tr>`,
        ),
    )}</tbody>
  </table></div>`;
}

/** Claim cards (the one style, verdict.js). */
export function claimList(rows) {
  return claimCards(rows);
}

/** The minimal-model table (§3): paper and measured, bpc, Δ and parameters, with the ledger's verdicts. */
export function minimalTable(L, minimal) {
  const r = byId(L);
  if (!minimal) return html`<p><em>Q5 could not be computed for this model.</em></p>`;
  return html`<div class="ledger-wrap"><table class="home-table">
    <thead><tr><th>configuration</th><th>paper bpc</th><th>measured bpc</th><th></th><th>paper Δ</th><th>measured Δ</th><th>paper params</th><th>measured params</th><th></th></tr></thead>
    <tbody>${minimal.map((m, i) => {
      const b = r[i ? `minimal-${i}-bpc` : "full-bpc"];
      const p = r[i ? `minimal-${i}-params` : "params"];
      return html`<tr><td>${m.label}</td>
        <td class="num">${m.paperBpc.toFixed(3)}</td><td class="num"><b>${sig(m.bpc, 4)}</b></td><td>${b ? badge(b.verdict, b.reason, b.id) : ""}</td>
        <td class="num">${m.paperDelta.toFixed(3)}</td><td class="num">${signed(m.delta)}</td>
        <td class="num">${int(m.paperParams)}</td><td class="num"><b>${int(m.params)}</b>${m.liveParams !== null && m.liveParams !== m.params ? html`<br><span class="muted">${int(m.liveParams)} live</span>` : ""}</td><td>${p ? badge(p.verdict, p.reason, p.id) : ""}</td></tr>`;
    })}</tbody>
  </table></div>`;
}

// ---- the four information-flow charts --------------------------------------------------------

export function step1Chart(s, {width = 320} = {}) {
  width = Math.max(220, width || 0); // Framework\'s width can be 0 before layout
  if (!s) return html`<em>not computable</em>`;
  const pts = [...s.wx.map(([p, b]) => ({p, b, m: "W_x"})), ...s.wh.map(([p, b]) => ({p, b, m: "W_h"}))].filter((d) => d.b > 0);
  return figure({
    width,
    height: 200,
    x: {label: "% of entries zeroed (smallest |w| first)", domain: [0, 100]},
    y: {label: "bpc", type: "log", grid: true, tickFormat: "~g"},
    color: {domain: ["W_h", "W_x"], range: [SERIES[0], SERIES[1]], legend: true}, // as in Q5's pruning chart
    marks: [
      Plot.ruleY([s.baseline], {stroke: "currentColor", strokeDasharray: "3,3"}),
      Plot.line(pts, {x: "p", y: "b", stroke: "m", marker: "dot"}),
      Plot.tip(pts, Plot.pointer({x: "p", y: "b", title: (d) => `${d.m}: zero ${d.p}%\n${d.b.toFixed(4)} bpc (full ${s.baseline.toFixed(4)})`})),
    ],
  }, {title: "Step 1: zeroing the smallest weights", caption: "Bpc as the smallest entries of W_x and W_h are zeroed; the dashed line is the full model. A matrix whose curve stays on the line up to p % could lose p % of its entries."});
}

export function step2Chart(s, {width = 320} = {}) {
  width = Math.max(220, width || 0); // Framework\'s width can be 0 before layout
  if (!s) return html`<em>not computable</em>`;
  const bars = s.counts.map((c, b) => ({x1: s.lo + b * s.step, x2: s.lo + (b + 1) * s.step, pct: (100 * c) / s.total}));
  return figure({
    width,
    height: 200,
    x: {label: "margin |z| (log scale)", tickFormat: (x) => (x === 0 ? "1" : `1e${x}`), ticks: [-4, -3, -2, -1, 0, 1, 2, 3]},
    y: {label: "% of neuron-steps", grid: true},
    marks: [
      Plot.rectY(bars, {x1: "x1", x2: "x2", y: "pct", fill: SERIES[0]}),
      Plot.ruleX([0], {stroke: "currentColor", strokeDasharray: "4,3"}),
      Plot.text([{x: 0}], {x: "x", frameAnchor: "top", dx: 4, textAnchor: "start", text: () => "|z| = 1", stroke: "var(--theme-background)", strokeWidth: 3, fill: "currentColor"}), // a halo over the bars
      Plot.tip(bars, Plot.pointerX({x1: "x1", x2: "x2", y: "pct", title: (d) => `|z| in [${(10 ** d.x1).toPrecision(2)}, ${(10 ** d.x2).toPrecision(2)})\n${d.pct.toFixed(2)}% of neuron-steps`})),
      Plot.ruleY([0]),
    ],
  }, {title: "Step 2: margins of all neuron-steps", caption: "The distribution of |z| on a log scale; mass left of the dashed line |z| = 1 is where a neuron's sign is fragile."});
}

export function step3Chart(s, {width = 320} = {}) {
  width = Math.max(220, width || 0); // Framework\'s width can be 0 before layout
  if (!s) return html`<em>not computable</em>`;
  const pts = s.subset.map(([k, b]) => ({k, b}));
  return figure({
    width,
    height: 200,
    x: {label: "top-k readout neurons kept", type: "log", tickFormat: "~g"},
    y: {label: "bpc", type: "log", grid: true, tickFormat: "~g"},
    marks: [
      Plot.ruleY([s.baseline], {stroke: "currentColor", strokeDasharray: "3,3"}),
      Plot.line(pts, {x: "k", y: "b", stroke: SERIES[0], marker: "dot"}),
      Plot.ruleX([s.paperK], {stroke: ACCENT, strokeDasharray: "4,3"}),
      Plot.text([s.paperK], {x: (v) => v, frameAnchor: "top", dx: -4, textAnchor: "end", fill: ACCENT, text: () => `paper: ${s.paperK}`}),
      Plot.tip(pts, Plot.pointer({x: "k", y: "b", title: (d) => `top ${d.k}: ${d.b.toFixed(4)} bpc (full ${s.baseline.toFixed(4)})`})),
    ],
  }, {title: "Step 3: keeping only the top k readout neurons", caption: `Bpc with only the k most important readout neurons kept; the dashed horizontal line is the full model, the purple line the paper's ${s.paperK}. Below the full model would mean the others add noise.`});
}

export function step4Chart(s, {width = 320} = {}) {
  width = Math.max(220, width || 0); // Framework\'s width can be 0 before layout
  if (!s || !s.drivers.length) return html`<em>not computable</em>`;
  const data = s.drivers.map((d) => ({n: `h${d.j}`, c: d.count, pct: (100 * d.count) / s.predictions}));
  return figure({
    width,
    height: 200,
    marginLeft: 44,
    x: {label: `% of all ${s.predictions} predictions driven`, grid: true},
    y: {label: null, domain: data.map((d) => d.n)},
    marks: [
      Plot.barX(data, {y: "n", x: "pct", fill: SERIES[0], tip: true, title: (d) => `${d.n} drives ${d.c} of ${s.predictions} predictions (${d.pct.toFixed(1)}%)`}),
      Plot.ruleX([0]),
    ],
  }, {title: "Step 4: which neuron drives each prediction", caption: `The neurons that most often have the largest flip score, over all ${s.predictions} predictions. One long bar would be a single route through the network.`});
}

/** The sampled driver counts (the paper's "h54 dominates 7/12"), paper neurons highlighted. */
export function backboneChart(b, {width = 480} = {}) {
  width = Math.max(220, width || 0); // Framework\'s width can be 0 before layout
  if (!b || !b.drivers.length) return html`<em>not computable</em>`;
  const paper = new Set(b.paper.neurons);
  const star = b.paper.driver;
  const data = b.drivers.map((d) => ({n: `h${d.j}`, c: d.count, paper: paper.has(d.j)}));
  if (paper.has(star) && !b.drivers.some((d) => d.j === star)) data.push({n: `h${star}`, c: 0, paper: true});
  return figure({
    width,
    height: 40 + 20 * data.length,
    marginLeft: 44,
    color: {legend: true, domain: ["other neuron", "a neuron of the paper's backbone"], range: [SERIES[0], ACCENT]},
    x: {label: `driver of how many of the ${b.predictions} sampled predictions`, grid: true, domain: [0, Math.max(b.paper.drives, ...data.map((d) => d.c))]},
    y: {label: null, domain: data.map((d) => d.n)},
    marks: [
      Plot.barX(data, {y: "n", x: "c", fill: (d) => (d.paper ? "a neuron of the paper's backbone" : "other neuron"), tip: true, title: (d) => `${d.n}: ${d.c}/${b.predictions}${d.paper ? " (a paper backbone neuron)" : ""}`}),
      Plot.ruleX([b.paper.drives], {stroke: "currentColor", strokeDasharray: "3,3"}),
      Plot.text([{x: b.paper.drives}], {x: "x", frameAnchor: "bottom", dx: -4, dy: -4, textAnchor: "end", text: () => `paper: h${star} ${b.paper.drives}/${b.predictions}`}),
      Plot.text(data.filter((d) => d.paper), {y: "n", x: "c", text: (d) => (d.c ? "paper" : "paper: never drives here"), dx: 4, textAnchor: "start", fill: ACCENT, fontSize: 11}),
      Plot.ruleX([0]),
    ],
  }, {title: "Drivers of the paper's sampled predictions", caption: `The neuron with the largest flip score at each of the ${b.predictions} sampled positions, counted; the paper's backbone neurons in purple, and the dashed line its claim that h${star} drives ${b.paper.drives} of them.`});
}
