// Pure view helpers for the Q6 chapter: data in, element out.
import { html, svg } from "htl";

/** A byte as a visible character (newline ↵, other control bytes ·). */
export function ch(b) {
  if (b === 10) return "↵";
  return b >= 32 && b < 127 ? String.fromCharCode(b) : "·";
}

/** A single byte for display in quotes: space shown as ␣. */
export function chq(b) {
  return b === 32 ? "␣" : ch(b);
}

export const fmt = (v, d = 3) => (v == null || !Number.isFinite(v) ? "–" : v.toFixed(d));
export const sgn = (v, d = 3) => (v == null || !Number.isFinite(v) ? "–" : (v >= 0 ? "+" : "") + v.toFixed(d));


export {badge, claimsTable} from "./verdict.js";

/**
 * One position's justification from the all-positions table (justify.json `data`).
 * Returns {t, input, y, predicted, pPredicted, pTrue, bits, top, neurons:[{j, delta, h, share, z, wx, sources:[[k, term]], hop2}]}.
 */
export function rowAt(J, t) {
  const K = J.K;
  const S = J.S;
  const neurons = [];
  for (let r = 0; r < K; r++) {
    const i = t * K + r;
    const sources = [];
    for (let s = 0; s < S; s++) if (J.src[i * S + s] >= 0) sources.push([J.src[i * S + s], J.srcTerm[i * S + s]]);
    neurons.push({
      j: J.neuron[i],
      delta: J.delta[i],
      h: J.h[i],
      share: J.share[i],
      z: J.z[i],
      wx: J.wx[i],
      bias: J.bias[J.neuron[i]],
      sources,
      hop2: J.src2[i] >= 0 && sources.length ? { k0: sources[0][0], z: J.z2[i], k: J.src2[i], term: J.src2Term[i] } : null,
    });
  }
  const top = [];
  for (let r = 0; r < 5; r++) top.push([J.top[t * 5 + r], J.topP[t * 5 + r]]);
  return {
    t,
    input: J.text[t],
    y: J.text[t + 1],
    prev: t > 0 ? J.text[t - 1] : null,
    predicted: J.predicted[t],
    pPredicted: J.pPredicted[t],
    pTrue: J.pTrue[t],
    bits: J.bits[t],
    top,
    neurons,
  };
}

/** The context string data[max(0, t−w) … t] with the target marked. */
export function contextView(text, t, w = 30) {
  const s = [];
  for (let i = Math.max(0, t - w); i <= t; i++) s.push(ch(text[i]));
  return html`<code class="q6-context">${s.join("")}<mark title="the target byte">${ch(text[t + 1])}</mark></code>`;
}

/** The justification sentence, phrased as the reference prints it (bpc = −log2 of the top-1 P). */
export function sentence(row) {
  const d = row.neurons[0];
  const verdict = !d ? "" : d.delta > 0.1 ? "which would HURT the prediction if flipped" : d.delta < -0.1 ? "which would HELP the prediction if flipped" : "(marginal effect)";
  return html`<p class="q6-sentence">The model predicts <code>'${chq(row.predicted)}'</code> with P = ${fmt(row.pPredicted)}
    (−log₂ P = ${fmt(-Math.log2(row.pPredicted), 2)} bits).
    ${row.predicted === row.y ? html`<strong>Correct.</strong>` : html`<strong>Wrong:</strong> the true byte <code>'${chq(row.y)}'</code> had P = ${fmt(row.pTrue)}.`}
    ${d ? html`The prediction is driven by <strong>h${d.j}</strong> (${sgn(d.delta)} bits) ${verdict}.` : ""}</p>`;
}

/** Table of the kept neurons with their hop-1 and hop-2 sources (the highlighted neuron's row marked). */
export function neuronTable(row, { focus = null } = {}) {
  return html`<div class="q6-neurons-wrap" tabindex="0" role="region" aria-label="The kept neurons of this prediction (scrolls sideways)"><table class="q6-neurons">
  <thead><tr><th>rank</th><th>neuron</th><th title="bpc after negating h_t[j] minus bpc now">Δbpc (bits)</th><th>h_t[j]</th><th title="f32(Wy[y][j]·h_t[j])">Wy·h</th>
  <th>z (bias, Wx)</th><th>top W_h sources at t−1 (term)</th><th>hop 2 at t−2</th></tr></thead>
  <tbody>${row.neurons.map(
    (n, r) => html`<tr class=${n.j === focus ? "focus-row" : null}><td>${r + 1}</td><td><a href=${`./neurons/${n.j}`}>h${n.j}</a></td><td>${sgn(n.delta)}</td><td>${sgn(n.h, 3)}</td><td>${sgn(n.share)}</td>
    <td>${n.z == null ? "–" : html`${fmt(n.z, 2)} (${fmt(n.bias, 2)}, ${fmt(n.wx, 2)})`}</td>
    <td>${n.sources.length ? n.sources.map(([k, s]) => `h${k} (${sgn(s, 2)})`).join(", ") : "– (t = 0)"}</td>
    <td>${n.hop2 ? `h${n.hop2.k0} ← h${n.hop2.k} (${sgn(n.hop2.term, 2)})` : "–"}</td></tr>`,
  )}</tbody></table></div>`;
}

/**
 * The backward chain as a small layered graph: output ← 5 kept neurons (state t) ← their 3
 * sources (state t−1) ← the first source's top source (state t−2). Edge colour = sign of the
 * term, width ∝ |term|; hover for values. Each node and edge carries its neuron(s) in data-neuron;
 * the page's highlighted neuron (focus) gets data-focus-neuron (style.css rings it in the accent).
 */
