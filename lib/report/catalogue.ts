/**
 * The claims catalogue: every numeric or checkable statement of the synthesis
 * (../shared/seed/synthesis.txt), one row each, in the paper's order.
 *
 * A row holds where the statement stands (section + a verbatim snippet of the synthesis), the
 * claim in short, the PAPER's value (typed in: allowed and required), the method that measures it
 * (reference tool § or X-id, with its anchor on the method page), the chart that shows it, a rule
 * (the tolerance) and a `measure` mapping from the chapter results to the measured value. Measured
 * values are never typed in; verdicts are `judge(rule, measure(results))` (lib/report/verdict.ts).
 *
 * Units and conventions follow the chapters: bits (not nats), percentages in points, positions
 * from 0, Q2/Q7 offsets as the reference tools define them.
 */
import type { Fingerprint } from "../io.ts";
import type { Measure, Rule } from "./verdict.ts";

/** The chapter results a measure reads: each chapter builder's output (data-loaders/qN.ts). */
export interface Results {
  fingerprint: Fingerprint;
  // Chapter outputs are read defensively (fields checked at run time), so a chapter that changes
  // shape turns its rows into "not computable" with the reason instead of breaking the build.
  // biome-ignore lint: loose by design
  q1?: any;
  q2?: any;
  q3?: any;
  q4?: any;
  q5?: any;
  q6?: any;
  q7?: any;
}

export type Chapter = "model" | "q1" | "q2" | "q3" | "q4" | "q5" | "q6" | "q7";

export const SECTIONS = [
  { id: "abstract", title: "Abstract" },
  { id: "overview", title: "§1 Overview of results" },
  { id: "theorem", title: "§2 Theorem 1" },
  { id: "evidence", title: "§2 Evidence" },
  { id: "mantissa", title: "§2 The mantissa mechanism" },
  { id: "minimal", title: "§3 The minimal model" },
  { id: "observation1", title: "§3 Observation 1" },
  { id: "removes", title: "§3 What the redux removes" },
  { id: "backbone", title: "§4 The routing backbone" },
  { id: "observation2", title: "§4 Observation 2" },
  { id: "flow", title: "§5 The information flow" },
  { id: "training", title: "§6 What training did" },
  { id: "toomuch", title: "§6 Training gave us too much" },
  { id: "open", title: "§7 Open questions" },
  { id: "companion", title: "Companion papers (via the method files)" },
] as const;
export type SectionId = (typeof SECTIONS)[number]["id"];

export interface Measured {
  /** The measured value the rule judges (null: not computable, give `reason`). */
  value: Measure;
  /** The measured value as shown to a reader (with context). */
  shown: string;
  /** Why the value is missing, or a caveat on how it was measured. */
  reason?: string;
}

export interface ClaimDef {
  id: string;
  section: SectionId;
  /** The chapter whose analysis measures it (for filtering). */
  chapter: Chapter;
  /** A verbatim piece of synthesis.txt that states the claim (for "companion" rows: the source paper's words, not in the synthesis). */
  snippet: string;
  /** The claim in short. */
  claim: string;
  /** The paper's value, as the paper prints it. */
  paper: string;
  /** Reference tool § or X-id, and its anchor on the method page. */
  method: string;
  methodAnchor: string;
  /** The chart that shows the measured value (a chapter page anchor). */
  chart: string;
  rule: Rule;
  measure: (R: Results) => Measured;
  /** For open questions: what this project measured toward it. */
  toward?: (R: Results) => string;
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Chart anchors (headings on the chapter pages; Framework gives headings slug ids).
export const CHARTS = {
  model: "./#bits-paid-at-each-position",
  q1margins: "./q1#margins",
  q1dynamics: "./q1#sign-only-dynamics-zero-mantissa-sign-readout",
  q1mantissa: "./q1#the-mantissa-bound",
  q1influence: "./q1#the-influence-graph",
  q1attractors: "./q1#convergence-attractors-and-cycles",
  q1leverage: "./q1#per-bit-leverage-x1",
  q1rho: "./q1#ranking-stability-vs-bptt-depth-x3",
  q1sparsity: "./q1#sparsity",
  q1depth: "./q1#depth-profile",
  q2dominant: "./q2#each-neurons-most-sensitive-depth",
  q2mi: "./q2#the-mi-greedy-offsets",
  q3subset: "./q3#removing-and-keeping-neurons",
  q3sign: "./q3#does-the-magnitude-matter-per-neuron-sign-only-readout",
  q4classes: "./q4#flip-counts-and-volatility-classes",
  q4dwell: "./q4#how-long-does-a-sign-last-dwell-times",
  q4coflip: "./q4#neurons-that-flip-together",
  q5pruning: "./q5#pruning-wh-and-wx",
  q5table: "./q5#the-papers-minimal-model-table-measured",
  q5params: "./q5#counting-parameters",
  q6backbone: "./q6#the-routing-backbone",
  q6neurons: "./q6#the-papers-neurons",
  q6size: "./q6#15-weights-and-15-neurons",
  q7bins: "./q7#shallow-mid-and-deep-bins",
  q7trigram: "./q7#trigram-against-bigram",
} as const;

// ---------------------------------------------------------------------------------------------
// Small helpers for the measures.

class Missing extends Error {}

/** A chapter's output, or a clear "not computable" reason. */
function ch(R: Results, q: "q1" | "q2" | "q3" | "q4" | "q5" | "q6" | "q7"): any {
  const d = R[q];
  if (d === undefined || d === null) throw new Missing(`the ${q.toUpperCase()} results are not available`);
  return d;
}
/** A finite number from a chapter output, or Missing with the path. */
function num(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Missing(`${what} is not available for this model`);
  return v;
}
export function fmt(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || (a >= 1e6 && !Number.isInteger(v)) || a >= 1e9)) return v.toExponential(2).replace(/e\+?/, "×10^");
  if (Number.isInteger(v) && a >= 1000) return v.toLocaleString("en-US");
  return String(Number(v.toPrecision(digits)));
}
const pctS = (v: number, d = 3) => `${fmt(v, d)} %`;
const nh = (j: number) => (j >= 0 ? `h${j}` : "none");

/** Runs a measure, turning missing inputs into a "not computable" row. */
export function runMeasure(def: ClaimDef, R: Results): Measured {
  try {
    return def.measure(R);
  } catch (e) {
    const why = e instanceof Missing ? e.message : `measurement failed: ${(e as Error).message}`;
    return { value: null, shown: "not computable", reason: why };
  }
}

// ---- shared measures -----------------------------------------------------------------------

