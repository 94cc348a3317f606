/**
 * The report's tables as Arrow IPC files and CSV (site: data/tables/<name>.arrow|.csv, extracted by
 * Framework from the report archive, data-loaders/report.ts; data/tables.tar, the "all data" download,
 * holds the Arrow files, schema.json and the chapters' JSON;
 * `sat-rnn analyze --out DIR` writes DIR/tables/).
 *
 * Per-position, per-neuron and the T×H matrices come straight from the run (lib/derived.ts, exact
 * float32 where the engine is float32); the ledger and the chapter tables are the chapters' own
 * outputs (the JSON the pages read), reshaped into rows, so every file agrees with the page that
 * shows it. Each table's schema is documented once, below; schema.json carries those documents
 * (and each table's row count) for the schema page src/data-files.md. The archive also holds the
 * chapters' JSON (json/<name>.json): it is the report's "all data" download.
 *
 * Conventions: positions t = 0 … T−1 (h_t is the state after byte t, predicting byte t+1); bits
 * and bpc are base 2; neuron j is "h<j>" in the text.
 */
import { from as aqFrom } from "arquero";
import { type TableData, type TableDoc, toArrow, toCsv } from "../lib/arrow.ts";
import { derived } from "../lib/derived.ts";
import type { Run } from "../lib/io.ts";
import { VOCAB } from "../lib/model.ts";
import claims, { CHAPTER_BUILDERS } from "./claims.ts";
import { type ChapterBuilder, sharedJson } from "./common.ts";


/** The chapter outputs the tables read, as their JSON files hold them (`data` of each). */
export type ChapterData = Partial<Record<"q1" | "q2" | "q3" | "q4" | "q5" | "q6" | "q7" | "claims", any>>;