/** The tree's edges as rows (the figure's downloadable data): source, target, the term it carries. */
export function treeEdges(row) {
  const out = [];
  for (const n of row.neurons) {
    out.push({ from: `h${n.j}`, from_step: "t", to: `'${chq(row.y)}'`, to_step: "output", term: n.delta, kind: "flip score Δbpc (bits)" });
    for (const [k, s] of n.sources) out.push({ from: `h${k}`, from_step: "t−1", to: `h${n.j}`, to_step: "t", term: s, kind: "W_h·h" });
    if (n.hop2) out.push({ from: `h${n.hop2.k}`, from_step: "t−2", to: `h${n.hop2.k0}`, to_step: "t−1", term: n.hop2.term, kind: "W_h·h" });
  }
  return out;
}

export function treeGraph(row, { width = 720, focus = null } = {}) {
  const levels = [[], [], [], []]; // t−2, t−1, t, output
  const idx = [new Map(), new Map(), new Map()];
  const add = (lv, j) => {
    if (!idx[lv].has(j)) {
      idx[lv].set(j, levels[lv].length);
      levels[lv].push(j);
    }
  };
  for (const n of row.neurons) {
    add(2, n.j);
    for (const [k] of n.sources) add(1, k);
    if (n.hop2) add(0, n.hop2.k);
  }
  const rows = Math.max(5, ...levels.map((l) => l.length));
  const height = 40 + rows * 28;
  const xs = [60, 60 + (width - 160) / 3, 60 + (2 * (width - 160)) / 3, width - 80];
  const y = (lv, i) => {
    const n = lv === 3 ? 1 : levels[lv].length;
    return 30 + ((i + 0.5) * (height - 50)) / Math.max(1, n);
  };
  const edges = [];
  let maxAbs = 1e-9;
  for (const n of row.neurons) {
    for (const [k, s] of n.sources) maxAbs = Math.max(maxAbs, Math.abs(s));
    if (n.hop2) maxAbs = Math.max(maxAbs, Math.abs(n.hop2.term));
  }
  const maxD = Math.max(1e-9, ...row.neurons.map((n) => Math.abs(n.delta)));
  for (const n of row.neurons) {
    const yi = y(2, idx[2].get(n.j));
    edges.push({ js: [n.j], x1: xs[2], y1: yi, x2: xs[3], y2: y(3, 0), v: n.delta, w: 1 + 5 * (Math.abs(n.delta) / maxD), title: `h${n.j} → output: Δbpc ${sgn(n.delta)} bits` });
    for (const [k, s] of n.sources) {
      edges.push({ js: [k, n.j], x1: xs[1], y1: y(1, idx[1].get(k)), x2: xs[2], y2: yi, v: s, w: 0.5 + 4 * (Math.abs(s) / maxAbs), title: `h${k} (t−1) → h${n.j} (t): W_h·h = ${sgn(s, 3)}` });
    }
    if (n.hop2) {
      const s = n.hop2.term;
      edges.push({ js: [n.hop2.k, n.hop2.k0], x1: xs[0], y1: y(0, idx[0].get(n.hop2.k)), x2: xs[1], y2: y(1, idx[1].get(n.hop2.k0)), v: s, w: 0.5 + 4 * (Math.abs(s) / maxAbs), title: `h${n.hop2.k} (t−2) → h${n.hop2.k0} (t−1): W_h·h = ${sgn(s, 3)}` });
    }
  }
  const color = (v) => (v >= 0 ? "#4e79a7" : "#f28e2c");
  // column heads: shorter when the columns are close (a phone), so they do not run together
  const heads = xs[1] - xs[0] < 80 ? ["t−2", "t−1", "t", "output"] : ["state t−2", "state t−1", "state t", "output"];
  const label = `Justification tree at t = ${row.t}: the neurons at state t that move the prediction of '${chq(row.y)}', their strongest sources one and two steps back; blue edges push towards the target, orange edges away`;
  return svg`<svg role="img" aria-label=${label} width=${width} height=${height} viewBox="0 0 ${width} ${height}" style="max-width:100%;height:auto;font:12px var(--sans-serif)">
    ${heads.map((h, i) => svg`<text x=${xs[i]} y=14 text-anchor="middle" fill="currentColor" opacity="0.7">${h}</text>`)}
    ${edges.map((e) => svg`<line data-neuron=${e.js.join(" ")} data-focus-neuron=${e.js.includes(focus) ? focus : null} x1=${e.x1} y1=${e.y1} x2=${e.x2} y2=${e.y2} stroke=${color(e.v)} stroke-width=${e.w} stroke-opacity="0.75"><title>${e.title}</title></line>`)}
    ${[0, 1, 2].flatMap((lv) =>
      levels[lv].map(
        (j, i) => svg`<g data-neuron=${j} data-focus-neuron=${j === focus ? focus : null}><circle cx=${xs[lv]} cy=${y(lv, i)} r="13" fill="white" stroke="#555"/>
        <text x=${xs[lv]} y=${y(lv, i) + 4} text-anchor="middle" fill="#222" font-size="10">h${j}</text><title>h${j} at state t${lv === 2 ? "" : lv === 1 ? "−1" : "−2"}</title></g>`,
      ),
    )}
    <g><rect x=${xs[3] - 30} y=${y(3, 0) - 14} width="60" height="28" rx="6" fill="white" stroke="#555"/>
    <text x=${xs[3]} y=${y(3, 0) + 4} text-anchor="middle" fill="#222">'${chq(row.y)}'</text><title>target byte data[t+1]</title></g>
  </svg>`;
}