const bpcFull = (R: Results) => num(R.fingerprint.bpc, "the float32 bpc");
const above1 = (R: Results): Measured => {
  const m = ch(R, "q1").margins;
  const v = num(m.pctAbove1, "the margin share");
  return { value: v, shown: `${pctS(v, 4)} of ${fmt(m.total)} neuron-steps have |z| ≥ 1 (mean margin ${fmt(m.globalMean)})` };
};
/** Q5: the paper's minimal-model table measured (row i). */
const q5row = (R: Results, i: number) => {
  const t = ch(R, "q5").paperTable;
  if (!Array.isArray(t) || !t[i]) throw new Missing("the minimal-model table is not available");
  return t[i] as { label: string; k: number; thr: number; measuredBpc: number; measuredDelta: number; measuredParams: number; liveParams: number };
};
const q5claim = (R: Results, id: string) => {
  const c = (ch(R, "q5").claims ?? []).find((c: { id: string }) => c.id === id);
  if (!c) throw new Missing(`the Q5 measurement "${id}" is not available`);
  return c as { value: number | null; measured: string };
};
/** Share of W_h entries with |w| ≥ 3.0, in %. */
const whAbove3 = (R: Results) => num(q5claim(R, "wh36").value, "the |W_h| ≥ 3 share");
const q3subset = (R: Results, k: number) => {
  const q3 = ch(R, "q3");
  const kk = Math.min(k, q3.H);
  const row = (q3.subset as [number, number, number][]).find((r) => r[0] === kk);
  if (!row) throw new Missing(`the top-${k} subset is not available`);
  return { n: row[0], bpc: row[1], pct: row[2], baseline: q3.baseline as number };
};
const volatilePct = (R: Results): Measured => {
  const q4 = ch(R, "q4");
  const v = (100 * num(q4.classCounts?.volatile, "the volatile count")) / q4.H;
  return { value: v, shown: `${q4.classCounts.volatile}/${q4.H} volatile (${fmt(v, 4)} %); frozen ${q4.classCounts.frozen}, settled ${q4.classCounts.settled}` };
};
const meanDwell = (R: Results): Measured => {
  const q4 = ch(R, "q4");
  const v = num(q4.meanDwellAll, "the mean dwell");
  return { value: v, shown: `mean dwell ${fmt(v, 3)} steps (X5, all gaps)` };
};
const jaccardPairs = (R: Results): Measured => {
  const q4 = ch(R, "q4");
  const pairs = q4.pairs as [number, number, number, number][];
  let best = -1;
  for (let k = 0; k < pairs.length; k++) if (best < 0 || pairs[k][3] > pairs[best][3]) best = k;
  const v = num(q4.jaccardOver, "the co-flip pair count");
  return { value: v, shown: `${v} pairs with J > 0.5${best >= 0 ? `; max J = ${fmt(pairs[best][3], 3)} (h${pairs[best][0]}, h${pairs[best][1]})` : ""}` };
};
const zeroMantissaDelta = (R: Results) => {
  const d = ch(R, "q1").dynamics;
  return { zm: num(d.zeroMantissa, "the zero-mantissa bpc"), full: num(d.full, "the f32 bpc") };
};
const q7bin = (bins: unknown, name: string) => {
  const b = (bins as { name: string; pooled: number; min: number; max: number }[] | undefined)?.find((x) => x.name === name);
  if (!b) throw new Missing(`the Q7 "${name}" bin is not available`);
  return b;
};
const q7mid = (R: Results): Measured => {
  const b = q7bin(ch(R, "q7").algebraic?.bins, "mid");
  if (!Number.isFinite(b.min)) throw new Missing("no offset d = 5–8 was scored (corpus too short)");
  return { value: [b.min, b.max], shown: `q7_algebraic per offset d = 5–8: ${fmt(b.min, 3)}–${fmt(b.max, 3)} % (pooled ${fmt(b.pooled, 3)} %)` };
};
const q7deepPooled = (R: Results): Measured => {
  const q7 = ch(R, "q7");
  const b = q7bin(q7.algebraic?.bins, "deep");
  const v = num(b.pooled, "the deep-bin alignment");
  const hb = q7.higherOrder?.bigramBins ? q7bin(q7.higherOrder.bigramBins, "deep") : null;
  return { value: v, shown: `q7_algebraic d = 16–20 pooled ${fmt(v, 3)} % (per offset ${fmt(b.min, 3)}–${fmt(b.max, 3)} %)${hb ? `; higher-order bigram ${fmt(hb.pooled, 3)} %` : ""}` };
};
const q7overall = (R: Results): Measured => {
  const q7 = ch(R, "q7");
  if (!q7.algebraic?.positions?.length) throw new Missing("no position could be scored (corpus too short)");
  const v = num(q7.algebraic.pct, "the alignment");
  return { value: v, shown: `q7_algebraic ${fmt(v, 3)} %; q7_higher_order bigram ${fmt(q7.higherOrder?.bigramPct, 3)} %, trigram ${fmt(q7.higherOrder?.trigramPct, 3)} %` };
};
const q7higher = (R: Results): Measured => {
  const ho = ch(R, "q7").higherOrder;
  if (!ho?.positions) throw new Missing("the higher-order analysis scored no position (corpus too short)");
  const t = q7bin(ho.trigramBins, "deep");
  const b = q7bin(ho.bigramBins, "deep");
  const v = num(t.pooled - b.pooled, "the trigram − bigram gain");
  return { value: v, shown: `trigram − bigram alignment in the deep bin (d = 16–20): ${v >= 0 ? "+" : ""}${fmt(v, 3)} points; overall ${fmt(ho.trigramPct - ho.bigramPct, 3)} points` };
};
const q2deep = (R: Results): Measured => {
  const q2 = ch(R, "q2");
  const v = num(q2.medianDom, "the median dominant depth");
  return { value: v, shown: `median dominant depth ${fmt(v)}; mode d = ${q2.mode}; peak sign changes at d = ${q2.peakChanges}, peak KL at d = ${q2.peakKl}` };
};
const q6sampled = (R: Results) => {
  const q6 = ch(R, "q6");
  if (!q6.routing || !q6.routing.predictions) throw new Missing("no sampled prediction could be justified (corpus too short)");
  return q6;
};
const has = (R: Results, ...js: number[]) => {
  const H = R.fingerprint.H;
  const bad = js.filter((j) => j >= H);
  if (bad.length) throw new Missing(`the model has only ${H} neurons, so ${bad.map(nh).join(", ")} does not exist`);
};
const driverH54 = (R: Results): Measured => {
  has(R, 54);
  const q6 = q6sampled(R);
  const drivers = q6.routing.drivers as { j: number; count: number }[];
  const c = drivers.find((d) => d.j === 54)?.count ?? 0;
  const top = drivers[0];
  return {
    value: [c, top ? top.j : -1],
    shown: `h54 drives ${c}/${q6.routing.predictions}; most frequent driver ${top ? `h${top.j} (${top.count}/${q6.routing.predictions})` : "none"}`,
  };
};
const backboneChain = (R: Results): Measured => {
  has(R, 54, 121, 78);
  const bb = q6sampled(R).routing.backbone as { chain: number[]; count: number } | null;
  if (!bb) throw new Missing("no backward chain (corpus too short)");
  const chain = [bb.chain[0] ?? -1, bb.chain[1] ?? -1, bb.chain[2] ?? -1];
  return { value: chain, shown: `${bb.chain.map(nh).join(" ← ")} (${bb.count} of the kept-neuron chains in the 12 sampled trees)` };
};
const appearancesOf = (R: Results, js: number[]): Measured => {
  has(R, ...js);
  const q6 = q6sampled(R);
  const pn = q6.paperNeurons as { j: number; sample: { driver: number; kept: number; hop1: number; hop2: number } | null }[];
  const seen = js.map((j) => {
    const s = pn.find((p) => p.j === j)?.sample;
    return s ? s.kept + s.hop1 + s.hop2 : 0;
  });
  return { value: seen, shown: js.map((j, i) => `h${j}: ${seen[i]}`).join(", ") + " appearances (kept neuron or source) in the sampled trees" };
};
const topSourceOf = (R: Results, target: number, deep: boolean): Measured => {
  has(R, 54, 121, 78);
  const rt = q6sampled(R).routing;
  const edges = (deep ? [...(rt.hop2Edges ?? []), ...(rt.hop1Edges ?? [])] : rt.hop1Edges ?? []) as { target: number; source: number; count: number }[];
  const mine = edges.filter((e) => e.target === target).sort((a, b) => b.count - a.count || a.source - b.source);
  const top = mine[0];
  return {
    value: top ? top.source : -1,
    shown: top ? `h${target}'s most frequent source: h${top.source} (${top.count}×)` : `h${target} has no source in the sampled trees (it is never a kept neuron or followed source)`,
  };
};
const q6size = (R: Results) => {
  const e = q6sampled(R).explanation;
  return { hop1: num(e.hop1Wh, "the hop-1 weight count"), share: num(e.whSharePct, "the W_h share"), neurons: num(e.neuronsMean, "the neuron count"), e };
};
const signChannelShare = (R: Results) => {
  const q1 = ch(R, "q1");
  const full = num(q1.dynamics.full, "the f32 bpc");
  const sign = num(q1.dynamics.signOnly, "the sign-only bpc");
  // Share of the compression (8 bpc = no compression) kept by sign-only dynamics (Q1 §B5).
  return { share: (100 * (8 - sign)) / (8 - full), sign, full };
};
const cycles = (R: Results) => {
  const a = ch(R, "q1").attractors;
  return { period: num(a.period, "the cycle period"), found: num(a.cycles?.cyclesFound, "the cycle search"), horizon: a.cycles?.horizon as number, starts: a.cycles?.starts?.length as number, conv: num(a.meanConvergence, "the convergence step"), unique: a.uniqueFinals as number };
};
const reduxParams = (R: Results) => {
  const r = ch(R, "q5").redux;
  return { total: num(r.total, "the redux parameter count"), bpc: r.bpc as number, k: r.k as number, thr: r.hardThr as number, pct: r.pct as number };
};

// ---------------------------------------------------------------------------------------------
const M = {
  forward: { method: "forward pass (§C2, §C4)", anchor: "conventions" },
  margins: { method: "q1_margins §M", anchor: "q1-margins" },
  boolean: { method: "q1_boolean §B", anchor: "q1-boolean" },
  attractor: { method: "q1_bool_attractor §A", anchor: "q1-bool-attractor" },
  sparsity: { method: "q1_sparsity §S", anchor: "q1-sparsity" },
  x1: { method: "X1 per-bit leverage", anchor: "x1" },
  x2: { method: "X2 zero-mantissa dynamics", anchor: "x2" },
  x3: { method: "X3 ρ vs BPTT depth", anchor: "x3" },
  x4: { method: "X4 MI-greedy offsets", anchor: "x4" },
  x5: { method: "X5 mean dwell", anchor: "x5" },
  x6: { method: "X6 routing backbone", anchor: "x6" },
  q2: { method: "q2_offsets (Q2)", anchor: "q2" },
  q3: { method: "q3_neurons (Q3)", anchor: "q3" },
  q4: { method: "q4_saturation (Q4)", anchor: "q4" },
  q5: { method: "q5_redux (Q5)", anchor: "q5" },
  q6: { method: "q6_justify (Q6)", anchor: "q6" },
  q7: { method: "q7_algebraic (Q7)", anchor: "q7" },
  q7ho: { method: "q7_higher_order (Q7)", anchor: "q7" },
} as const;
const m = (k: keyof typeof M) => ({ method: M[k].method, methodAnchor: M[k].anchor });

/** The paper's minimal-model table (§3), as printed there. */
export const PAPER_MINIMAL = [
  { snippet: "Full f32 (baseline)\t4.965\t0", line: "Full f32 (baseline)\t4.965\t0\t82,304", label: "Full f32 (baseline)", bpc: 4.965, delta: 0, params: 82304 },
  { snippet: "Top 20 neurons\t4.882\t-0.083", line: "Top 20 neurons\t4.882\t-0.083\t37,689", label: "Top 20 neurons", bpc: 4.882, delta: -0.083, params: 37689 },
  { snippet: "Top 20 + W_h prune (> 3.0)\t4.811\t-0.154", line: "Top 20 + W_h prune (> 3.0)\t4.811\t-0.154\t25,857", label: "Top 20 + W_h prune (> 3.0)", bpc: 4.811, delta: -0.154, params: 25857 },
  { snippet: "Top 15 + W_h prune (> 3.0)\t4.879\t-0.086", line: "Top 15 + W_h prune (> 3.0)\t4.879\t-0.086\t22,017", label: "Top 15 + W_h prune (> 3.0)", bpc: 4.879, delta: -0.086, params: 22017 },
  { snippet: "W_h prune (> 3.0) alone\t4.903\t-0.063", line: "W_h prune (> 3.0) alone\t4.903\t-0.063\t49,753", label: "W_h prune (> 3.0) alone", bpc: 4.903, delta: -0.063, params: 49753 },
  { snippet: "W_h prune (> 4.0) alone\t4.963\t-0.002", line: "W_h prune (> 4.0) alone\t4.963\t-0.002\t40,002", label: "W_h prune (> 4.0) alone", bpc: 4.963, delta: -0.002, params: 40002 },
];

const minimalRows: ClaimDef[] = PAPER_MINIMAL.flatMap((p, i): ClaimDef[] => [
  {
    id: `minimal-${i}-bpc`,
    section: "minimal",
    chapter: "q5",
    snippet: p.snippet,
    claim: `${p.label}: ${p.bpc} bpc (Δ ${p.delta})`,
    paper: `${p.bpc} bpc (Δ ${p.delta})`,
    ...m("q5"),
    chart: CHARTS.q5table,
    rule: { kind: "abs", target: p.bpc, tol: 0.01 },
    measure: (R) => {
      const r = q5row(R, i);
      const v = num(r.measuredBpc, "this configuration's bpc");
      return { value: v, shown: `${fmt(v)} bpc (Δ ${r.measuredDelta >= 0 ? "+" : ""}${fmt(r.measuredDelta)})` };
    },
  },
  {
    id: `minimal-${i}-params`,
    section: "minimal",
    chapter: "q5",
    snippet: p.line,
    claim: `${p.label}: ${p.params.toLocaleString("en-US")} parameters`,
    paper: p.params.toLocaleString("en-US"),
    ...m("q5"),
    chart: CHARTS.q5params,
    rule: { kind: "eq", target: p.params },
    measure: (R) => {
      const r = q5row(R, i);
      const v = num(r.measuredParams, "this configuration's parameter count");
      return {
        value: v,
        shown: `${fmt(v)} (the tool's convention: W_x in full + kept W_h + b_h + 256k + b_y)${Number.isFinite(r.liveParams) ? `; ${fmt(r.liveParams)} live` : ""}`,
      };
    },
    note: i === 0 ? undefined : "No single counting convention reproduces the paper's redux counts (Q2–Q5 method file).",
  },
]);


/**
 * Claims of the companion papers that the synthesis builds on (q1-sparsity, boolean-automaton),
 * as listed in the method files' "Paper claims vs this model" tables. Not in synthesis.txt.
 */