/** The documented tables; which exist depends on the chapters at hand (all of them in a build). */
export const TABLE_DOCS = {
  positions: {
    name: "positions",
    title: "Every position: the byte, its prediction, bits paid, margins, flips",
    row: "one prediction t = 0 … T−1 (the state after byte t predicts byte t+1)",
    source: "forward pass (float32 engine); Q1 margins, Q4 saturation, Q6 drivers, Q1 alternative dynamics",
    columns: [
      { name: "t", type: "int32", doc: "position" },
      { name: "input", type: "uint8", doc: "byte t (the input x_t)" },
      { name: "target", type: "uint8", doc: "byte t+1 (what is predicted)" },
      { name: "bits", type: "float64", doc: "bits paid: −log2 P_t(target)" },
      { name: "predicted", type: "uint8", doc: "argmax byte of P_t (first on ties)" },
      { name: "p_predicted", type: "float64", doc: "P_t(predicted)" },
      { name: "p_target", type: "float64", doc: "P_t(target)" },
      { name: "correct", type: "bool", doc: "predicted = target" },
      { name: "margin_min", type: "float32", doc: "min over neurons of the margin |z_t[j]| (pre-activation units)" },
      { name: "margin_min_neuron", type: "int32", doc: "the neuron with the smallest margin (first on ties)" },
      { name: "margin_mean", type: "float32", doc: "mean margin over neurons (float32 running sum / H, as Q1 §M1)" },
      { name: "margins_below_1", type: "int32", doc: "neurons with |z_t[j]| < 1" },
      { name: "margins_below_0_1", type: "int32", doc: "neurons with |z_t[j]| < 0.1" },
      { name: "flips", type: "int32", doc: "neurons whose sign differs from t−1 (0 at t = 0)" },
      { name: "saturated", type: "int32", doc: "neurons with |h_t[j]| ≥ the Q4 saturation level", nullable: true },
      { name: "driver", type: "int32", doc: "Q6: the neuron whose sign flip costs the most bits at t", nullable: true },
      { name: "driver_delta_bits", type: "float64", doc: "Q6: the driver's flip cost in bits (6 significant digits)", nullable: true },
      { name: "bits_sign_readout", type: "float64", doc: "Q1: bits with the readout of sign(h_t) only (4 significant digits)", nullable: true },
      { name: "bits_sign_dynamics", type: "float64", doc: "Q1: bits of the pure Boolean dynamics (4 significant digits)", nullable: true },
      { name: "bits_zero_mantissa", type: "float64", doc: "Q1 X2: bits with every mantissa zeroed (4 significant digits)", nullable: true },
      { name: "patterns_tau_0_01", type: "int32", doc: "Q1 sparsity: weight patterns used at τ = 0.01", nullable: true },
    ],
  },
  neurons: {
    name: "neurons",
    title: "Every neuron: activity, margins, flips, readout and the chapters' measures",
    row: "one hidden neuron j = 0 … H−1",
    source: "forward pass; Q3 knockouts, Q4 volatility, Q2 offsets, Q6 drivers",
    columns: [
      { name: "j", type: "int32", doc: "neuron" },
      { name: "bias", type: "float32", doc: "b_h[j]" },
      { name: "pct_positive", type: "float64", doc: "% of positions with h_t[j] ≥ 0" },
      { name: "mean_h", type: "float64", doc: "mean of h_t[j] over t" },
      { name: "mean_abs_h", type: "float64", doc: "mean of |h_t[j]| over t" },
      { name: "margin_mean", type: "float64", doc: "mean margin |z_t[j]| over t" },
      { name: "margin_min", type: "float32", doc: "smallest margin" },
      { name: "margin_min_t", type: "int32", doc: "first position reaching it" },
      { name: "margins_below_1", type: "int32", doc: "positions with |z_t[j]| < 1" },
      { name: "margins_below_0_1", type: "int32", doc: "positions with |z_t[j]| < 0.1" },
      { name: "flips", type: "int32", doc: "sign changes over t = 1 … T−1 (Q4.1)" },
      { name: "mean_dwell", type: "float64", doc: "X5: mean gap between consecutive flips (null with < 2 flips)", nullable: true },
      { name: "wy_norm", type: "float64", doc: "‖W_y[:, j]‖₂, the readout column's norm" },
      { name: "knockout_delta_bpc", type: "float64", doc: "Q3: bpc change when h[j] is zeroed in the readout", nullable: true },
      { name: "knockout_rank", type: "int32", doc: "Q3: rank by knockout cost (1 = most important)", nullable: true },
      { name: "sign_only_delta_bpc", type: "float64", doc: "Q3: bpc change when h[j] is replaced by its sign", nullable: true },
      { name: "volatility", type: "utf8", doc: "Q4 class: frozen, settled, active or volatile", nullable: true },
      { name: "dwell_mode", type: "int32", doc: "Q4: most frequent gap between flips", nullable: true },
      { name: "offset_dominant_depth", type: "int32", doc: "Q2: depth d at which input changes flip h[j] most", nullable: true },
      { name: "offset_sign_changes", type: "int32", doc: "Q2: sign changes of h[j] over every tested depth", nullable: true },
      { name: "q6_driver_count", type: "int32", doc: "Q6: positions where j is the driver", nullable: true },
    ],
  },
  ledger: {
    name: "ledger",
    title: "The claims ledger",
    row: "one claim of the paper, with the value measured here and the verdict",
    source: "claims ledger (data/claims.json)",
    columns: [
      { name: "id", type: "utf8", doc: "claim id (the ledger's anchor #claim-<id>)" },
      { name: "chapter", type: "utf8", doc: "chapter (model, q1 … q7)", nullable: true },
      { name: "section", type: "utf8", doc: "where in the ledger", nullable: true },
      { name: "location", type: "utf8", doc: "every place in the paper the claim appears, joined by ' | '", nullable: true },
      { name: "claim", type: "utf8", doc: "the claim", nullable: true },
      { name: "paper", type: "utf8", doc: "the paper's value", nullable: true },
      { name: "measured", type: "utf8", doc: "the value measured on these weights", nullable: true },
      { name: "value", type: "float64", doc: "the measured number, when there is one", nullable: true },
      { name: "verdict", type: "utf8", doc: "holds, differs, construction (holds by construction), unreproducible (no model of this layout can reach it) or na (not computable)", nullable: true },
      { name: "distance", type: "utf8", doc: "how far off, in the claim's unit (e.g. '46× smaller')", nullable: true },
      { name: "baseline", type: "float64", doc: "the chance baseline of a share claim, when it has one", nullable: true },
      { name: "interval_lo", type: "float64", doc: "bootstrap 95 % interval, low end (claims on sampled positions)", nullable: true },
      { name: "interval_hi", type: "float64", doc: "bootstrap 95 % interval, high end", nullable: true },
      { name: "reason", type: "utf8", doc: "why this verdict", nullable: true },
      { name: "rule", type: "utf8", doc: "the rule of the verdict", nullable: true },
      { name: "method", type: "utf8", doc: "how it is measured", nullable: true },
    ],
  },
  h: {
    name: "h",
    title: "States h_t (T×H, float32)",
    row: "one position t; column h<j> is h_t[j] = tanhf(z_t[j])",
    source: "forward pass (float32 engine)",
    columns: [] as TableDoc["columns"], // t, h0 … h(H−1): filled per model
  },
  z: {
    name: "z",
    title: "Pre-activations z_t (T×H, float32)",
    row: "one position t; column z<j> is z_t[j] (its absolute value is the margin)",
    source: "forward pass (float32 engine)",
    columns: [] as TableDoc["columns"],
  },
  q1_sparsity: {
    name: "q1_sparsity",
    title: "Q1 sparsity: weight patterns per prediction at each threshold τ",
    row: "one threshold τ",
    source: "Q1 sparsity",
    columns: [
      { name: "tau", type: "float64", doc: "threshold τ (bits)" },
      { name: "mean_patterns", type: "float64", doc: "mean patterns used per prediction" },
      { name: "median_patterns", type: "int32", doc: "median" },
      { name: "min_patterns", type: "int32", doc: "minimum" },
      { name: "max_patterns", type: "int32", doc: "maximum" },
    ],
  },
  q2_offsets: {
    name: "q2_offsets",
    title: "Q2 offsets: sign changes of each neuron per input depth",
    row: "one (neuron j, depth d) pair",
    source: "Q2 offsets",
    columns: [
      { name: "j", type: "int32", doc: "neuron" },
      { name: "d", type: "int32", doc: "depth: the input changed d bytes back" },
      { name: "sign_changes", type: "int32", doc: "tested positions at which h[j] changed sign" },
    ],
  },
  q3_knockouts: {
    name: "q3_knockouts",
    title: "Q3 knockouts: the bpc cost of removing each neuron from the readout",
    row: "one neuron, in knockout rank order",
    source: "Q3 neurons",
    columns: [
      { name: "rank", type: "int32", doc: "1 = most costly to remove" },
      { name: "j", type: "int32", doc: "neuron" },
      { name: "delta_bpc", type: "float64", doc: "bpc change when h[j] is zeroed in the readout" },
      { name: "sign_only_delta_bpc", type: "float64", doc: "bpc change when h[j] is replaced by its sign" },
      { name: "alone_bpc", type: "float64", doc: "bpc with h[j] alone in the readout", nullable: true },
      { name: "readout_norm", type: "float64", doc: "‖W_y[:, j]‖₂" },
      { name: "mean_abs_h", type: "float64", doc: "mean |h_t[j]|" },
    ],
  },
  q3_subsets: {
    name: "q3_subsets",
    title: "Q3 minimal subsets: bpc with the n best neurons",
    row: "one subset size n (every n ≤ 40, then evenly stepped up to H: lib/analyses/q3/neurons.ts curveGrid)",
    source: "Q3 neurons",
    columns: [
      { name: "n", type: "int32", doc: "neurons kept" },
      { name: "bpc", type: "float64", doc: "bpc with those n neurons in the readout" },
      { name: "pct_gain", type: "float64", doc: "% of the full model's gain over 8 bpc" },
    ],
  },
  q4_coflips: {
    name: "q4_coflips",
    title: "Q4 co-flips: pairs of neurons that flip at the same position",
    row: "one pair a < b with at least one co-flip",
    source: "Q4 saturation",
    columns: [
      { name: "a", type: "int32", doc: "first neuron" },
      { name: "b", type: "int32", doc: "second neuron" },
      { name: "co_flips", type: "int32", doc: "positions where both flip" },
      { name: "jaccard", type: "float32", doc: "co-flips / (flips a + flips b − co-flips)" },
    ],
  },
  q4_dwell: {
    name: "q4_dwell",
    title: "Q4 dwell times: how long a neuron keeps its sign",
    row: "one gap length (positions between consecutive flips of a neuron)",
    source: "Q4 saturation",
    columns: [
      { name: "gap", type: "int32", doc: "positions between consecutive flips" },
      { name: "count", type: "int32", doc: "how many gaps of that length, over all neurons" },
    ],
  },
  q5_grid: {
    name: "q5_grid",
    title: "Q5 redux grid: top-k neurons × |W_h| threshold",
    row: "one (k, threshold) cell",
    source: "Q5 redux",
    columns: [
      { name: "k", type: "int32", doc: "neurons kept in the readout" },
      { name: "threshold", type: "float64", doc: "|W_h| entries below it zeroed" },
      { name: "wh_pct_kept", type: "float64", doc: "% of W_h kept" },
      { name: "bpc", type: "float64", doc: "bpc of the reduced model" },
      { name: "params", type: "int32", doc: "parameters by the reference tool's count" },
      { name: "live_params", type: "int32", doc: "parameters that still affect the output" },
    ],
  },
  q5_pruning: {
    name: "q5_pruning",
    title: "Q5 pruning curves: bpc as small weights are zeroed",
    row: "one (matrix, threshold) step",
    source: "Q5 redux",
    columns: [
      { name: "matrix", type: "utf8", doc: "Wh or Wx" },
      { name: "threshold", type: "float64", doc: "|w| below it zeroed" },
      { name: "zeroed", type: "int32", doc: "entries zeroed" },
      { name: "pct_zeroed", type: "float64", doc: "% of the matrix zeroed" },
      { name: "bpc", type: "float64", doc: "bpc after zeroing" },
    ],
  },
  q7_offsets: {
    name: "q7_offsets",
    title: "Q7 alignment per offset: RNN attribution vs data PMI",
    row: "one offset d (bytes back)",
    source: "Q7 algebraic and higher-order analyses",
    columns: [
      { name: "d", type: "int32", doc: "offset" },
      { name: "algebraic_total", type: "float64", doc: "q7_algebraic: total attribution" },
      { name: "algebraic_aligned", type: "float64", doc: "q7_algebraic: attribution aligned with PMI" },
      { name: "algebraic_pct", type: "float64", doc: "q7_algebraic: aligned %" },
      { name: "sensitivity", type: "float64", doc: "higher order: total sensitivity", nullable: true },
      { name: "bigram", type: "float64", doc: "higher order: bigram-aligned sensitivity", nullable: true },
      { name: "trigram", type: "float64", doc: "higher order: trigram-aligned sensitivity", nullable: true },
      { name: "bigram_pct", type: "float64", doc: "higher order: bigram-aligned %", nullable: true },
      { name: "trigram_pct", type: "float64", doc: "higher order: trigram-aligned %", nullable: true },
      { name: "algebraic_chance_pct", type: "float64", doc: "q7_algebraic: chance level, % of the offset's scored pairs whose PMI passes the gate", nullable: true },
      { name: "bigram_chance_pct", type: "float64", doc: "higher order: chance level of the bigram gate at this offset", nullable: true },
      { name: "trigram_chance_pct", type: "float64", doc: "higher order: chance level of the trigram gate at this offset", nullable: true },
    ],
  },
} satisfies Record<string, TableDoc>;

