// Pure view helpers for the home page (the synthesis, alive): data in, element out.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {badge} from "./claims.js";
import {int} from "./format.js";

const sig = (v, d = 3) => (v === null || v === undefined || !Number.isFinite(v) ? "—" : String(Number(v.toPrecision(d))));
const signed = (v, d = 3) => (v === null || v === undefined || !Number.isFinite(v) ? "—" : `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(d)}`);

/** Row lookup by id. */
export function byId(ledger) {
  return Object.fromEntries(ledger.rows.map((r) => [r.id, r]));
}

/**
 * A live number in running text: the measured value, coloured by its verdict, linking to the
 * ledger row; the paper's value follows in brackets when the claim does not hold.
 */
export function live(row, text, {paper = row?.paper} = {}) {
  if (!row) return html`<span class="live na">—</span>`;
  const t = text ?? row.measured;
  return html`<a class="live ${row.verdict}" href=${`./claims#claim-${row.id}`} title=${`${row.claim}\npaper: ${row.paper}\nmeasured: ${row.measured}\n${row.verdict}: ${row.reason}`}>${t}</a>${
    row.verdict === "holds" ? "" : html`<span class="paper-val"> [paper ${paper}]</span>`
  }`;
}

/** The synthesis abstract with each number replaced by the measured one. */
export function liveAbstract(L, fp) {
  const r = byId(L);
  const v = (id) => r[id]?.value;
  const vol = v("abstract-volatile");
  return html`<p class="live-abstract">
    We present a complete experimental account of the sat-rnn (${live(r["abstract-hidden"], int(v("abstract-hidden")))} hidden units,
    ${live(r["abstract-bpc"], sig(v("abstract-bpc"), 3))} bpc on ${live(r["abstract-bytes"], int(v("abstract-bytes")))} bytes of its corpus).
    Through seven questions (Q1–Q7), we demonstrate that the RNN is: (1) a ${fp.H}-bit Boolean automaton where
    ${live(r["abstract-boolean"], `${sig(v("abstract-boolean"), 3)}%`)} of neuron-steps have margins &gt; 1.0;
    (2) over-parameterized—20 neurons and ${live(r["overview-redux"], `${sig(v("overview-redux"), 2)}%`)} of W<sub>h</sub> give
    ${live(r["abstract-overparam"], `${signed(v("abstract-overparam"))} bpc`, {paper: "−0.15 bpc"})} against the full model;
    (3) traceable—each prediction is explained by ~${live(r["abstract-neurons15"], sig(v("abstract-neurons15"), 3))} neurons
    (${live(r["abstract-whshare"], `${sig(v("abstract-whshare"), 2)}%`)} of the weight matrix); (4) partially aligned with data statistics
    (${live(r["abstract-shallow61"], `${sig(v("abstract-shallow61"), 3)}%`)} at shallow offsets), with a trigram gate adding
    ${live(r["abstract-higherorder"], `${signed(v("abstract-higherorder"), 1)} points`)} at depth; and (5) fully volatile—${live(
      r["abstract-volatile"],
      Number.isFinite(vol) ? `${Math.round((vol * fp.H) / 100)}/${fp.H}` : "—",
    )} neurons flip sign every ~${live(r["abstract-dwell"], sig(v("abstract-dwell"), 3))} steps, with
    ${live(r["abstract-coflip"], int(v("abstract-coflip")))} co-flip pairs of Jaccard &gt; 0.5. The mantissa channel: removing it changes bpc by
    ${live(r["abstract-mantissa"], signed(v("abstract-mantissa")), {paper: "−0.095"})}. Training used
    ${live(r["abstract-trainparams"], int(v("abstract-trainparams")))} parameters; the reference redux needs
    ${live(r["abstract-inference"], int(v("abstract-inference")))}.
  </p>`;
}

const QUESTION = {q1: "Q1: Sparsity", q2: "Q2: Offsets", q3: "Q3: Neurons", q4: "Q4: Saturation", q5: "Q5: Redux", q6: "Q6: Justification", q7: "Q7: Algebra"};

/** The overview table (§1): each key number, paper vs measured, with its verdict. */
export function overviewTable(L) {
  const rows = L.rows.filter((r) => r.section === "overview");
  const chs = [...new Set(rows.map((r) => r.chapter))];
  return html`<div class="ledger-wrap"><table class="home-table">
    <thead><tr><th>question</th><th>claim</th><th></th><th>paper</th><th>measured</th></tr></thead>
    <tbody>${chs.flatMap((c) =>
      rows
        .filter((r) => r.chapter === c)
        .map(
          (r, i, a) => html`<tr class=${i === 0 ? "first" : ""}>
            ${i === 0 ? html`<th rowspan=${a.length}><a href=${`./${c}`}>${QUESTION[c] ?? c}</a></th>` : ""}
            <td>${r.claim}</td><td>${badge(r.verdict, r.reason)}</td><td class="num">${r.paper}</td><td class="num"><a href=${r.chart}>${r.measured}</a></td>
          </tr>`,
        ),
    )}</tbody>
  </table></div>`;
}

/** Claim cards: the paper's words, paper value, measured value, verdict, links. */
export function claimList(rows) {
  return html`<div class="claim-list">${rows.map(
    (r) => html`<div class="claim">
      <div>“${r.quote}” ${badge(r.verdict, r.reason)}</div>
      <div class="paper">paper: ${r.paper} · measured: <b>${r.measured}</b> · tolerance ${r.tolerance} · <a href=${r.chart}>chart</a> · <a href=${r.methodHref}>method</a></div>
      ${r.note ? html`<div class="paper">${r.note}</div>` : ""}${r.toward ? html`<div class="paper"><b>Measured toward it:</b> ${r.toward}</div>` : ""}
    </div>`,
  )}</div>`;
}

/** The minimal-model table (§3): paper and measured, bpc, Δ and parameters, with verdicts. */
export function minimalTable(L, minimal) {
  const r = byId(L);
  if (!minimal) return html`<p><em>Q5 could not be computed for this model.</em></p>`;
  return html`<div class="ledger-wrap"><table class="home-table">
    <thead><tr><th>configuration</th><th>paper bpc</th><th>measured bpc</th><th></th><th>paper Δ</th><th>measured Δ</th><th>paper params</th><th>measured params</th><th></th></tr></thead>
    <tbody>${minimal.map((m, i) => {
      const b = r[`minimal-${i}-bpc`];
      const p = r[`minimal-${i}-params`];
      return html`<tr><td>${m.label}</td>
        <td class="num">${m.paperBpc.toFixed(3)}</td><td class="num"><b>${sig(m.bpc, 4)}</b></td><td>${b ? badge(b.verdict, b.reason) : ""}</td>
        <td class="num">${m.paperDelta.toFixed(3)}</td><td class="num">${signed(m.delta)}</td>
        <td class="num">${int(m.paperParams)}</td><td class="num"><b>${int(m.params)}</b>${m.liveParams !== null && m.liveParams !== m.params ? html`<br><span class="muted">${int(m.liveParams)} live</span>` : ""}</td><td>${p ? badge(p.verdict, p.reason) : ""}</td></tr>`;
    })}</tbody>
  </table></div>`;
}

// ---- the four information-flow charts --------------------------------------------------------

export function step1Chart(s, {width = 320} = {}) {
  width = Math.max(220, width || 0); // Framework\'s width can be 0 before layout
  if (!s) return html`<em>not computable</em>`;
  const pts = [...s.wx.map(([p, b]) => ({p, b, m: "W_x"})), ...s.wh.map(([p, b]) => ({p, b, m: "W_h"}))].filter((d) => d.b > 0);
  return Plot.plot({
    ariaLabel: "Step 1: bpc as the smallest weights of W_x and W_h are zeroed",
    width,
    height: 200,
    x: {label: "% of entries zeroed (smallest |w| first)", domain: [0, 100]},
    y: {label: "bpc", type: "log", grid: true, tickFormat: "~g"},
    color: {domain: ["W_x", "W_h"], range: ["#4e79a7", "#f28e2c"], legend: true},
    marks: [
      Plot.ruleY([s.baseline], {stroke: "currentColor", strokeDasharray: "3,3"}),
      Plot.line(pts, {x: "p", y: "b", stroke: "m", marker: "dot"}),
      Plot.tip(pts, Plot.pointer({x: "p", y: "b", title: (d) => `${d.m}: zero ${d.p}%\n${d.b.toFixed(4)} bpc (full ${s.baseline.toFixed(4)})`})),
    ],
  });
}

export function step2Chart(s, {width = 320} = {}) {
  width = Math.max(220, width || 0); // Framework\'s width can be 0 before layout
  if (!s) return html`<em>not computable</em>`;
  const bars = s.counts.map((c, b) => ({x1: s.lo + b * s.step, x2: s.lo + (b + 1) * s.step, pct: (100 * c) / s.total}));
  return Plot.plot({
    ariaLabel: "Step 2: distribution of the margins |z| of all neuron-steps, log scale",
    width,
    height: 200,
    x: {label: "margin |z| (log scale)", tickFormat: (x) => (x === 0 ? "1" : `1e${x}`), ticks: [-4, -3, -2, -1, 0, 1, 2, 3]},
    y: {label: "% of neuron-steps", grid: true},
    marks: [
      Plot.rectY(bars, {x1: "x1", x2: "x2", y: "pct", fill: "#4e79a7"}),
      Plot.ruleX([0], {stroke: "currentColor", strokeDasharray: "4,3"}),
      Plot.text([{x: 0}], {x: "x", frameAnchor: "top", dx: 4, textAnchor: "start", text: () => "|z| = 1"}),
      Plot.tip(bars, Plot.pointerX({x1: "x1", x2: "x2", y: "pct", title: (d) => `|z| in [${(10 ** d.x1).toPrecision(2)}, ${(10 ** d.x2).toPrecision(2)})\n${d.pct.toFixed(2)}% of neuron-steps`})),
      Plot.ruleY([0]),
    ],
  });
}

export function step3Chart(s, {width = 320} = {}) {
  width = Math.max(220, width || 0); // Framework\'s width can be 0 before layout
  if (!s) return html`<em>not computable</em>`;
  const pts = s.subset.map(([k, b]) => ({k, b}));
  return Plot.plot({
    ariaLabel: "Step 3: bpc when only the top k readout neurons are kept",
    width,
    height: 200,
    x: {label: "top-k readout neurons kept", type: "log", tickFormat: "~g"},
    y: {label: "bpc", type: "log", grid: true, tickFormat: "~g"},
    marks: [
      Plot.ruleY([s.baseline], {stroke: "currentColor", strokeDasharray: "3,3"}),
      Plot.line(pts, {x: "k", y: "b", stroke: "#4e79a7", marker: "dot"}),
      Plot.ruleX([20], {stroke: "var(--accent)", strokeDasharray: "4,3"}),
      Plot.text([20], {x: (v) => v, frameAnchor: "top", dx: -4, textAnchor: "end", fill: "var(--accent)", text: () => "paper: 20"}),
      Plot.tip(pts, Plot.pointer({x: "k", y: "b", title: (d) => `top ${d.k}: ${d.b.toFixed(4)} bpc (full ${s.baseline.toFixed(4)})`})),
    ],
  });
}

export function step4Chart(s, {width = 320} = {}) {
  width = Math.max(220, width || 0); // Framework\'s width can be 0 before layout
  if (!s || !s.drivers.length) return html`<em>not computable</em>`;
  const data = s.drivers.map((d) => ({n: `h${d.j}`, c: d.count, pct: (100 * d.count) / s.predictions}));
  return Plot.plot({
    ariaLabel: "Step 4: how often each neuron drives the prediction",
    width,
    height: 200,
    marginLeft: 44,
    x: {label: `% of all ${s.predictions} predictions driven`, grid: true},
    y: {label: null, domain: data.map((d) => d.n)},
    marks: [
      Plot.barX(data, {y: "n", x: "pct", fill: "#4e79a7", tip: true, title: (d) => `${d.n} drives ${d.c} of ${s.predictions} predictions (${d.pct.toFixed(1)}%)`}),
      Plot.ruleX([0]),
    ],
  });
}

/** The sampled driver counts (the paper's "h54 dominates 7/12"), paper neurons highlighted. */
export function backboneChart(b, {width = 480} = {}) {
  width = Math.max(220, width || 0); // Framework\'s width can be 0 before layout
  if (!b || !b.drivers.length) return html`<em>not computable</em>`;
  const paper = new Set([54, 121, 78, 0, 30, 7, 75]);
  const data = b.drivers.map((d) => ({n: `h${d.j}`, c: d.count, paper: paper.has(d.j)}));
  if (!b.drivers.some((d) => d.j === 54)) data.push({n: "h54", c: 0, paper: true});
  return Plot.plot({
    ariaLabel: "Drivers of the paper's 12 sampled predictions, the paper's backbone neurons highlighted",
    width,
    height: 40 + 20 * data.length,
    marginLeft: 44,
    color: {legend: true, domain: ["other neuron", "a neuron of the paper's backbone"], range: ["#4e79a7", "var(--accent)"]},
    x: {label: `driver of how many of the ${b.predictions} sampled predictions`, grid: true, domain: [0, Math.max(7, ...data.map((d) => d.c))]},
    y: {label: null, domain: data.map((d) => d.n)},
    marks: [
      Plot.barX(data, {y: "n", x: "c", fill: (d) => (d.paper ? "a neuron of the paper's backbone" : "other neuron"), tip: true, title: (d) => `${d.n}: ${d.c}/${b.predictions}${d.paper ? " (a paper backbone neuron)" : ""}`}),
      Plot.ruleX([7], {stroke: "currentColor", strokeDasharray: "3,3"}),
      Plot.text([{x: 7}], {x: "x", frameAnchor: "bottom", dx: -4, dy: -4, textAnchor: "end", text: () => "paper: h54 7/12"}),
      Plot.text(data.filter((d) => d.paper), {y: "n", x: "c", text: (d) => (d.c ? "paper" : "paper: never drives here"), dx: 4, textAnchor: "start", fill: "var(--accent)", fontSize: 11}),
      Plot.ruleX([0]),
    ],
  });
}