const SPARSITY_TAUS = [1e-4, 1e-3, 1e-2, 1e-1, 1];
const DEPTHS = [0, 1, 2, 4, 8, 12, 20, 21, 30, 40, 50];
const sparsityAt = (R: Results, key: "meanN" | "median") => {
  const s = ch(R, "q1").sparsity;
  return SPARSITY_TAUS.map((tau) => {
    const k = (s.taus as number[]).findIndex((t) => Math.abs(t - tau) <= 1e-9 * tau);
    if (k < 0) throw new Missing(`τ = ${tau} is not in the sparsity table`);
    return num(s[key][k], `the sparsity ${key} at τ = ${tau}`);
  });
};
/** The q1-sparsity paper's count of significant weights (|w| > 0.01): the paper's value, one place. */
export const PAPER_SIGNIFICANT = { wx: 5371, wh: 14245, wy: 25178, total: 44794 } as const;
const sig = PAPER_SIGNIFICANT;
const grouped = (n: number) => n.toLocaleString("en-US");

const COMPANION: ClaimDef[] = [
  {
    id: "companion-significant",
    section: "companion",
    chapter: "q1",
    snippet: "44,794 significant (5,371/14,245/25,178) (q1-sparsity paper)",
    claim: "44,794 significant patterns |w| > 0.01: W_x 5,371, W_h 14,245, W_y 25,178",
    paper: `${grouped(sig.wx)} / ${grouped(sig.wh)} / ${grouped(sig.wy)} = ${grouped(sig.total)}`,
    ...m("sparsity"),
    chart: CHARTS.q1sparsity,
    rule: { kind: "eq", target: [sig.wx, sig.wh, sig.wy, sig.total] },
    measure: (R) => {
      const g = ch(R, "q1").sparsity.sig;
      return { value: [g.wx, g.wh, g.wy, g.total], shown: `${fmt(g.wx)} / ${fmt(g.wh)} / ${fmt(g.wy)} = ${fmt(g.total)}` };
    },
  },
  {
    id: "companion-3048",
    section: "companion",
    chapter: "q1",
    snippet: "~3048 patterns survive (q1-sparsity abstract)",
    claim: "~3,048 patterns survive",
    paper: "~3,048",
    ...m("sparsity"),
    chart: CHARTS.q1sparsity,
    rule: { kind: "rel", target: 3048, tol: 0.1 },
    measure: (R) => {
      const g = ch(R, "q1").sparsity.sig;
      return { value: num(g.total, "the significant count"), shown: `${fmt(g.total)} at |w| > 0.01` };
    },
    note: "The q1-sparsity paper's own results section says 44,794.",
  },
  {
    id: "companion-sparsity-mean",
    section: "companion",
    chapter: "q1",
    snippet: "mean 9807/4357/1166/157/8 at τ = 1e−4 … 1 (q1-sparsity paper)",
    claim: "Mean active patterns per prediction at τ = 10⁻⁴ … 1: 9807 / 4357 / 1166 / 157 / 8",
    paper: "9807 / 4357 / 1166 / 157 / 8",
    ...m("sparsity"),
    chart: CHARTS.q1sparsity,
    rule: { kind: "abs", target: [9807, 4357, 1166, 157, 8], tol: 0.5 },
    measure: (R) => {
      const v = sparsityAt(R, "meanN");
      return { value: v, shown: v.map((x) => fmt(x, 5)).join(" / ") };
    },
  },
  {
    id: "companion-sparsity-median",
    section: "companion",
    chapter: "q1",
    snippet: "median 10283/1664/15/0/0 at τ = 1e−4 … 1 (q1-sparsity paper)",
    claim: "Median active patterns at τ = 10⁻⁴ … 1: 10283 / 1664 / 15 / 0 / 0",
    paper: "10283 / 1664 / 15 / 0 / 0",
    ...m("sparsity"),
    chart: CHARTS.q1sparsity,
    rule: { kind: "eq", target: [10283, 1664, 15, 0, 0] },
    measure: (R) => {
      const v = sparsityAt(R, "median");
      return { value: v, shown: v.map((x) => fmt(x, 5)).join(" / ") };
    },
  },
  {
    id: "companion-whshare",
    section: "companion",
    chapter: "q1",
    snippet: "W_h ≈ 87% of active patterns (q1-sparsity paper)",
    claim: "W_h is ≈ 87 % of the active patterns (τ = 0.01)",
    paper: "87 %",
    ...m("sparsity"),
    chart: CHARTS.q1sparsity,
    rule: { kind: "abs", target: 87, tol: 2 },
    measure: (R) => {
      const s = ch(R, "q1").sparsity;
      const k = (s.taus as number[]).findIndex((t) => Math.abs(t - 0.01) < 1e-9);
      const v = num(s.whShare?.[k], "the W_h share");
      return { value: v, shown: `${fmt(v, 4)} %` };
    },
  },
  {
    id: "companion-never",
    section: "companion",
    chapter: "q1",
    snippet: "Never active: 57,335/81,920; Wx 28,635; Wh 735; Wy 27,965 (q1-sparsity paper)",
    claim: "Never active at τ = 0.01: 57,335 of 81,920 (W_x 28,635, W_h 735, W_y 27,965)",
    paper: "28,635 / 735 / 27,965 = 57,335",
    ...m("sparsity"),
    chart: CHARTS.q1sparsity,
    rule: { kind: "eq", target: [28635, 735, 27965, 57335] },
    measure: (R) => {
      const n = ch(R, "q1").sparsity.never;
      return { value: [n.wx, n.wh, n.wy, n.total], shown: `${fmt(n.wx)} / ${fmt(n.wh)} / ${fmt(n.wy)} = ${fmt(n.total)} of ${fmt(n.slots?.total)}` };
    },
  },
  {
    id: "companion-depth",
    section: "companion",
    chapter: "q1",
    snippet: "Depth profile 0.757, 0.176, 0.181, 0.243, 0.342, 0.406, 0.729, 0.827, 0.421, 0.571, 0.421 (q1-sparsity paper)",
    claim: "Depth profile (mean attribution mass at d = 0, 1, 2, 4, 8, 12, 20, 21, 30, 40, 50)",
    paper: "0.757, 0.176, 0.181, 0.243, 0.342, 0.406, 0.729, 0.827, 0.421, 0.571, 0.421",
    ...m("sparsity"),
    chart: CHARTS.q1depth,
    rule: { kind: "abs", target: [0.757, 0.176, 0.181, 0.243, 0.342, 0.406, 0.729, 0.827, 0.421, 0.571, 0.421], tol: 0.0006 },
    measure: (R) => {
      const dm = ch(R, "q1").sparsity.depthMass as number[];
      const v = DEPTHS.map((d) => {
        if (d >= dm.length) throw new Missing(`the depth profile stops at d = ${dm.length - 1} on this corpus`);
        return num(dm[d], `the depth mass at d = ${d}`);
      });
      return { value: v, shown: v.map((x) => fmt(x, 4)).join(", ") };
    },
    note: "Tolerance: the paper's printed precision (3 decimals).",
  },
  {
    id: "companion-depthpeak",
    section: "companion",
    chapter: "q1",
    snippet: "Peak at d≈20–21 exceeding d=0 (q1-sparsity paper)",
    claim: "The depth profile peaks at d ≈ 20–21, above d = 0",
    paper: "d = 20–21, > 1×",
    ...m("sparsity"),
    chart: CHARTS.q1depth,
    rule: { kind: "all", parts: [{ kind: "range", lo: 19, hi: 22 }, { kind: "atLeast", min: 1, strict: true }] },
    measure: (R) => {
      const s = ch(R, "q1").sparsity;
      return { value: [num(s.peakD, "the depth peak"), num(s.peakRatio, "the peak ratio")], shown: `peak at d = ${s.peakD}, ${fmt(s.peakRatio, 5)}× the d = 0 mass` };
    },
  },
];