export type TableName = keyof typeof TABLE_DOCS;

const col = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
/** `arr[i]` or null when the chapter (or the array) is absent. */
const at = (arr: ArrayLike<unknown> | undefined, i: number) => (arr && i < arr.length ? (arr[i] ?? null) : null);

function matrix(run: Run, which: "h" | "z"): TableData {
  const { H, T } = run.trace;
  const m = run.trace[which];
  const doc: TableDoc = { ...TABLE_DOCS[which], columns: [{ name: "t", type: "int32", doc: "position" }] };
  const columns: Record<string, ArrayLike<unknown>> = { t: col(T, (t) => t) };
  for (let j = 0; j < H; j++) {
    doc.columns.push({ name: `${which}${j}`, type: "float32", doc: `${which}_t[${j}]` });
    columns[`${which}${j}`] = col(T, (t) => m[t * H + j]);
  }
  return { doc, columns };
}

function positions(run: Run, ch: ChapterData): TableData {
  const { T } = run.trace;
  const d = derived(run.trace);
  const pm = d.positionMargins;
  const pr = d.predictions;
  const data = run.data;
  return {
    doc: TABLE_DOCS.positions,
    columns: {
      t: col(T, (t) => t),
      input: data.subarray(0, T),
      target: data.subarray(1, T + 1),
      bits: run.trace.bits,
      predicted: pr.top,
      p_predicted: pr.pTop,
      p_target: pr.pTrue,
      correct: col(T, (t) => pr.top[t] === data[t + 1]),
      margin_min: pm.min,
      margin_min_neuron: pm.argmin,
      margin_mean: pm.meanF32,
      margins_below_1: pm.below1,
      margins_below_0_1: pm.below01,
      flips: d.flipsPerT,
      saturated: col(T, (t) => at(ch.q4?.nSat, t)),
      driver: col(T, (t) => at(ch.q6?.drivers?.neuron, t)),
      driver_delta_bits: col(T, (t) => at(ch.q6?.drivers?.delta, t)),
      bits_sign_readout: col(T, (t) => at(ch.q1?.predictions?.bitsSignReadout, t)),
      bits_sign_dynamics: col(T, (t) => at(ch.q1?.predictions?.bitsSignDynamics, t)),
      bits_zero_mantissa: col(T, (t) => at(ch.q1?.predictions?.bitsZeroMantissa, t)),
      patterns_tau_0_01: col(T, (t) => at(ch.q1?.sparsity?.perTau2, t)),
    },
  };
}

function neurons(run: Run, ch: ChapterData): TableData {
  const { H, T, h } = run.trace;
  const d = derived(run.trace);
  const nm = d.neuronMargins;
  const { Wy, bh } = run.model;
  const meanH = new Float64Array(H);
  const meanAbs = new Float64Array(H);
  const wyNorm = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    let s = 0;
    let a = 0;
    for (let t = 0; t < T; t++) {
      s += h[t * H + j];
      a += Math.abs(h[t * H + j]);
    }
    meanH[j] = s / T;
    meanAbs[j] = a / T;
    let n = 0;
    for (let o = 0; o < VOCAB; o++) n += Wy[o * H + j] * Wy[o * H + j];
    wyNorm[j] = Math.sqrt(n);
  }
  const order: number[] | undefined = ch.q3?.order;
  const drivers: number[] | undefined = ch.q6?.drivers?.neuron;
  const driverCount = new Int32Array(H);
  if (drivers) for (const j of drivers) if (j >= 0 && j < H) driverCount[j]++;
  return {
    doc: TABLE_DOCS.neurons,
    columns: {
      j: col(H, (j) => j),
      bias: bh,
      pct_positive: col(H, (j) => (100 * d.positives[j]) / T),
      mean_h: meanH,
      mean_abs_h: meanAbs,
      margin_mean: col(H, (j) => nm.sum[j] / T),
      margin_min: nm.min,
      margin_min_t: nm.minT,
      margins_below_1: nm.below1,
      margins_below_0_1: nm.below01,
      flips: d.flips,
      mean_dwell: col(H, (j) => (d.dwellCount[j] ? d.dwellSum[j] / d.dwellCount[j] : null)),
      wy_norm: wyNorm,
      knockout_delta_bpc: col(H, (j) => at(ch.q3?.delta, j)),
      knockout_rank: col(H, (j) => (order ? order.indexOf(j) + 1 || null : null)),
      sign_only_delta_bpc: col(H, (j) => at(ch.q3?.signDelta, j)),
      volatility: col(H, (j) => at(ch.q4?.cls, j)),
      dwell_mode: col(H, (j) => at(ch.q4?.dwellMode, j)),
      offset_dominant_depth: col(H, (j) => at(ch.q2?.dom, j)),
      offset_sign_changes: col(H, (j) => at(ch.q2?.total, j)),
      q6_driver_count: col(H, (j) => (drivers ? driverCount[j] : null)),
    },
  };
}