export const CATALOGUE: ClaimDef[] = [
  // ---------------------------------------------------------------- Abstract
  {
    id: "abstract-hidden",
    section: "abstract",
    chapter: "model",
    snippet: "128 hidden units",
    claim: "The sat-rnn has 128 hidden units",
    paper: "128",
    ...m("forward"),
    chart: CHARTS.model,
    rule: { kind: "eq", target: 128 },
    measure: (R) => ({ value: R.fingerprint.H, shown: `H = ${R.fingerprint.H}` }),
  },
  {
    id: "abstract-bpc",
    section: "abstract",
    chapter: "model",
    snippet: "0.079 bpc",
    claim: "It reaches 0.079 bpc",
    paper: "0.079 bpc",
    ...m("forward"),
    chart: CHARTS.model,
    rule: { kind: "abs", target: 0.079, tol: 0.0005 },
    measure: (R) => ({ value: bpcFull(R), shown: `${fmt(bpcFull(R))} bpc (float32, ${R.fingerprint.predictions} predictions)` }),
  },
  {
    id: "abstract-bytes",
    section: "abstract",
    chapter: "model",
    snippet: "1024 bytes of enwik8",
    claim: "Measured on 1024 bytes of enwik8",
    paper: "1024 bytes",
    ...m("forward"),
    chart: CHARTS.model,
    rule: { kind: "eq", target: 1024 },
    measure: (R) => ({ value: R.fingerprint.corpusBytes, shown: `${R.fingerprint.corpusBytes} bytes of ${R.fingerprint.corpusFile}` }),
  },
  {
    id: "abstract-boolean",
    section: "abstract",
    chapter: "q1",
    snippet: "a 128-bit Boolean automaton where 98.9% of neuron-steps have margins > 1.0",
    claim: "98.9 % of neuron-steps have margins > 1.0",
    paper: "98.9 %",
    ...m("margins"),
    chart: CHARTS.q1margins,
    rule: { kind: "abs", target: 98.9, tol: 1 },
    measure: above1,
  },
  {
    id: "abstract-overparam",
    section: "abstract",
    chapter: "q5",
    snippet: "20 neurons and 36% of W_h suffice for 0.15 bpc better-than-full performance",
    claim: "20 neurons + 36 % of W_h are 0.15 bpc better than the full model",
    paper: "Δ = −0.15 bpc",
    ...m("q5"),
    chart: CHARTS.q5table,
    rule: { kind: "abs", target: -0.15, tol: 0.05 },
    measure: (R) => {
      const r = q5row(R, 2);
      const v = num(r.measuredDelta, "the redux Δ");
      return { value: v, shown: `top 20 + |W_h| > 3.0: Δ = ${v >= 0 ? "+" : ""}${fmt(v)} bpc (${fmt(r.measuredBpc)} bpc)` };
    },
  },
  {
    id: "abstract-neurons15",
    section: "abstract",
    chapter: "q6",
    snippet: "each prediction is explained by ~ 15 neurons",
    claim: "Each prediction is explained by ~15 neurons",
    paper: "~15 neurons",
    ...m("q6"),
    chart: CHARTS.q6size,
    rule: { kind: "abs", target: 15, tol: 5 },
    measure: (R) => {
      const s = q6size(R);
      return { value: s.neurons, shown: `${fmt(s.neurons, 3)} distinct neurons per sampled tree (range ${s.e.neuronsMin}–${s.e.neuronsMax})` };
    },
  },
  {
    id: "abstract-whshare",
    section: "abstract",
    chapter: "q6",
    snippet: "(0.1% of the weight matrix)",
    claim: "The explanation uses 0.1 % of the weight matrix",
    paper: "0.1 %",
    ...m("q6"),
    chart: CHARTS.q6size,
    rule: { kind: "factor", target: 0.1, factor: 2 },
    measure: (R) => {
      const s = q6size(R);
      return { value: s.share, shown: `${fmt(s.share, 3)} % of W_h (${fmt(s.hop1, 3)} hop-1 entries of ${s.e.whTotal})` };
    },
  },
  {
    id: "abstract-shallow61",
    section: "abstract",
    chapter: "q7",
    snippet: "partially aligned with data statistics (61% at shallow offsets)",
    claim: "61 % alignment with data PMI at shallow offsets",
    paper: "61 %",
    ...m("q7"),
    chart: CHARTS.q7bins,
    rule: { kind: "abs", target: 61, tol: 5 },
    measure: (R) => {
      const q7 = ch(R, "q7");
      const b = q7bin(q7.algebraic?.bins, "shallow");
      const v = num(b.pooled, "the shallow-bin alignment");
      const hb = q7.higherOrder?.bigramBins ? q7bin(q7.higherOrder.bigramBins, "shallow") : null;
      return { value: v, shown: `q7_algebraic d = 1–4 pooled ${fmt(v, 3)} %${hb ? `; higher-order bigram ${fmt(hb.pooled, 3)} %` : ""}` };
    },
  },
  {
    id: "abstract-higherorder",
    section: "abstract",
    chapter: "q7",
    snippet: "develops higher-order patterns at depth",
    claim: "At depth the RNN develops higher-order patterns (a trigram gate explains more than a bigram gate)",
    paper: "yes",
    ...m("q7ho"),
    chart: CHARTS.q7trigram,
    rule: { kind: "atLeast", min: 0, strict: true },
    measure: q7higher,
  },
  {
    id: "abstract-volatile",
    section: "abstract",
    chapter: "q4",
    snippet: "all 128 neurons flip sign",
    claim: "All neurons are volatile",
    paper: "128/128",
    ...m("q4"),
    chart: CHARTS.q4classes,
    rule: { kind: "atLeast", min: 100 },
    measure: volatilePct,
  },
  {
    id: "abstract-dwell",
    section: "abstract",
    chapter: "q4",
    snippet: "every ~ 3 steps",
    claim: "Each neuron flips sign every ~3 steps",
    paper: "~3 steps",
    ...m("x5"),
    chart: CHARTS.q4dwell,
    rule: { kind: "abs", target: 3, tol: 0.5 },
    measure: meanDwell,
  },
  {
    id: "abstract-coflip",
    section: "abstract",
    chapter: "q4",
    snippet: "co-flip groups encoding shared features",
    claim: "Co-flip groups exist (pairs with Jaccard > 0.5)",
    paper: "present",
    ...m("q4"),
    chart: CHARTS.q4coflip,
    rule: { kind: "atLeast", min: 1 },
    measure: jaccardPairs,
  },
  {
    id: "abstract-mantissa",
    section: "abstract",
    chapter: "q1",
    snippet: "removing it improves bpc by 0.095",
    claim: "Removing the mantissa improves bpc by 0.095",
    paper: "Δ = −0.095 bpc",
    ...m("x2"),
    chart: CHARTS.q1dynamics,
    rule: { kind: "abs", target: -0.095, tol: 0.05 },
    measure: (R) => {
      const { zm, full } = zeroMantissaDelta(R);
      return { value: zm - full, shown: `zero-mantissa ${fmt(zm)} vs f32 ${fmt(full)} bpc: Δ = ${zm - full >= 0 ? "+" : ""}${fmt(zm - full)}` };
    },
  },
  {
    id: "abstract-trainparams",
    section: "abstract",
    chapter: "model",
    snippet: "Training used $\\sim 82,000$ parameters",
    claim: "Training used ~82,000 parameters",
    paper: "~82,000",
    ...m("forward"),
    chart: CHARTS.q5params,
    rule: { kind: "rel", target: 82000, tol: 0.05 },
    measure: (R) => ({ value: R.fingerprint.parameters, shown: `${fmt(R.fingerprint.parameters)} parameters (H = ${R.fingerprint.H})` }),
  },
  {
    id: "abstract-inference",
    section: "abstract",
    chapter: "q5",
    snippet: "inference needs $\\sim 26,000$",
    claim: "Inference needs ~26,000 parameters",
    paper: "~26,000",
    ...m("q5"),
    chart: CHARTS.q5params,
    rule: { kind: "abs", target: 26000, tol: 1000 },
    measure: (R) => {
      const r = reduxParams(R);
      return { value: r.total, shown: `the tool's redux (k = ${r.k}, |W_h| ≥ ${r.thr}): ${fmt(r.total)} parameters at ${fmt(r.bpc)} bpc` };
    },
  },

  // ---------------------------------------------------------------- Overview table
  {
    id: "overview-leverage",
    section: "overview",
    chapter: "q1",
    snippet: "Q1: Sparsity\t300:52:1\tPer-bit leverage hierarchy (sign:exp:mant).",
    claim: "Per-bit leverage sign : exponent : mantissa = 300 : 52 : 1",
    paper: "300 : 52 : 1",
    ...m("x1"),
    chart: CHARTS.q1leverage,
    rule: { kind: "factor", target: [300, 52], factor: 2 },
    measure: (R) => {
      const l = ch(R, "q1").leverage;
      const s = num(l?.ratio?.[0], "the leverage ratio");
      const e = num(l?.ratio?.[1], "the leverage ratio");
      return { value: [s, e], shown: `${fmt(s, 3)} : ${fmt(e, 3)} : 1` };
    },
  },
  {
    id: "overview-rho",
    section: "overview",
    chapter: "q1",
    snippet: "Pattern ranking $\\rho = 1.000$ at BPTT depth ≥ 11",
    claim: "Pattern ranking ρ = 1.000 from BPTT depth 11",
    paper: "ρ(11) = 1.000",
    ...m("x3"),
    chart: CHARTS.q1rho,
    rule: { kind: "atLeast", min: 0.9995 },
    measure: (R) => {
      const rho = ch(R, "q1").rho;
      const v = num(rho?.values?.[10], "ρ at depth 11");
      return { value: v, shown: `ρ(11) = ${fmt(v, 5)}; ρ ≥ 0.9995 from D = ${rho.depth ?? "never"}` };
    },
  },
  {
    id: "overview-d25",
    section: "overview",
    chapter: "q2",
    snippet: "Q2: Offsets\t23.4% at $d=25$",
    claim: "23.4 % of neurons have their dominant offset at d = 25",
    paper: "23.4 %",
    ...m("q2"),
    chart: CHARTS.q2dominant,
    rule: { kind: "abs", target: 23.4, tol: 0.5 },
    measure: (R) => {
      const q2 = ch(R, "q2");
      if (q2.D < 25) throw new Missing(`depths only go to ${q2.D} on this corpus`);
      const v = (100 * q2.hist[25]) / q2.H;
      return { value: v, shown: `${fmt(v, 3)} % (${q2.hist[25]} neurons); band d = 18–25: ${fmt(q2.band?.pct, 3)} %; mode d = ${q2.mode}` };
    },
  },
  {
    id: "overview-deep",
    section: "overview",
    chapter: "q2",
    snippet: "RNN uses deep offsets ($d=18-25$)",
    claim: "The RNN uses deep offsets, d = 18–25",
    paper: "d = 18–25",
    ...m("q2"),
    chart: CHARTS.q2dominant,
    rule: { kind: "range", lo: 18, hi: 25 },
    measure: q2deep,
  },
  {
    id: "overview-migreedy",
    section: "overview",
    chapter: "q2",
    snippet: "MI-greedy [1,3,8,20]",
    claim: "MI-greedy selects the offsets {1, 3, 8, 20}",
    paper: "[1, 3, 8, 20]",
    ...m("x4"),
    chart: CHARTS.q2mi,
    rule: { kind: "eq", target: [1, 3, 8, 20] },
    measure: (R) => {
      const g = ch(R, "q2").mi?.greedy4 as number[] | undefined;
      if (!g || g.length < 4) throw new Missing("fewer than four offsets could be chosen (corpus too short)");
      const s = [...g].sort((a, b) => a - b);
      return { value: s, shown: `greedy order [${g.join(", ")}]` };
    },
  },
  {
    id: "overview-mishare",
    section: "overview",
    chapter: "q2",
    snippet: "captures only 9.4% of signal",
    claim: "The MI-greedy offsets capture only 9.4 % of the sign-change signal",
    paper: "9.4 %",
    ...m("q2"),
    chart: CHARTS.q2mi,
    rule: { kind: "abs", target: 9.4, tol: 0.05 },
    measure: (R) => {
      const s = ch(R, "q2").shares;
      const v = num(s?.refShare, "the MI-greedy share");
      return { value: v, shown: `${fmt(v, 3)} % as the tool compares (d = δ); ${fmt(s.corrShare, 3)} % with the offset convention corrected` };
    },
  },
  {
    id: "overview-oneneuron",
    section: "overview",
    chapter: "q3",
    snippet: "Q3: Neurons\t1 neuron = 99.7%",
    claim: "The best single neuron captures 99.7 % of the compression",
    paper: "99.7 %",
    ...m("q3"),
    chart: CHARTS.q3subset,
    rule: { kind: "abs", target: 99.7, tol: 0.5 },
    measure: (R) => {
      const t = ch(R, "q3").top1;
      const v = num(t?.pct, "the top-1 share");
      return { value: v, shown: `best single neuron h${t.j}: ${fmt(t.bpc)} bpc = ${fmt(v, 3)} % of the gain` };
    },
  },
  {
    id: "overview-h28",
    section: "overview",
    chapter: "q3",
    snippet: "h28 alone captures 99.7% of compression",
    claim: "h28 alone captures 99.7 % of the compression",
    paper: "h28: 99.7 %",
    ...m("q3"),
    chart: CHARTS.q3subset,
    rule: { kind: "abs", target: 99.7, tol: 0.5 },
    measure: (R) => {
      has(R, 28);
      const s = ch(R, "q3").star;
      const v = num(s?.pct, "h28's share");
      return { value: v, shown: `h28 alone: ${fmt(s.bpc)} bpc = ${fmt(v, 3)} % (knockout rank ${s.rank})` };
    },
  },
  {
    id: "overview-top15",
    section: "overview",
    chapter: "q3",
    snippet: "Top 15 = 102%",
    claim: "The top 15 neurons give 102 % of the compression",
    paper: "102 %",
    ...m("q3"),
    chart: CHARTS.q3subset,
    rule: { kind: "abs", target: 102, tol: 0.5 },
    measure: (R) => {
      const s = q3subset(R, 15);
      return { value: s.pct, shown: `top ${s.n}: ${fmt(s.bpc)} bpc = ${fmt(s.pct, 3)} %` };
    },
  },
  {
    id: "overview-noise",
    section: "overview",
    chapter: "q3",
    snippet: "The other 113 are noise",
    claim: "The remaining neurons are noise: a small subset (≤ 30) beats the full model",
    paper: "subset better than full",
    ...m("q3"),
    chart: CHARTS.q3subset,
    rule: { kind: "atMost", max: 0, strict: true },
    measure: (R) => {
      const q3 = ch(R, "q3");
      const rows = (q3.subset as [number, number, number][]).filter((r) => r[0] <= 30 && r[0] < q3.H);
      if (!rows.length) throw new Missing("no subset of ≤ 30 neurons smaller than the model");
      let best = rows[0];
      for (const r of rows) if (r[1] < best[1]) best = r;
      const v = best[1] - q3.baseline;
      return { value: v, shown: `best subset of ≤ 30 neurons (k = ${best[0]}): ${fmt(best[1])} bpc, Δ = ${v >= 0 ? "+" : ""}${fmt(v)} vs the full model` };
    },
  },
  {
    id: "overview-volatile",
    section: "overview",
    chapter: "q4",
    snippet: "Q4: Saturation\t128/128 volatile",
    claim: "128/128 neurons are volatile",
    paper: "128/128",
    ...m("q4"),
    chart: CHARTS.q4classes,
    rule: { kind: "atLeast", min: 100 },
    measure: volatilePct,
  },
  {
    id: "overview-dwell",
    section: "overview",
    chapter: "q4",
    snippet: "All neurons flip every ~ 3 steps",
    claim: "All neurons flip every ~3 steps",
    paper: "~3 steps",
    ...m("x5"),
    chart: CHARTS.q4dwell,
    rule: { kind: "abs", target: 3, tol: 0.5 },
    measure: meanDwell,
  },
  {
    id: "overview-jaccard",
    section: "overview",
    chapter: "q4",
    snippet: "Co-flip pairs with Jaccard > 0.5",
    claim: "Co-flip pairs with Jaccard > 0.5 exist",
    paper: "J > 0.5",
    ...m("q4"),
    chart: CHARTS.q4coflip,
    rule: { kind: "atLeast", min: 1 },
    measure: jaccardPairs,
  },
  {
    id: "overview-redux",
    section: "overview",
    chapter: "q5",
    snippet: "Q5: Redux\t20 neurons + 36%",
    claim: "The redux keeps 20 neurons and the 36 % of W_h with |W_h| > 3.0",
    paper: "36 %",
    ...m("q5"),
    chart: CHARTS.q5pruning,
    rule: { kind: "abs", target: 36, tol: 2 },
    measure: (R) => {
      const v = whAbove3(R);
      return { value: v, shown: `${fmt(v, 3)} % of W_h entries have |W_h| ≥ 3.0 (max |W_h| = ${fmt(ch(R, "q5").whMax)})` };
    },
  },
  {
    id: "overview-reduxbpc",
    section: "overview",
    chapter: "q5",
    snippet: "4.81 bpc",
    claim: "The redux reaches 4.81 bpc",
    paper: "4.81 bpc",
    ...m("q5"),
    chart: CHARTS.q5table,
    rule: { kind: "abs", target: 4.81, tol: 0.01 },
    measure: (R) => {
      const r = q5row(R, 2);
      const v = num(r.measuredBpc, "the redux bpc");
      return { value: v, shown: `top 20 + |W_h| > 3.0: ${fmt(v)} bpc` };
    },
  },
  {
    id: "overview-reduxdelta",
    section: "overview",
    chapter: "q5",
    snippet: "(0.15 better than full)",
    claim: "The redux is 0.15 bpc better than the full model",
    paper: "Δ = −0.15",
    ...m("q5"),
    chart: CHARTS.q5table,
    rule: { kind: "abs", target: -0.15, tol: 0.05 },
    measure: (R) => {
      const r = q5row(R, 2);
      const v = num(r.measuredDelta, "the redux Δ");
      return { value: v, shown: `Δ = ${v >= 0 ? "+" : ""}${fmt(v)} bpc` };
    },
  },
  {
    id: "overview-wh78",
    section: "overview",
    chapter: "q5",
    snippet: "78% of W_h can be zeroed",
    claim: "78 % of W_h can be zeroed",
    paper: "78 %",
    ...m("q5"),
    chart: CHARTS.q5pruning,
    rule: { kind: "atLeast", min: 78 },
    measure: (R) => {
      const q5 = ch(R, "q5");
      const v = num(q5.whZeroable, "the zeroable share of W_h");
      return { value: v, shown: `${v} % (largest tested share of smallest-|w| entries costing ≤ ${q5.zeroableTol} bpc)` };
    },
  },
  {
    id: "overview-wx87",
    section: "overview",
    chapter: "q5",
    snippet: "87% of W_x can be zeroed",
    claim: "87 % of W_x can be zeroed",
    paper: "87 %",
    ...m("q5"),
    chart: CHARTS.q5pruning,
    rule: { kind: "atLeast", min: 87 },
    measure: (R) => {
      const q5 = ch(R, "q5");
      const v = num(q5.wxZeroable, "the zeroable share of W_x");
      return { value: v, shown: `${v} % (same rule: costing ≤ ${q5.zeroableTol} bpc)` };
    },
  },
  {
    id: "overview-weights15",
    section: "overview",
    chapter: "q6",
    snippet: "Q6: Justification\t~ 15 weights\tEach prediction traces to ~ 5 neurons \\times ~ 3 backward steps = 15 weights.",
    claim: "Each prediction traces to ~5 neurons × ~3 steps = 15 weights",
    paper: "~15 weights",
    ...m("q6"),
    chart: CHARTS.q6size,
    rule: { kind: "abs", target: 15, tol: 3 },
    measure: (R) => {
      const s = q6size(R);
      return { value: s.hop1, shown: `${fmt(s.hop1, 3)} hop-1 W_h entries per tree (5 neurons × 3 sources, fixed by the method); ${s.e.whDistinctMin}–${s.e.whDistinctMax} distinct W_h entries with hop 2` };
    },
    note: "Holds by construction: the reference keeps 5 neurons and 3 sources each; the \"3\" counts sources, not steps.",
  },
  {
    id: "overview-aligned61",
    section: "overview",
    chapter: "q7",
    snippet: "Q7: Algebra\t61% aligned",
    claim: "61 % of RNN attribution is aligned with data PMI",
    paper: "61 %",
    ...m("q7"),
    chart: CHARTS.q7bins,
    rule: { kind: "abs", target: 61, tol: 5 },
    measure: q7overall,
  },
  {
    id: "overview-mid",
    section: "overview",
    chapter: "q7",
    snippet: "RNN attribution matches data PMI at $d=5-8$ (87–96%)",
    claim: "At d = 5–8 alignment is 87–96 %",
    paper: "87–96 %",
    ...m("q7"),
    chart: CHARTS.q7bins,
    rule: { kind: "range", lo: 82, hi: 101 },
    measure: q7mid,
    note: "Tolerance: every offset d = 5–8 within the paper's range ±5 points.",
  },
  {
    id: "overview-deep37",
    section: "overview",
    chapter: "q7",
    snippet: "diverges at $d > 15$ ($< 37\\%$)",
    claim: "At d > 15 alignment falls below 37 %",
    paper: "< 37 %",
    ...m("q7"),
    chart: CHARTS.q7bins,
    rule: { kind: "atMost", max: 37, strict: true },
    measure: q7deepPooled,
  },

  // ---------------------------------------------------------------- Theorem 1
  {
    id: "theorem-boolean",
    section: "theorem",
    chapter: "q1",
    snippet: "The sat-rnn’s computation is equivalent to a Boolean transition function $f : \\{0, 1\\}^{128} \\times \\{0, \\dots, 255\\} \\rightarrow \\{0, 1\\}^{128}$",
    claim: "tanh ≡ sgn: one Boolean step reproduces the float32 signs",
    paper: "equivalent",
    ...m("boolean"),
    chart: CHARTS.q1dynamics,
    rule: { kind: "atLeast", min: 99.9 },
    measure: (R) => {
      const d = ch(R, "q1").boolean?.derived;
      const v = 100 * num(d?.oneStepAgreement, "the one-step agreement");
      return { value: v, shown: `one Boolean step agrees with the f32 signs on ${fmt(v, 4)} % of bits; free-running Boolean dynamics on ${fmt(100 * d.freeRunAgreement, 4)} %` };
    },
  },
  {
    id: "theorem-989",
    section: "theorem",
    chapter: "q1",
    snippet: "for 98.9% of neuron-steps",
    claim: "The equivalence holds for 98.9 % of neuron-steps (margin > 1)",
    paper: "98.9 %",
    ...m("margins"),
    chart: CHARTS.q1margins,
    rule: { kind: "abs", target: 98.9, tol: 1 },
    measure: above1,
  },
  {
    id: "theorem-11",
    section: "theorem",
    chapter: "q1",
    snippet: "The remaining 1.1% (margins < 1.0) are fragile transitions",
    claim: "1.1 % of neuron-steps have margins < 1.0",
    paper: "1.1 %",
    ...m("margins"),
    chart: CHARTS.q1margins,
    rule: { kind: "abs", target: 1.1, tol: 1 },
    measure: (R) => {
      const m1 = ch(R, "q1").margins;
      const v = num(m1.pctSmall, "the small-margin share");
      return { value: v, shown: `${pctS(v, 4)} (${fmt(m1.small)} neuron-steps)` };
    },
  },

  // ---------------------------------------------------------------- Evidence
  {
    id: "evidence-margin",
    section: "evidence",
    chapter: "q1",
    snippet: "Mean pre-activation margin: 60.5",
    claim: "Mean pre-activation margin 60.5",
    paper: "60.5",
    ...m("margins"),
    chart: CHARTS.q1margins,
    rule: { kind: "rel", target: 60.5, tol: 0.1 },
    measure: (R) => {
      const v = num(ch(R, "q1").margins.globalMean, "the mean margin");
      return { value: v, shown: fmt(v) };
    },
  },
  {
    id: "evidence-pert",
    section: "evidence",
    chapter: "q1",
    snippet: "Maximum mantissa perturbation to any pre-activation: 4.7×10^{-5} (via $\\sum |W_h| \\cdot 2^{-23}$)",
    claim: "The maximum mantissa perturbation of a pre-activation is 4.7×10⁻⁵",
    paper: "4.7×10⁻⁵",
    ...m("margins"),
    chart: CHARTS.q1mantissa,
    rule: { kind: "rel", target: 4.7e-5, tol: 0.25 },
    measure: (R) => {
      const mm = ch(R, "q1").margins;
      const v = num(mm.maxPert, "the mantissa bound");
      const order = mm.pert as number[];
      const j = order.indexOf(Math.max(...order));
      return { value: v, shown: `${fmt(v, 3)} (at h${j})` };
    },
  },
  {
    id: "evidence-factor",
    section: "evidence",
    chapter: "q1",
    snippet: "The margin exceeds the perturbation by a factor of 10^6 on average",
    claim: "Mean margin / perturbation ≈ 10⁶",
    paper: "10⁶",
    ...m("margins"),
    chart: CHARTS.q1mantissa,
    rule: { kind: "factor", target: 1e6, factor: 10 },
    measure: (R) => {
      const mm = ch(R, "q1").margins;
      const mean = mm.neuronMean as number[];
      const pert = mm.pert as number[];
      let s = 0;
      let n = 0;
      for (let j = 0; j < mean.length; j++) if (pert[j] > 0) (s += mean[j] / pert[j]), n++;
      if (!n) throw new Missing("no neuron has a non-zero perturbation bound");
      const v = s / n;
      return { value: v, shown: `${fmt(v, 3)} (mean over neurons of mean |z_j| / bound_j); global safety factor min margin / max bound = ${fmt(mm.safety, 3)}` };
    },
  },
  {
    id: "evidence-011",
    section: "evidence",
    chapter: "q1",
    snippet: "Only at the 0.11% of neuron-steps with margin < 0.1",
    claim: "0.11 % of neuron-steps have margin < 0.1",
    paper: "0.11 %",
    ...m("margins"),
    chart: CHARTS.q1margins,
    rule: { kind: "abs", target: 0.11, tol: 0.05 },
    measure: (R) => {
      const mm = ch(R, "q1").margins;
      const v = num(mm.pctTiny, "the tiny-margin share");
      return { value: v, shown: `${pctS(v, 4)} (${fmt(mm.tiny)} neuron-steps)` };
    },
  },

  // ---------------------------------------------------------------- The mantissa mechanism
  {
    id: "mantissa-sensitivity",
    section: "mantissa",
    chapter: "q1",
    snippet: "sensitivity ~ 4.6 (each flip cascades to 4.6 others)",
    claim: "A sign flip cascades to ~4.6 other neurons",
    paper: "4.6",
    ...m("boolean"),
    chart: CHARTS.q1influence,
    rule: { kind: "rel", target: 4.6, tol: 0.2 },
    measure: (R) => {
      const v = num(ch(R, "q1").boolean?.meanSensitivity, "the flip sensitivity");
      return { value: v, shown: `${fmt(v)} (one Boolean state, q1_boolean)` };
    },
  },
  {
    id: "mantissa-520",
    section: "mantissa",
    chapter: "model",
    snippet: "Over 520 positions",
    claim: "The evaluation covers 520 positions",
    paper: "520",
    ...m("forward"),
    chart: CHARTS.model,
    rule: { kind: "eq", target: 520 },
    measure: (R) => ({ value: R.fingerprint.predictions, shown: `${R.fingerprint.predictions} predictions on ${R.fingerprint.corpusBytes} bytes` }),
  },
  {
    id: "mantissa-013",
    section: "mantissa",
    chapter: "q1",
    snippet: "this injects ~ 0.13 random flips per step",
    claim: "The mantissa injects ~0.13 sign flips per step",
    paper: "0.13 per step",
    ...m("x2"),
    chart: CHARTS.q1dynamics,
    rule: { kind: "factor", target: 0.13, factor: 2 },
    measure: (R) => {
      const q1 = ch(R, "q1");
      const diffs = num(q1.dynamics?.zeroMantissaSignDiffs, "the zero-mantissa sign differences");
      const v = diffs / q1.T;
      return { value: v, shown: `${fmt(v, 3)} per step (${fmt(diffs)} neuron-steps whose sign differs between zero-mantissa and f32 dynamics, over ${q1.T} steps)` };
    },
    note: "Operationalised as X2's sign differences per step; the paper gives no definition.",
  },
  {
    id: "mantissa-095",
    section: "mantissa",
    chapter: "q1",
    snippet: "degrading bpc by 0.095",
    claim: "The mantissa degrades bpc by 0.095",
    paper: "+0.095 bpc",
    ...m("x2"),
    chart: CHARTS.q1dynamics,
    rule: { kind: "abs", target: 0.095, tol: 0.05 },
    measure: (R) => {
      const { zm, full } = zeroMantissaDelta(R);
      return { value: full - zm, shown: `f32 − zero-mantissa = ${full - zm >= 0 ? "+" : ""}${fmt(full - zm)} bpc` };
    },
  },
  {
    id: "mantissa-4870",
    section: "mantissa",
    chapter: "q1",
    snippet: "Removing the mantissa (keeping only sign + exponent) yields 4.870 bpc",
    claim: "Zero-mantissa dynamics gives 4.870 bpc",
    paper: "4.870 bpc",
    ...m("x2"),
    chart: CHARTS.q1dynamics,
    rule: { kind: "abs", target: 4.87, tol: 0.05 },
    measure: (R) => {
      const { zm } = zeroMantissaDelta(R);
      return { value: zm, shown: `${fmt(zm)} bpc` };
    },
  },
  {
    id: "mantissa-4965",
    section: "mantissa",
    chapter: "model",
    snippet: "vs full f32’s 4.965",
    claim: "Full float32 gives 4.965 bpc",
    paper: "4.965 bpc",
    ...m("forward"),
    chart: CHARTS.model,
    rule: { kind: "abs", target: 4.965, tol: 0.05 },
    measure: (R) => ({ value: bpcFull(R), shown: `${fmt(bpcFull(R))} bpc` }),
    note: "The paper's tables describe a model with ~30× larger weights; the abstract's 0.079 bpc is this one.",
  },

  // ---------------------------------------------------------------- Minimal model (§3)
  ...minimalRows,
  {
    id: "observation1-all",
    section: "observation1",
    chapter: "q5",
    snippet: "Every pruned variant in the table outperforms the full model",
    claim: "Every pruned variant beats the full model",
    paper: "all Δ < 0",
    ...m("q5"),
    chart: CHARTS.q5table,
    rule: { kind: "atMost", max: 0, strict: true },
    measure: (R) => {
      const t = ch(R, "q5").paperTable as { measuredDelta: number }[];
      const ds = t.slice(1).map((r) => r.measuredDelta);
      if (!ds.length || ds.some((d) => !Number.isFinite(d))) throw new Missing("some variant could not be measured");
      const v = Math.max(...ds);
      return { value: v, shown: `worst variant Δ = ${v >= 0 ? "+" : ""}${fmt(v)}; best Δ = ${fmt(Math.min(...ds))}` };
    },
  },
  {
    id: "observation1-best",
    section: "observation1",
    chapter: "q5",
    snippet: "The best redux (20 neurons, W_h threshold 3.0) achieves 0.15 bpc better",
    claim: "The best redux (20 neurons, |W_h| > 3.0) is 0.15 bpc better",
    paper: "Δ = −0.15",
    ...m("q5"),
    chart: CHARTS.q5table,
    rule: { kind: "abs", target: -0.15, tol: 0.05 },
    measure: (R) => {
      const r = q5row(R, 2);
      const v = num(r.measuredDelta, "the redux Δ");
      return { value: v, shown: `Δ = ${v >= 0 ? "+" : ""}${fmt(v)} bpc` };
    },
  },
  {
    id: "observation1-31",
    section: "observation1",
    chapter: "q5",
    snippet: "with 31% of the parameters",
    claim: "The best redux uses 31 % of the parameters",
    paper: "31 %",
    ...m("q5"),
    chart: CHARTS.q5params,
    rule: { kind: "abs", target: 31, tol: 2 },
    measure: (R) => {
      const r = q5row(R, 2);
      const full = num(ch(R, "q5").fullParams, "the full parameter count");
      const v = (100 * num(r.measuredParams, "the redux parameter count")) / full;
      return { value: v, shown: `${fmt(v, 3)} % (${fmt(r.measuredParams)} of ${fmt(full)}, tool convention)` };
    },
  },

  // ---------------------------------------------------------------- What the redux removes
  {
    id: "removes-wy",
    section: "removes",
    chapter: "q5",
    snippet: "108 of 128 W_y columns (the neurons that add noise to readout)",
    claim: "The 108 dropped W_y columns add noise: dropping them improves bpc",
    paper: "improves",
    ...m("q5"),
    chart: CHARTS.q5table,
    rule: { kind: "atMost", max: 0, strict: true },
    measure: (R) => {
      const r = q5row(R, 1);
      const v = num(r.measuredDelta, "the top-20 Δ");
      return { value: v, shown: `keeping the top ${Math.min(20, R.fingerprint.H)} of ${R.fingerprint.H} columns: Δ = ${v >= 0 ? "+" : ""}${fmt(v)} bpc` };
    },
  },
  {
    id: "removes-wh64",
    section: "removes",
    chapter: "q5",
    snippet: "64% of W_h entries ($|W_h| < 3.0$, below the 64th percentile)",
    claim: "64 % of W_h entries have |W_h| < 3.0",
    paper: "64 %",
    ...m("q5"),
    chart: CHARTS.q5pruning,
    rule: { kind: "abs", target: 64, tol: 2 },
    measure: (R) => {
      const v = 100 - whAbove3(R);
      return { value: v, shown: `${fmt(v, 4)} % (max |W_h| = ${fmt(ch(R, "q5").whMax)})` };
    },
  },
  {
    id: "removes-absorbed",
    section: "removes",
    chapter: "q5",
    snippet: "These entries don’t affect the Boolean dynamics (margins absorb them) and don’t help prediction",
    claim: "Zeroing |W_h| < 3.0 does not hurt prediction",
    paper: "Δ ≤ 0",
    ...m("q5"),
    chart: CHARTS.q5table,
    rule: { kind: "atMost", max: 0.01 },
    measure: (R) => {
      const r = q5row(R, 4);
      const v = num(r.measuredDelta, "the W_h-prune Δ");
      return { value: v, shown: `W_h prune (> 3.0) alone: Δ = ${v >= 0 ? "+" : ""}${fmt(v)} bpc` };
    },
  },

  // ---------------------------------------------------------------- Routing backbone (§4)
  {
    id: "backbone-h54",
    section: "backbone",
    chapter: "q6",
    snippet: "h54\t7/12 predictions\tDecision point (smallest margin, most volatile)",
    claim: "h54 dominates 7 of the 12 sampled predictions",
    paper: "h54: 7/12",
    ...m("x6"),
    chart: CHARTS.q6backbone,
    rule: { kind: "all", parts: [{ kind: "abs", target: 7, tol: 1 }, { kind: "eq", target: 54 }] },
    measure: driverH54,
  },
  {
    id: "backbone-h121",
    section: "backbone",
    chapter: "q6",
    snippet: "h121\th54’s source\tRelay for h54",
    claim: "h121 is h54's source",
    paper: "h121",
    ...m("x6"),
    chart: CHARTS.q6backbone,
    rule: { kind: "eq", target: 121 },
    measure: (R) => topSourceOf(R, 54, false),
  },
  {
    id: "backbone-h78",
    section: "backbone",
    chapter: "q6",
    snippet: "h78\th121’s source\tDeep source",
    claim: "h78 is h121's source",
    paper: "h78",
    ...m("x6"),
    chart: CHARTS.q6backbone,
    rule: { kind: "eq", target: 78 },
    measure: (R) => topSourceOf(R, 121, true),
  },
  {
    id: "backbone-secondary",
    section: "backbone",
    chapter: "q6",
    snippet: "h0, h30\tSecondary routes\tAlternative paths",
    claim: "h0 and h30 are secondary routes",
    paper: "h0, h30",
    ...m("x6"),
    chart: CHARTS.q6neurons,
    rule: { kind: "atLeast", min: 1 },
    measure: (R) => appearancesOf(R, [0, 30]),
  },
  {
    id: "backbone-tertiary",
    section: "backbone",
    chapter: "q6",
    snippet: "h7, h75\tTertiary routes\tThrough h56, h30",
    claim: "h7 and h75 are tertiary routes",
    paper: "h7, h75",
    ...m("x6"),
    chart: CHARTS.q6neurons,
    rule: { kind: "atLeast", min: 1 },
    measure: (R) => appearancesOf(R, [7, 75]),
  },
  {
    id: "observation2-margin",
    section: "observation2",
    chapter: "q1",
    snippet: "h54 has the smallest mean margin (26.7)",
    claim: "h54 has the smallest mean margin (26.7)",
    paper: "h54 (26.7)",
    ...m("margins"),
    chart: CHARTS.q1margins,
    rule: { kind: "eq", target: 54 },
    measure: (R) => {
      const mm = ch(R, "q1").margins;
      const order = mm.order as number[];
      if (!order?.length) throw new Missing("no margins");
      const j = order[0];
      const rank54 = order.indexOf(54);
      return {
        value: j,
        shown: `smallest: h${j} (${fmt(mm.neuronMean[j], 3)})${rank54 >= 0 ? `; h54: ${fmt(mm.neuronMean[54], 3)}, rank ${rank54 + 1} of ${order.length}` : ""}`,
      };
    },
  },
  {
    id: "observation2-volatile",
    section: "observation2",
    chapter: "q4",
    snippet: "is the most volatile (234 flips)",
    claim: "h54 is the most volatile neuron (234 flips)",
    paper: "h54 (234)",
    ...m("q4"),
    chart: CHARTS.q4classes,
    rule: { kind: "eq", target: 54 },
    measure: (R) => {
      const q4 = ch(R, "q4");
      const j = num(q4.most?.j, "the most volatile neuron");
      return { value: j, shown: `most volatile: h${j} (${q4.most.flips} flips)${q4.flips.length > 54 ? `; h54: ${q4.flips[54]} flips` : ""}` };
    },
  },
  {
    id: "observation2-dominates",
    section: "observation2",
    chapter: "q6",
    snippet: "dominates 7/12 sampled predictions",
    claim: "h54 dominates 7/12 sampled predictions",
    paper: "7/12",
    ...m("x6"),
    chart: CHARTS.q6backbone,
    rule: { kind: "all", parts: [{ kind: "abs", target: 7, tol: 1 }, { kind: "eq", target: 54 }] },
    measure: driverH54,
  },
  {
    id: "observation2-backbone",
    section: "observation2",
    chapter: "q6",
    snippet: "The routing backbone $h54 \\leftarrow h121 \\leftarrow h78$ carries the plurality of prediction-relevant information",
    claim: "The backbone h54 ← h121 ← h78 carries the plurality",
    paper: "h54 ← h121 ← h78",
    ...m("x6"),
    chart: CHARTS.q6backbone,
    rule: { kind: "eq", target: [54, 121, 78] },
    measure: backboneChain,
  },

  // ---------------------------------------------------------------- Information flow (§5)
  {
    id: "flow-wx13",
    section: "flow",
    chapter: "q5",
    snippet: "only $\\sim 13\\%$ of W_x entries matter; the rest can be zeroed",
    claim: "Step 1: only ~13 % of W_x entries matter",
    paper: "13 %",
    ...m("q5"),
    chart: CHARTS.q5pruning,
    rule: { kind: "atMost", max: 13 },
    measure: (R) => {
      const q5 = ch(R, "q5");
      const v = 100 - num(q5.wxZeroable, "the zeroable share of W_x");
      return { value: v, shown: `${fmt(v, 3)} % must be kept (zeroing ${q5.wxZeroable} % costs ≤ ${q5.zeroableTol} bpc)` };
    },
  },
  {
    id: "flow-989",
    section: "flow",
    chapter: "q1",
    snippet: "For 98.9% of neurons, the margin $|z_j|$ is so large",
    claim: "Step 2: for 98.9 % of neurons the margin decides the sign",
    paper: "98.9 %",
    ...m("margins"),
    chart: CHARTS.q1margins,
    rule: { kind: "abs", target: 98.9, tol: 1 },
    measure: above1,
  },
  {
    id: "flow-wh36",
    section: "flow",
    chapter: "q5",
    snippet: "The top $\\sim 36\\%$ of W_h entries ($|W_h| > 3.0$) carry all the dynamically relevant signal",
    claim: "Step 2: the top ~36 % of W_h (|W_h| > 3.0) carry the signal",
    paper: "36 %",
    ...m("q5"),
    chart: CHARTS.q5pruning,
    rule: { kind: "abs", target: 36, tol: 2 },
    measure: (R) => {
      const v = whAbove3(R);
      return { value: v, shown: `${fmt(v, 3)} % of entries have |W_h| ≥ 3.0` };
    },
  },
  {
    id: "flow-20",
    section: "flow",
    chapter: "q3",
    snippet: "Only ~ 20 neurons contribute meaningfully; the other 108 add noise",
    claim: "Step 3: ~20 readout neurons suffice; the rest add noise",
    paper: "top 20 ≤ full",
    ...m("q3"),
    chart: CHARTS.q3subset,
    rule: { kind: "atMost", max: 0 },
    measure: (R) => {
      const s = q3subset(R, 20);
      const v = s.bpc - s.baseline;
      return { value: v, shown: `top ${s.n} neurons: ${fmt(s.bpc)} bpc, Δ = ${v >= 0 ? "+" : ""}${fmt(v)} vs the full readout (${fmt(s.pct, 3)} % of the gain)` };
    },
  },
  {
    id: "flow-sign",
    section: "flow",
    chapter: "q1",
    snippet: "The sign of h_t (not the magnitude) determines the logit contribution: $W_y[o][j] \\cdot (\\pm 1)$",
    claim: "Step 3: the sign of h, not its magnitude, sets the readout (sign readout costs ≤ 0.02 bpc)",
    paper: "sign ≈ full",
    ...m("margins"),
    chart: CHARTS.q1dynamics,
    rule: { kind: "atMost", max: 0.02 },
    measure: (R) => {
      const d = ch(R, "q1").dynamics;
      const v = num(d.signReadout, "the sign-readout bpc") - num(d.full, "the f32 bpc");
      return { value: v, shown: `sign readout ${fmt(d.signReadout)} vs f32 ${fmt(d.full)} bpc: Δ = ${v >= 0 ? "+" : ""}${fmt(v)}` };
    },
    note: "Tolerance from the paper's own numbers: sign-only 4.977 vs full 4.965 is +0.012.",
  },
  {
    id: "flow-5",
    section: "flow",
    chapter: "q6",
    snippet: "For each prediction, ~ 5 neurons dominate through $|\\Delta\\text{bpc}|$",
    claim: "Step 4: ~5 neurons dominate each prediction",
    paper: "~5",
    ...m("q6"),
    chart: CHARTS.q6size,
    rule: { kind: "eq", target: 5 },
    measure: (R) => {
      const q6 = q6sampled(R);
      const k = q6.sample?.[0]?.neurons?.length;
      return { value: num(k, "the kept-neuron count"), shown: `${k} kept neurons per prediction (fixed by the reference method)` };
    },
    note: "Holds by construction: the reference keeps the top 5 by Δbpc.",
  },
  {
    id: "flow-hops",
    section: "flow",
    chapter: "q6",
    snippet: "Each traces backward through 2–3 W_h hops to input bytes at depths 1–25",
    claim: "Step 4: chains run 2–3 W_h hops back to inputs at depths 1–25",
    paper: "2–3 hops; depths 1–25",
    ...m("q6"),
    chart: CHARTS.q6backbone,
    rule: { kind: "none", reason: "not computed by the reference method: it stops after two W_h hops and reaches only x_t and x_{t−1}" },
    measure: () => ({ value: null, shown: "2 hops; inputs x_t, x_{t−1} only" }),
  },
  {
    id: "flow-15",
    section: "flow",
    chapter: "q6",
    snippet: "The total explanation involves ~ 15 weight entries (0.1% of W_h)",
    claim: "Step 4: ~15 weight entries, 0.1 % of W_h",
    paper: "~15; 0.1 %",
    ...m("q6"),
    chart: CHARTS.q6size,
    rule: { kind: "all", parts: [{ kind: "abs", target: 15, tol: 3 }, { kind: "factor", target: 0.1, factor: 2 }] },
    measure: (R) => {
      const s = q6size(R);
      return { value: [s.hop1, s.share], shown: `${fmt(s.hop1, 3)} hop-1 entries = ${fmt(s.share, 3)} % of W_h` };
    },
  },

  // ---------------------------------------------------------------- What training did (§6)
  {
    id: "training-init",
    section: "training",
    chapter: "model",
    snippet: "From ~ 10 million random bits (the initial ϵ -field of weight initialization), training by BPTT-50 + Adam selected a map $\\phi : H^{128} \\times \\{0, \\dots, 255\\} \\rightarrow H^{128}$",
    claim: "Training (BPTT-50 + Adam) started from ~10 million random bits",
    paper: "~10⁷ bits",
    ...m("forward"),
    chart: CHARTS.model,
    rule: { kind: "none", reason: "the weights do not record how they were trained (initialisation, BPTT depth, optimiser)" },
    measure: (R) => ({ value: null, shown: `the weights themselves hold ${fmt(32 * R.fingerprint.parameters)} bits (32 × ${fmt(R.fingerprint.parameters)} parameters)` }),
  },
  {
    id: "training-1",
    section: "training",
    chapter: "q1",
    snippet: "1. The sign channel carries 99.7% of the compression.",
    claim: "The sign channel carries 99.7 % of the compression",
    paper: "99.7 %",
    ...m("boolean"),
    chart: CHARTS.q1dynamics,
    rule: { kind: "abs", target: 99.7, tol: 0.5 },
    measure: (R) => {
      const s = signChannelShare(R);
      return { value: s.share, shown: `sign-only dynamics ${fmt(s.sign)} vs f32 ${fmt(s.full)} bpc: ${fmt(s.share, 4)} % of the compression (8 bpc = none)` };
    },
    note: "Share = (8 − sign-only bpc) / (8 − f32 bpc); the paper's 4.977 vs 4.965 gives 99.6 %.",
  },
  {
    id: "training-2",
    section: "training",
    chapter: "q1",
    snippet: "2. The mantissa channel carries 0.3% and actively interferes.",
    claim: "The mantissa carries 0.3 % and interferes (removing it helps)",
    paper: "0.3 %; Δ < 0",
    ...m("x2"),
    chart: CHARTS.q1dynamics,
    rule: { kind: "all", parts: [{ kind: "abs", target: 0.3, tol: 0.5 }, { kind: "atMost", max: 0, strict: true }] },
    measure: (R) => {
      const s = signChannelShare(R);
      const { zm, full } = zeroMantissaDelta(R);
      return { value: [100 - s.share, zm - full], shown: `mantissa share ${fmt(100 - s.share, 4)} %; zero-mantissa Δ = ${zm - full >= 0 ? "+" : ""}${fmt(zm - full)} bpc` };
    },
  },
  {
    id: "training-3",
    section: "training",
    chapter: "q5",
    snippet: "3. 20 of 128 readout neurons suffice for better-than-full prediction.",
    claim: "20 readout neurons beat the full model",
    paper: "Δ < 0",
    ...m("q5"),
    chart: CHARTS.q5table,
    rule: { kind: "atMost", max: 0, strict: true },
    measure: (R) => {
      const r = q5row(R, 1);
      const v = num(r.measuredDelta, "the top-20 Δ");
      return { value: v, shown: `top 20: ${fmt(r.measuredBpc)} bpc, Δ = ${v >= 0 ? "+" : ""}${fmt(v)}` };
    },
  },
  {
    id: "training-4",
    section: "training",
    chapter: "q5",
    snippet: "4. 36% of W_h entries suffice for unchanged dynamics.",
    claim: "36 % of W_h suffices (64 % can be zeroed)",
    paper: "64 % zeroable",
    ...m("q5"),
    chart: CHARTS.q5pruning,
    rule: { kind: "atLeast", min: 64 },
    measure: (R) => {
      const q5 = ch(R, "q5");
      const v = num(q5.whZeroable, "the zeroable share of W_h");
      return { value: v, shown: `${v} % of W_h (smallest |w| first) can be zeroed at ≤ ${q5.zeroableTol} bpc` };
    },
  },
  {
    id: "training-5",
    section: "training",
    chapter: "q4",
    snippet: "5. All 128 neurons are volatile (no frozen features).",
    claim: "All neurons are volatile; none frozen",
    paper: "128/128",
    ...m("q4"),
    chart: CHARTS.q4classes,
    rule: { kind: "atLeast", min: 100 },
    measure: volatilePct,
  },
  {
    id: "training-6",
    section: "training",
    chapter: "q1",
    snippet: "6. The dynamics is ergodic (no attractors, no cycles).",
    claim: "No attractors, no cycles",
    paper: "none",
    ...m("attractor"),
    chart: CHARTS.q1attractors,
    rule: { kind: "all", parts: [{ kind: "eq", target: 0 }, { kind: "atLeast", min: 100 }] },
    measure: (R) => {
      const c = cycles(R);
      return {
        value: [c.found, c.conv],
        shown: `${c.found} of ${c.starts} starts cycle within ${fmt(c.horizon)} steps; mean convergence step ${fmt(c.conv)} (100 = none converged); ${c.unique}/50 unique final states`,
      };
    },
  },
  {
    id: "training-7",
    section: "training",
    chapter: "q6",
    snippet: "7. A 5-neuron routing backbone carries the plurality of signal.",
    claim: "A 5-neuron backbone (h54, h121, h78, h0, h30) carries the plurality",
    paper: "plurality",
    ...m("x6"),
    chart: CHARTS.q6backbone,
    rule: { kind: "atLeast", min: 33 },
    measure: (R) => {
      has(R, 54, 121, 78, 0, 30);
      const q6 = q6sampled(R);
      const five = new Set([54, 121, 78, 0, 30]);
      const chains = q6.routing.driverChains as { t: number; chain: number[] }[];
      const touching = chains.filter((c) => c.chain.some((j) => five.has(j))).length;
      const v = chains.length ? (100 * touching) / chains.length : NaN;
      return { value: v, shown: `${touching} of ${chains.length} sampled driver chains pass through h54, h121, h78, h0 or h30 (${fmt(v, 3)} %)` };
    },
    note: "Plurality operationalised as: at least a third of the sampled driver chains touch the five neurons.",
  },
  {
    id: "training-8",
    section: "training",
    chapter: "q2",
    snippet: "8. The effective offsets are $d = 18\\text{--}25$, deeper than skip- k -grams.",
    claim: "The effective offsets are d = 18–25",
    paper: "d = 18–25",
    ...m("q2"),
    chart: CHARTS.q2dominant,
    rule: { kind: "range", lo: 18, hi: 25 },
    measure: q2deep,
  },
  {
    id: "training-9",
    section: "training",
    chapter: "q7",
    snippet: "9. At shallow offsets, the learned patterns match data PMI (87–96%).",
    claim: "At shallow offsets (d = 5–8) alignment is 87–96 %",
    paper: "87–96 %",
    ...m("q7"),
    chart: CHARTS.q7bins,
    rule: { kind: "range", lo: 82, hi: 101 },
    measure: q7mid,
  },
  {
    id: "training-10",
    section: "training",
    chapter: "q7",
    snippet: "10. At deep offsets, the RNN develops higher-order patterns (24–37% PMI alignment).",
    claim: "At deep offsets alignment is 24–37 %",
    paper: "24–37 %",
    ...m("q7"),
    chart: CHARTS.q7bins,
    rule: { kind: "range", lo: 19, hi: 42 },
    measure: q7deepPooled,
    note: "Tolerance: the paper's range ±5 points.",
  },

  // ---------------------------------------------------------------- Training gave us too much
  {
    id: "toomuch-full",
    section: "toomuch",
    chapter: "model",
    snippet: "The full model has 82,304 parameters",
    claim: "The full model has 82,304 parameters",
    paper: "82,304",
    ...m("forward"),
    chart: CHARTS.q5params,
    rule: { kind: "eq", target: 82304 },
    measure: (R) => ({ value: R.fingerprint.parameters, shown: fmt(R.fingerprint.parameters) }),
  },
  {
    id: "toomuch-inference",
    section: "toomuch",
    chapter: "q5",
    snippet: "Inference needs $\\sim 26,000$ (the redux)",
    claim: "Inference needs ~26,000 parameters (the redux)",
    paper: "~26,000",
    ...m("q5"),
    chart: CHARTS.q5params,
    rule: { kind: "abs", target: 26000, tol: 1000 },
    measure: (R) => {
      const r = reduxParams(R);
      return { value: r.total, shown: `${fmt(r.total)} (the tool's redux, ${fmt(r.pct, 3)} % of the model, ${fmt(r.bpc)} bpc)` };
    },
  },
  {
    id: "toomuch-56000",
    section: "toomuch",
    chapter: "q5",
    snippet: "The remaining 56,000 parameters were scaffolding for gradient flow",
    claim: "~56,000 parameters are scaffolding",
    paper: "~56,000",
    ...m("q5"),
    chart: CHARTS.q5params,
    rule: { kind: "abs", target: 56000, tol: 1000 },
    measure: (R) => {
      const r = reduxParams(R);
      const v = R.fingerprint.parameters - r.total;
      return { value: v, shown: `${fmt(v)} = ${fmt(R.fingerprint.parameters)} − ${fmt(r.total)}` };
    },
  },
  {
    id: "toomuch-boolean",
    section: "toomuch",
    chapter: "q1",
    snippet: "But the resulting map is Boolean",
    claim: "The trained map is Boolean (tanh ≡ sgn)",
    paper: "Boolean",
    ...m("boolean"),
    chart: CHARTS.q1dynamics,
    rule: { kind: "atLeast", min: 99.9 },
    measure: (R) => {
      const d = ch(R, "q1").boolean?.derived;
      const v = 100 * num(d?.oneStepAgreement, "the one-step agreement");
      return { value: v, shown: `one Boolean step agrees with the f32 signs on ${fmt(v, 4)} % of bits` };
    },
  },

  // ---------------------------------------------------------------- Open questions (§7)
  {
    id: "open-1",
    section: "open",
    chapter: "q5",
    snippet: "1. Can we *train* the 26,000-parameter redux directly, or does gradient flow require the full 82,304?",
    claim: "Can the 26,000-parameter redux be trained directly?",
    paper: "open",
    ...m("q5"),
    chart: CHARTS.q5params,
    rule: { kind: "none", reason: "open question: needs training experiments, not an analysis of given weights" },
    measure: (R) => {
      const r = reduxParams(R);
      return { value: null, shown: `premise: the redux here has ${fmt(r.total)} parameters at ${fmt(r.bpc)} bpc (full ${fmt(R.fingerprint.parameters)} at ${fmt(R.fingerprint.bpc)})` };
    },
  },
  {
    id: "open-2",
    section: "open",
    chapter: "q1",
    snippet: "(We found no cycles up to period 100 in 50 random starts.)",
    claim: "No cycles up to period 100 in 50 random starts",
    paper: "no cycles",
    ...m("attractor"),
    chart: CHARTS.q1attractors,
    rule: { kind: "eq", target: [0, 0] },
    measure: (R) => {
      const c = cycles(R);
      return { value: [c.period, c.found], shown: `tool: period ${c.period} from its single start; Brent's search: ${c.found} of ${c.starts} starts cycle within ${fmt(c.horizon)} steps` };
    },
    note: "The reference tool checks a single start; the 51-start search is this project's.",
  },
  {
    id: "open-3",
    section: "open",
    chapter: "q6",
    snippet: "3. Can the routing backbone (h54, h121, h78) be explained in terms of the data’s character-level statistics?",
    claim: "Premise: the backbone is h54 ← h121 ← h78",
    paper: "h54 ← h121 ← h78",
    ...m("x6"),
    chart: CHARTS.q6backbone,
    rule: { kind: "eq", target: [54, 121, 78] },
    measure: backboneChain,
  },
  {
    id: "open-4",
    section: "open",
    chapter: "q7",
    snippet: "4. Does the 61% PMI alignment improve with higher-order (3-gram, 4-gram) data statistics?",
    claim: "Premise: 61 % PMI alignment (and does a 3-gram gate improve it?)",
    paper: "61 %",
    ...m("q7"),
    chart: CHARTS.q7trigram,
    rule: { kind: "abs", target: 61, tol: 5 },
    measure: q7overall,
    toward: (R) => {
      const ho = ch(R, "q7").higherOrder;
      return `trigram gate ${fmt(ho.trigramPct, 3)} % vs bigram ${fmt(ho.bigramPct, 3)} % (${ho.trigramPct - ho.bigramPct >= 0 ? "+" : ""}${fmt(ho.trigramPct - ho.bigramPct, 3)} points); 4-grams not measured`;
    },
  },
  {
    id: "open-5",
    section: "open",
    chapter: "q5",
    snippet: "5. Is there a principled way to identify the 20 “good” neurons without running the full model first?",
    claim: "Premise: there are 20 good neurons (top 20 beat the full model)",
    paper: "Δ < 0",
    ...m("q5"),
    chart: CHARTS.q5table,
    rule: { kind: "atMost", max: 0, strict: true },
    measure: (R) => {
      const r = q5row(R, 1);
      const v = num(r.measuredDelta, "the top-20 Δ");
      return { value: v, shown: `top 20 by knockout: Δ = ${v >= 0 ? "+" : ""}${fmt(v)} bpc` };
    },
    toward: (R) => {
      const q3 = ch(R, "q3");
      return `the knockout ranking needs the full model; its top 5: ${(q3.order as number[]).slice(0, 5).map(nh).join(", ")}`;
    },
  },
  ...COMPANION,
];

/** Toward-text for open questions without their own. */
export function towardOf(def: ClaimDef, R: Results, measured: Measured): string | undefined {
  if (def.section !== "open") return undefined;
  if (def.toward) {
    try {
      return def.toward(R);
    } catch {
      return undefined;
    }
  }
  return measured.shown;
}