const str = (v: unknown) => (v == null || v === "" ? null : typeof v === "string" ? v : JSON.stringify(v));

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function ledger(rows: Record<string, unknown>[]): TableData {
  const pick = (k: string, ...alt: string[]) => rows.map((r) => str([k, ...alt].map((n) => r[n]).find((v) => v != null)));
  return {
    doc: TABLE_DOCS.ledger,
    columns: {
      id: rows.map((r, i) => str(r.id) ?? `row-${i}`),
      chapter: pick("chapter"),
      section: pick("section"),
      location: rows.map((r) => (Array.isArray(r.location) ? r.location.join(" | ") : str(r.location))),
      claim: pick("claim"),
      paper: pick("paper"),
      measured: pick("measured"),
      value: rows.map((r) => (typeof r.value === "number" ? r.value : null)),
      verdict: pick("verdict"),
      distance: pick("distance"),
      baseline: rows.map((r) => num((r.baseline as { value?: unknown } | null)?.value)),
      interval_lo: rows.map((r) => num((r.interval as unknown[] | null)?.[0])),
      interval_hi: rows.map((r) => num((r.interval as unknown[] | null)?.[1])),
      reason: pick("reason"),
      rule: pick("rule"),
      method: pick("method"),
    },
  };
}

/** Rows of [a, b, c…] tuples → columns named `names` (in tuple order). */
function tuples(rows: unknown[][], names: string[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  names.forEach((n, k) => (out[n] = rows.map((r) => r[k])));
  return out;
}

/** Every table the chapters at hand allow (positions, neurons, h and z always). */
export function buildTables(run: Run, ch: ChapterData): TableData[] {
  const out: TableData[] = [positions(run, ch), neurons(run, ch), matrix(run, "h"), matrix(run, "z")];
  if (ch.claims?.rows) out.push(ledger(ch.claims.rows));
  const { q1, q2, q3, q4, q5, q7 } = ch;
  if (q1?.sparsity) {
    const s = q1.sparsity;
    out.push({ doc: TABLE_DOCS.q1_sparsity, columns: { tau: s.taus, mean_patterns: s.meanN, median_patterns: s.median, min_patterns: s.min, max_patterns: s.max } });
  }
  if (q2?.N) {
    const { H, D } = q2;
    out.push({ doc: TABLE_DOCS.q2_offsets, columns: { j: col(H * D, (k) => Math.floor(k / D)), d: col(H * D, (k) => (k % D) + 1), sign_changes: q2.N } });
  }
  if (q3?.order) {
    const H = q3.H;
    // rank order with Arquero: neuron columns, then sorted by rank
    const byNeuron = aqFrom(
      col(H, (j) => ({ j, delta_bpc: q3.delta[j], sign_only_delta_bpc: q3.signDelta[j], alone_bpc: q3.alone?.[j] ?? null, readout_norm: q3.norm[j], mean_abs_h: q3.meanAbsH[j] })),
    );
    const ranks = aqFrom(q3.order.map((j: number, k: number) => ({ j, rank: k + 1 })));
    const t = ranks.join(byNeuron, "j").orderby("rank");
    const names = TABLE_DOCS.q3_knockouts.columns.map((c) => c.name);
    out.push({ doc: TABLE_DOCS.q3_knockouts, columns: Object.fromEntries(names.map((n) => [n, t.array(n) as ArrayLike<unknown>])) });
    if (q3.subset) out.push({ doc: TABLE_DOCS.q3_subsets, columns: tuples(q3.subset, ["n", "bpc", "pct_gain"]) });
  }
  if (q4?.pairs) {
    out.push({ doc: TABLE_DOCS.q4_coflips, columns: tuples(q4.pairs, ["a", "b", "co_flips", "jaccard"]) });
    const gaps = col(Math.max(0, q4.dwellHist.length - 1), (k) => k + 1);
    out.push({ doc: TABLE_DOCS.q4_dwell, columns: { gap: gaps, count: gaps.map((g) => q4.dwellHist[g]) } });
  }
  if (q5?.grid) {
    out.push({ doc: TABLE_DOCS.q5_grid, columns: tuples(q5.grid, ["k", "threshold", "wh_pct_kept", "bpc", "params", "live_params"]) });
    const prune = [...q5.whPrune.map((r: unknown[]) => ["Wh", ...r]), ...q5.wxPrune.map((r: unknown[]) => ["Wx", ...r])];
    out.push({ doc: TABLE_DOCS.q5_pruning, columns: tuples(prune, ["matrix", "threshold", "zeroed", "pct_zeroed", "bpc"]) });
  }
  if (q7?.algebraic?.offsets) {
    // the two analyses' per-offset rows, joined on d with Arquero
    const at = (levels: (number | null)[] | undefined, d: number) => levels?.[d - 1] ?? null;
    const alg = aqFrom(q7.algebraic.offsets.map((o: { d: number }) => ({ ...o, algebraic_chance_pct: at(q7.algebraic.chanceByOffset, o.d) })))
      .rename({ total: "algebraic_total", aligned: "algebraic_aligned", pct: "algebraic_pct" });
    const hoRows = (q7.higherOrder?.offsets ?? []).map((o: { d: number }) => ({ ...o, bigram_chance_pct: at(q7.higherOrder.chanceByOffset, o.d), trigram_chance_pct: o.d >= 2 ? at(q7.higherOrder.chance3ByOffset, o.d) : null }));
    const ho = aqFrom(hoRows).rename({ bigramPct: "bigram_pct", trigramPct: "trigram_pct" });
    const t = (ho.numRows() ? alg.join_left(ho, "d") : alg).orderby("d");
    const names = TABLE_DOCS.q7_offsets.columns.map((c) => c.name);
    out.push({ doc: TABLE_DOCS.q7_offsets, columns: Object.fromEntries(names.map((n) => [n, t.columnNames().includes(n) ? (t.array(n) as ArrayLike<unknown>) : col(t.numRows(), () => null)])) });
  }
  return out;
}

/**
 * The T×H matrices' files (h and z, Arrow + CSV: most of the tables' bytes and time), once per Run.
 * They depend on the trace alone, so a report can write them while its helper thread is still busy.
 */
const matrixMemo = new WeakMap<Run, Map<string, { arrow: Uint8Array; csv: string }>>();
export function matrixFiles(run: Run): Map<string, { arrow: Uint8Array; csv: string }> {
  let m = matrixMemo.get(run);
  if (!m) {
    m = new Map();
    for (const which of ["h", "z"] as const) {
      const t = matrix(run, which);
      m.set(t.doc.name, { arrow: toArrow(t), csv: toCsv(t) });
    }
    matrixMemo.set(run, m);
  }
  return m;
}

/** schema.json: each table's documentation and row count, and the inputs' fingerprint. */
export function schemaOf(run: Run, tables: TableData[]) {
  return {
    fingerprint: run.fingerprint,
    tables: tables.map((t) => ({ ...t.doc, rows: t.columns[t.doc.columns[0].name].length })),
  };
}

/** The archive's files: <name>.arrow and <name>.csv per table, schema.json, and json/<chapter>.json. */
export function tableFiles(run: Run, ch: ChapterData, json: Record<string, string> = {}): Map<string, string | Uint8Array> {
  const tables = buildTables(run, ch);
  const files = new Map<string, string | Uint8Array>();
  const pre = matrixFiles(run);
  for (const t of tables) {
    const done = pre.get(t.doc.name);
    files.set(`${t.doc.name}.arrow`, done?.arrow ?? toArrow(t));
    files.set(`${t.doc.name}.csv`, done?.csv ?? toCsv(t));
  }
  files.set("schema.json", JSON.stringify(schemaOf(run, tables)));
  for (const [name, text] of Object.entries(json)) files.set(`json/${name}.json`, text);
  return files;
}

/** The chapters' outputs as the site stores them (common.ts sharedJson: each computed once per build). */
export function chapterJson(run: Run): { json: Record<string, string>; chapters: ChapterData } {
  const json: Record<string, string> = {};
  const chapters: ChapterData = {};
  const builders = { ...CHAPTER_BUILDERS, claims } as Record<string, ChapterBuilder>;
  for (const [name, builder] of Object.entries(builders)) {
    json[name] = sharedJson(name, builder, run);
    chapters[name as keyof ChapterData] = JSON.parse(json[name]).data;
  }
  return { json, chapters };
}

/** data/tables.tar: every table (Arrow + CSV), schema.json and the chapters' JSON. */
export default function build(run: Run): Map<string, string | Uint8Array> {
  const { json, chapters } = chapterJson(run);
  return tableFiles(run, chapters, json);
}
