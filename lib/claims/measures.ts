/**
 * Named measures over the chapters' typed results: each turns the chapter outputs (as the site
 * stores them) into the value a claim's rule judges, the text a reader sees, and — where it
 * applies — a chance baseline and a bootstrap 95 % interval. Analysis lives in lib/analyses and
 * the chapter builders; these only read their results. Shared by every claim that names them.
 */
import type q1 from "../../data-loaders/q1.ts";
import type q2 from "../../data-loaders/q2.ts";
import type q3 from "../../data-loaders/q3.ts";
import type q4 from "../../data-loaders/q4.ts";
import type q5 from "../../data-loaders/q5.ts";
import type q6 from "../../data-loaders/q6.ts";
import type q7 from "../../data-loaders/q7.ts";
import type q7all from "../../data-loaders/q7all.ts";
import type { Fingerprint } from "../io.ts";
import { dominantDepths, medianDepth } from "../analyses/q2/offsets.ts";
import { type MeasureName, PAPER_TABLES } from "./registry.ts";

/** The chapter results a measure reads (each chapter builder's output; absent if it failed). */
export interface Results {
  fingerprint: Fingerprint;
  q1?: ReturnType<typeof q1>;
  q2?: ReturnType<typeof q2>;
  q3?: ReturnType<typeof q3>;
  q4?: ReturnType<typeof q4>;
  q5?: ReturnType<typeof q5>;
  q6?: ReturnType<typeof q6>;
  q7?: ReturnType<typeof q7>;
  /** Q7 alignment per position over every prediction (data-loaders/q7all.ts). */
  q7all?: ReturnType<typeof q7all>;
  /** Chapters still being computed (premeasure): a measure that reads one is taken later. */
  pending?: ReadonlySet<string>;
}

export interface Baseline {
  value: number;
  /** What chance means here, e.g. "permuted attributions". */
  how: string;
}

export interface Measured {
  /** The value the rule judges (null: not computable, with `reason`). */
  value: number | number[] | null;
  /** The value as a reader sees it, with context. */
  shown: string;
  reason?: string;
  baseline?: Baseline;
  /** Bootstrap 95 % interval of `value` (resampling positions). */
  interval?: [number, number];
  /** What the value is measured on, when it is a sample ("8 sampled positions"). */
  sample?: string;
}

/** Raised by a measure whose inputs are missing or undefined: the row is "not computable". */
export class Missing extends Error {}
/** Raised by a measure that reads a chapter still being computed (Results.pending): measured later. */
export class NotReady extends Error {}

type ChapterKey = "q1" | "q2" | "q3" | "q4" | "q5" | "q6" | "q7" | "q7all";
function ch<K extends ChapterKey>(R: Results, q: K): NonNullable<Results[K]> {
  if (R.pending?.has(q)) throw new NotReady(q);
  const d = R[q];
  if (d === undefined || d === null) throw new Missing(`the ${q.toUpperCase()} results are not available`);
  return d as NonNullable<Results[K]>;
}
/** A finite number, or Missing naming what is undefined. */
function num(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Missing(`${what} is undefined on this model and corpus`);
  return v;
}
export function fmt(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || (a >= 1e6 && !Number.isInteger(v)) || a >= 1e9)) return v.toExponential(2).replace(/e\+?/, "×10^");
  if (Number.isInteger(v) && a >= 1000) return v.toLocaleString("en-US");
  return String(Number(v.toPrecision(digits)));
}
const sgn = (v: number, d = 4) => `${v >= 0 ? "+" : ""}${fmt(v, d)}`;
const nh = (j: number) => (j >= 0 ? `h${j}` : "none");
/** Throws Missing when the model lacks a neuron the claim names. */
function has(R: Results, ...js: number[]) {
  const bad = js.filter((j) => j >= R.fingerprint.H);
  if (bad.length) throw new Missing(`the model has only ${R.fingerprint.H} neurons, so ${bad.map(nh).join(", ")} does not exist`);
}

// ---- bootstrap --------------------------------------------------------------------------------

/** Deterministic PRNG (mulberry32), so the ledger is the same on every build. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const BOOTSTRAP = { resamples: 1000, seed: 12345 };

/**
 * Percentile bootstrap 95 % interval of stat(sample) over `units` resampled with replacement
 * (units are positions). Non-finite resample statistics are dropped; null if none is finite.
 */
export function bootstrap<U>(units: readonly U[], stat: (us: readonly U[]) => number, B = BOOTSTRAP.resamples): [number, number] | undefined {
  if (units.length < 2) return undefined;
  const r = rng(BOOTSTRAP.seed);
  const vals: number[] = [];
  const pick: U[] = new Array(units.length);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < units.length; i++) pick[i] = units[Math.floor(r() * units.length)];
    const v = stat(pick);
    if (Number.isFinite(v)) vals.push(v);
  }
  if (!vals.length) return undefined;
  vals.sort((x, y) => x - y);
  const q = (p: number) => vals[Math.min(vals.length - 1, Math.max(0, Math.round(p * (vals.length - 1))))];
  return [q(0.025), q(0.975)];
}

/**
 * bootstrap() for a statistic of column sums over the resampled units (a mean, a pooled share):
 * `cols[c][i]` is unit i's value in column c, and `stat(sums, n)` sees each column summed over a
 * replicate's draws, in draw order. The same draws and the same additions as bootstrap() with the
 * equivalent stat, so the same interval, bit for bit, without an array of picks per replicate and
 * a callback per unit (64 KB corpora: 6.5 × 10⁷ draws per interval; the ledger's 7 s → 5 s).
 */
export function bootstrapSums(cols: readonly ArrayLike<number>[], stat: (sums: Float64Array, n: number) => number, B = BOOTSTRAP.resamples): [number, number] | undefined {
  const n = cols[0]?.length ?? 0;
  if (n < 2) return undefined;
  const data = cols.map((c) => Float64Array.from(c));
  const r = rng(BOOTSTRAP.seed);
  const vals: number[] = [];
  const sums = new Float64Array(cols.length);
  for (let b = 0; b < B; b++) {
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const k = Math.floor(r() * n);
      for (let c = 0; c < data.length; c++) sums[c] += data[c][k];
    }
    const v = stat(sums, n);
    if (Number.isFinite(v)) vals.push(v);
  }
  if (!vals.length) return undefined;
  vals.sort((x, y) => x - y);
  const q = (p: number) => vals[Math.min(vals.length - 1, Math.max(0, Math.round(p * (vals.length - 1))))];
  return [q(0.025), q(0.975)];
}
/** Σ column `k` / Σ column 0 of bootstrapSums' sums, in % (a pooled share; NaN when nothing is pooled). */
const sharePct = (k: number) => (s: Float64Array) => (s[0] > 0 ? (100 * s[k]) / s[0] : NaN);
/** Σ / n of bootstrapSums' one column, times `scale` (a mean; × 100 for a share of 0/1 hits). */
const meanOf = (scale: number) => (s: Float64Array, n: number) => (scale * s[0]) / n;

/**
 * Bootstrap interval of a statistic of the neurons' dominant depths (Q2), the test positions
 * resampled: each resample's counts N are rebuilt from the positions' own flips (q2.flipsAt).
 */
function domInterval(R: Results, stat: (dom: Int32Array) => number): [number, number] | undefined {
  const q2 = ch(R, "q2");
  const flipsAt: number[][] | undefined = q2.flipsAt;
  if (!flipsAt) return undefined;
  const N = new Int32Array(q2.H * q2.D);
  return bootstrap(flipsAt, (ps) => {
    N.fill(0);
    for (const cells of ps) for (const c of cells) N[c]++;
    return stat(dominantDepths(N, q2.H, q2.D).dom);
  });
}

// ---- Q1 ---------------------------------------------------------------------------------------

const margins = (R: Results) => ch(R, "q1").margins;
const dyn = (R: Results) => {
  const d = ch(R, "q1").dynamics;
  return { full: num(d.full, "the float32 bpc"), sign: num(d.signOnly, "the sign-only bpc"), zm: num(d.zeroMantissa, "the zero-mantissa bpc"), signReadout: num(d.signReadout, "the sign-readout bpc"), diffs: d.zeroMantissaSignDiffs };
};
const signShare = (R: Results) => {
  const d = dyn(R);
  if (8 - d.full <= 0) throw new Missing("the model compresses nothing (≥ 8 bpc), so a share of the compression is undefined");
  return { ...d, share: (100 * (8 - d.sign)) / (8 - d.full) };
};
const sparsityAt = (R: Results, key: "meanN" | "median") => {
  const s = ch(R, "q1").sparsity;
  return PAPER_TABLES.q1Taus.map((tau) => {
    const k = s.taus.findIndex((t) => Math.abs(t - tau) <= 1e-9 * tau);
    if (k < 0) throw new Missing(`τ = ${tau} is not in the sparsity table`);
    return num(s[key][k], `the sparsity ${key} at τ = ${tau}`);
  });
};
const cyc = (R: Results) => {
  const a = ch(R, "q1").attractors;
  return { period: num(a.period, "the cycle period"), found: num(a.cycles?.cyclesFound, "the cycle search"), horizon: a.cycles?.horizon, starts: a.cycles?.starts?.length, conv: num(a.meanConvergence, "the convergence step"), unique: num(a.uniqueFinals, "the unique final states") };
};

// ---- Q2 ---------------------------------------------------------------------------------------

/** Bootstrap interval of the share (%) of sign changes at `depths`, resampling Q2's test positions. */
function q2Interval(R: Results, depths: readonly number[]): [number, number] | undefined {
  const q2 = ch(R, "q2");
  const D = q2.D;
  if (!Array.isArray(q2.changes) || q2.changes.length !== q2.positions.length * D) return undefined;
  const rows = q2.positions.map((_, p) => q2.changes.slice(p * D, (p + 1) * D).map((c) => Math.max(0, c)));
  return bootstrap(rows, (rs) => {
    let all = 0;
    let sel = 0;
    for (const r of rs) for (let d = 1; d <= D; d++) {
      all += r[d - 1];
      if (depths.includes(d)) sel += r[d - 1];
    }
    return all > 0 ? (100 * sel) / all : NaN;
  });
}

// ---- Q5 ---------------------------------------------------------------------------------------

const q5row = (R: Results, i: number) => {
  const t = ch(R, "q5").paperTable;
  const row = t?.[i];
  if (!row) throw new Missing("the minimal-model table is not available");
  return row;
};
const rowBpc = (i: number) => (R: Results): Measured => {
  const r = q5row(R, i);
  const v = num(r.measuredBpc, `the bpc of “${r.label}”`);
  return { value: v, shown: `${fmt(v)} bpc (Δ ${sgn(r.measuredDelta)})` };
};
const rowDelta = (i: number) => (R: Results): Measured => {
  const r = q5row(R, i);
  const v = num(r.measuredDelta, `the Δ of “${r.label}”`);
  return { value: v, shown: `${r.label}: Δ = ${sgn(v)} bpc (${fmt(r.measuredBpc)} bpc)` };
};
const rowParams = (i: number) => (R: Results): Measured => {
  const r = q5row(R, i);
  const v = num(r.measuredParams, `the parameter count of “${r.label}”`);
  return { value: v, shown: `${fmt(v)} (the tool's convention: W_x in full + kept W_h + b_h + 256k + b_y)${Number.isFinite(r.liveParams) ? `; ${fmt(r.liveParams)} live` : ""}` };
};
const redux = (R: Results) => {
  const r = ch(R, "q5").redux;
  return { total: num(r.total, "the redux parameter count"), bpc: r.bpc, k: r.k, thr: r.hardThr, pct: r.pct };
};

// ---- Q6 ---------------------------------------------------------------------------------------

const q6all = (R: Results) => {
  const q6 = ch(R, "q6");
  if (!q6.routingAll?.predictions) throw new Missing("no prediction could be justified (corpus too short)");
  return q6;
};
/** Tree slots a neuron can fill (kept + hop-1 sources + hop-2 source), from the sampled trees. */
const slotsPerTree = (R: Results) => {
  const s = ch(R, "q6").sample;
  if (!s.length) throw new Missing("no sampled tree (corpus too short)");
  const n = s[0].neurons;
  return n.length + n.reduce((a, x) => a + x.sources.length, 0) + n.filter((x) => x.hop2).length;
};
const routes = (R: Results, js: number[]): Measured => {
  has(R, ...js);
  const q6 = q6all(R);
  const P = q6.routingAll.predictions;
  const expected = (P * slotsPerTree(R)) / R.fingerprint.H;
  const seen = js.map((j) => {
    const a = q6.paperNeurons.find((p) => p.j === j)?.all;
    return a ? a.kept + a.hop1 + a.hop2 : 0;
  });
  const ratio = Math.min(...seen) / expected;
  return {
    value: ratio,
    shown: `${js.map((j, i) => `h${j}: ${seen[i]}`).join(", ")} appearances over ${P} trees; a neuron gets ${fmt(expected, 3)} in random trees of the same size (ratio ${fmt(ratio, 3)})`,
    baseline: { value: 1, how: "random trees of the same size (uniform neurons)" },
  };
};
const topSource = (R: Results, target: number): Measured => {
  has(R, 54, 121, 78);
  const q6 = q6all(R);
  const edges = [...(q6.routingAll.hop1Edges ?? [])].filter((e) => e.target === target).sort((a, b) => b.count - a.count || a.source - b.source);
  const top = edges[0];
  return { value: top ? top.source : -1, shown: top ? `h${target}'s most frequent source over all ${q6.routingAll.predictions} trees: h${top.source} (${top.count}×)` : `h${target} is not among the most frequent edges of the ${q6.routingAll.predictions} trees` };
};

// ---- Q7 ---------------------------------------------------------------------------------------

type Pair = { t: number; d: number; mass: number; gated: boolean };
const share = (ps: readonly Pair[]) => {
  let m = 0;
  let a = 0;
  for (const p of ps) {
    m += p.mass;
    if (p.gated) a += p.mass;
  }
  return m > 0 ? (100 * a) / m : NaN;
};
/** Groups pairs by position (bootstrap units). */
function byPosition<P extends Pair>(ps: P[]): P[][] {
  const m = new Map<number, P[]>();
  for (const p of ps) (m.get(p.t) ?? m.set(p.t, []).get(p.t)!).push(p);
  return [...m.values()];
}
/**
 * Per-position subtotals as columns for bootstrapSums: [Σ mass, Σ mass of pairs passing gate 1,
 * …], one entry per position. A share over resampled positions is the ratio of their summed
 * subtotals, so a bootstrap replicate costs one pass over positions, not over every pair (the
 * 64 KB corpora have ~10⁵ pairs and 1000 replicates).
 */
const subtotals = (units: Pair[][], gates: ((p: Pair, i: number) => boolean)[]): Float64Array[] => {
  const cols = Array.from({ length: 1 + gates.length }, () => new Float64Array(units.length));
  units.forEach((u, q) =>
    u.forEach((p, i) => {
      cols[0][q] += p.mass;
      gates.forEach((g, k) => {
        if (g(p, i)) cols[k + 1][q] += p.mass;
      });
    }),
  );
  return cols;
};
function alignMeasure(ps: Pair[], lo: number, hi: number, label: string, where: string): Measured {
  const inBin = ps.filter((p) => p.d >= lo && p.d <= hi);
  const v = share(inBin);
  if (!inBin.length || !Number.isFinite(v)) throw new Missing(`no (position, offset) pair with d = ${lo}–${hi} could be scored (corpus too short)`);
  const base = (100 * inBin.filter((p) => p.gated).length) / inBin.length;
  const units = byPosition(inBin);
  const interval = bootstrapSums(subtotals(units, [(p) => p.gated]), sharePct(1));
  return {
    value: v,
    shown: `${label} d = ${lo}–${hi}: ${fmt(v, 3)} % of |Δ| on pairs with PMI > 0.5; chance ${fmt(base, 3)} %`,
    baseline: { value: base, how: "permuted attributions: the share of scored pairs that pass the PMI gate" },
    interval,
    sample: `${units.length} positions (${where})`,
  };
}
const algPairs = (R: Results): Pair[] => {
  const a = ch(R, "q7").algebraic;
  const gate = ch(R, "q7").gate;
  return a.positions.flatMap((p) => p.rows.map((r) => ({ t: p.t, d: r.d, mass: Math.abs(r.delta ?? 0), gated: (r.pmi ?? -Infinity) > gate })));
};
/** Higher-order points [t, d, |Δ|, PMI, PMI3] as pairs gated by the bigram (3 → PMI) or trigram (4 → PMI3) statistic. */
const hoPairs = (R: Results, col: 3 | 4): Pair[] => {
  const q7 = ch(R, "q7");
  const pts = q7.higherOrder.points;
  const out: Pair[] = [];
  for (let i = 0; i + 4 < pts.length; i += 5) out.push({ t: pts[i] ?? 0, d: pts[i + 1] ?? 0, mass: pts[i + 2] ?? 0, gated: (pts[i + col] ?? -Infinity) > q7.gate });
  return out;
};
const MAXD = 20;

/**
 * q7_algebraic's alignment over every prediction, pooled over a bin, with its chance level
 * (permuted attributions) and a bootstrap interval over positions; the tool's 8-position value is
 * shown alongside.
 */
function alignAllPositions(R: Results, bin: "shallow" | "mid" | "deep" | "all", lo: number, hi: number): Measured {
  const b = ch(R, "q7all").bins.find((x) => x.name === bin);
  if (!b) throw new Missing(`the Q7 "${bin}" bin over all positions is not available`);
  const idx = b.mass.map((_, i) => i).filter((i) => b.pairs[i] > 0);
  const pooled = (is: readonly number[]) => {
    let m = 0;
    let a = 0;
    for (const i of is) {
      m += b.mass[i];
      a += b.aligned[i];
    }
    return m > 0 ? (100 * a) / m : NaN;
  };
  const v = pooled(idx);
  if (!idx.length || !Number.isFinite(v)) throw new Missing(`no (position, offset) pair with d = ${lo}–${hi} could be scored (corpus too short)`);
  const pairs = idx.reduce((s, i) => s + b.pairs[i], 0);
  const base = (100 * idx.reduce((s, i) => s + b.gated[i], 0)) / pairs;
  let tool = "";
  try {
    tool = `; the tool's ${ch(R, "q7").algebraic.positions.length} positions give ${fmt(share(algPairs(R).filter((p) => p.d >= lo && p.d <= hi)), 3)} %`;
  } catch (e) {
    if (e instanceof NotReady) throw e;
    tool = "";
  }
  return {
    value: v,
    shown: `q7_algebraic over all ${idx.length} predictions, d = ${lo}–${hi}: ${fmt(v, 3)} % of |Δ| on pairs with PMI > 0.5; chance ${fmt(base, 3)} %${tool}`,
    baseline: { value: base, how: "permuted attributions: the share of scored pairs that pass the PMI gate" },
    interval: bootstrapSums([idx.map((i) => b.mass[i]), idx.map((i) => b.aligned[i])], sharePct(1)),
    sample: `all ${idx.length} positions`,
  };
}

// ---- the registry of measures -------------------------------------------------------------------

export type MeasureFn = (R: Results) => Measured;

export const MEASURES: Record<MeasureName, MeasureFn> = {
  // model
  hidden: (R) => ({ value: R.fingerprint.H, shown: `H = ${R.fingerprint.H}` }),
  bpc: (R) => {
    const v = num(R.fingerprint.bpc, "the bpc");
    const fp = R.fingerprint;
    // which bytes it is judged on: the whole corpus, or the analysis window of a longer one (in-sample)
    const basis = fp.corpusTotalBytes > fp.corpusBytes ? `in-sample: the first ${fp.corpusBytes} of ${fp.corpusTotalBytes} bytes, held-out bpc on the model card` : "the whole corpus";
    return { value: v, shown: `${fmt(v)} bpc (float32, ${fp.predictions} predictions; ${basis})` };
  },
  corpusBytes: (R) => ({ value: R.fingerprint.corpusBytes, shown: `${R.fingerprint.corpusBytes} bytes of ${R.fingerprint.corpusFile}` }),
  parameters: (R) => ({ value: R.fingerprint.parameters, shown: `${fmt(R.fingerprint.parameters)} parameters (H = ${R.fingerprint.H})` }),
  predictions: (R) => ({ value: R.fingerprint.predictions, shown: `${R.fingerprint.predictions} predictions on ${R.fingerprint.corpusBytes} bytes` }),
  weightBits: (R) => ({ value: null, shown: `the weights hold ${fmt(32 * R.fingerprint.parameters)} bits (32 × ${fmt(R.fingerprint.parameters)})` }),

  // Q1
  marginAbove1: (R) => {
    const m = margins(R);
    const v = num(m.pctAbove1, "the margin share");
    return { value: v, shown: `${fmt(v, 4)} % of ${fmt(m.total)} neuron-steps have |z| ≥ 1 (${fmt(m.pctSmall, 3)} % below)` };
  },
  meanMargin: (R) => {
    const v = num(margins(R).globalMean, "the mean margin");
    return { value: v, shown: fmt(v) };
  },
  marginBelow01: (R) => {
    const m = margins(R);
    const v = num(m.pctTiny, "the tiny-margin share");
    return { value: v, shown: `${fmt(v, 4)} % (${fmt(m.tiny)} neuron-steps)` };
  },
  marginBin05: (R) => {
    const m = margins(R);
    const v = (100 * num(m.hist[0], "the first margin bin")) / num(m.total || NaN, "the neuron-step count");
    return { value: v, shown: `${fmt(v, 4)} % of neuron-steps have |z| in [0, 5)` };
  },
  smallestMarginNeuron: (R) => {
    const m = margins(R);
    if (!m.order?.length) throw new Missing("no margins");
    const j = m.order[0];
    const r54 = m.order.indexOf(54);
    return { value: j, shown: `smallest: h${j} (${fmt(m.neuronMean[j], 3)})${r54 >= 0 ? `; h54: ${fmt(m.neuronMean[54], 3)}, rank ${r54 + 1} of ${m.order.length}` : ""}` };
  },
  maxPert: (R) => {
    const m = margins(R);
    const v = num(m.maxPert, "the mantissa bound");
    return { value: v, shown: `${fmt(v, 3)} (at h${m.pert.indexOf(Math.max(...m.pert))})` };
  },
  meanSafety: (R) => {
    const m = margins(R);
    let s = 0;
    let n = 0;
    for (let j = 0; j < m.neuronMean.length; j++) if (m.pert[j] > 0) (s += m.neuronMean[j] / m.pert[j]), n++;
    if (!n) throw new Missing("no neuron has a non-zero perturbation bound");
    const v = s / n;
    return { value: v, shown: `${fmt(v, 3)} (mean over neurons of mean |z_j| ÷ bound_j)` };
  },
  minSafety: (R) => {
    const m = margins(R);
    const v = num(m.safety, "the safety factor");
    return { value: v, shown: `${fmt(v, 3)} (smallest |z| ever ${fmt(m.minMarginEver, 3)} ÷ largest bound ${fmt(m.maxPert, 3)})` };
  },
  signOnlyMinusFull: (R) => {
    const d = dyn(R);
    return { value: d.sign - d.full, shown: `sign-only ${fmt(d.sign)} vs f32 ${fmt(d.full)} bpc: Δ = ${sgn(d.sign - d.full)}` };
  },
  signChannelShare: (R) => {
    const s = signShare(R);
    return { value: s.share, shown: `sign-only ${fmt(s.sign)} vs f32 ${fmt(s.full)} bpc: ${fmt(s.share, 4)} % of the compression` };
  },
  signReadoutMinusFull: (R) => {
    const d = dyn(R);
    return { value: d.signReadout - d.full, shown: `sign readout ${fmt(d.signReadout)} vs f32 ${fmt(d.full)} bpc: Δ = ${sgn(d.signReadout - d.full)}` };
  },
  zeroMantissaDelta: (R) => {
    const d = dyn(R);
    return { value: d.zm - d.full, shown: `zero-mantissa ${fmt(d.zm)} vs f32 ${fmt(d.full)} bpc: Δ = ${sgn(d.zm - d.full)}` };
  },
  zeroMantissaBpc: (R) => ({ value: dyn(R).zm, shown: `${fmt(dyn(R).zm)} bpc` }),
  mantissaFlipsPerStep: (R) => {
    const q1 = ch(R, "q1");
    const diffs = num(q1.dynamics.zeroMantissaSignDiffs, "the zero-mantissa sign differences");
    const v = diffs / num(q1.T || NaN, "the step count");
    return { value: v, shown: `${fmt(v, 3)} per step (${fmt(diffs)} neuron-steps differ in sign, over ${q1.T} steps)` };
  },
  mantissaShareAndDelta: (R) => {
    const s = signShare(R);
    return { value: [100 - s.share, s.zm - s.full], shown: `mantissa share ${fmt(100 - s.share, 4)} %; zero-mantissa Δ = ${sgn(s.zm - s.full)} bpc` };
  },
  oneStepAgreement: (R) => {
    const d = ch(R, "q1").boolean.derived;
    const v = 100 * num(d.oneStepAgreement, "the one-step agreement");
    return { value: v, shown: `one Boolean step agrees with the f32 signs on ${fmt(v, 5)} % of bits; free-running on ${fmt(100 * d.freeRunAgreement, 4)} %` };
  },
  sensitivity: (R) => {
    const v = num(ch(R, "q1").boolean.meanSensitivity, "the flip sensitivity");
    return { value: v, shown: `${fmt(v)} (one Boolean state, q1_boolean)` };
  },
  fanIn: (R) => {
    const v = num(ch(R, "q1").boolean.meanFanIn, "the fan-in");
    return { value: v, shown: `${fmt(v)} of ${R.fingerprint.H}` };
  },
  whMeanPositive: (R) => {
    const s = ch(R, "q1").boolean.signs;
    const v = num(s.meanPositive, "the mean positive weight");
    return { value: v, shown: `${fmt(v, 3)}; ${s.positive} positive / ${s.negative} negative / ${s.nearZero} near zero` };
  },
  meanInfluence: (R) => {
    const i = ch(R, "q1").influence;
    const v = num(i.meanInfluence, "the mean influence");
    return { value: v, shown: `${fmt(v, 3)} per edge (out-degree ${fmt(i.meanOutDegree, 3)})` };
  },
  topEdge: (R) => {
    const e = ch(R, "q1").influence.topEdges[0];
    if (!e) throw new Missing("no influence edge");
    return { value: [e.j, e.i], shown: `h${e.j} → h${e.i} (${fmt(e.frac, 3)})` };
  },
  uniqueFinals: (R) => {
    const c = cyc(R);
    return { value: [c.unique, c.conv], shown: `${c.unique}/50 unique final states; mean convergence step ${fmt(c.conv)} (100 = none converged)` };
  },
  cyclesAndConvergence: (R) => {
    const c = cyc(R);
    return { value: [c.found, c.conv], shown: `${c.found} of ${c.starts} starts cycle within ${fmt(c.horizon)} steps (tool's single start: period ${c.period}); mean convergence step ${fmt(c.conv)}` };
  },
  repeatedStates: (R) => {
    const b = ch(R, "q1").boolean;
    const T = num(ch(R, "q1").T || NaN, "the step count");
    if (T < 2) throw new Missing("one position cannot repeat a state");
    return { value: T - b.uniqueStates, shown: `${b.uniqueStates}/${T} distinct Boolean states (f32 signs: ${b.derived.f32UniqueSigns}/${T})` };
  },
  attributionTop: (R) => {
    const a = ch(R, "q1").attractors.attribution;
    const top = a.top[0];
    if (!top) throw new Missing("no attribution at the probe position");
    return { value: top.j, shown: `at t = ${a.t}: h${top.j} ${sgn(top.delta, 3)} bpc` };
  },
  flipsPerStep: (R) => {
    const v = num(ch(R, "q1").boolean.derived.meanFlipsF32, "the flips per step");
    return { value: v, shown: `${fmt(v)} sign flips per step` };
  },
  mostVolatile: (R) => {
    const f = ch(R, "q1").boolean.derived.flipsPerNeuron;
    if (!f.length || Math.max(...f) === 0) throw new Missing("no neuron flips (corpus too short)");
    const j = f.indexOf(Math.max(...f));
    return { value: j, shown: `most volatile: h${j} (${f[j]} flips)${f.length > 54 ? `; h54: ${f[54]} flips` : ""}` };
  },
  significant: (R) => {
    const g = ch(R, "q1").sparsity.sig;
    return { value: [g.wx, g.wh, g.wy, g.total], shown: `${fmt(g.wx)} / ${fmt(g.wh)} / ${fmt(g.wy)} = ${fmt(g.total)}` };
  },
  significantTotal: (R) => {
    const g = ch(R, "q1").sparsity.sig;
    return { value: g.total, shown: `${fmt(g.total)} at |w| > 0.01` };
  },
  sparsityMean: (R) => {
    const v = sparsityAt(R, "meanN");
    return { value: v, shown: v.map((x) => fmt(x, 5)).join(" / ") };
  },
  sparsityMedian: (R) => {
    const v = sparsityAt(R, "median");
    return { value: v, shown: v.map((x) => fmt(x, 5)).join(" / ") };
  },
  whActiveShare: (R) => {
    const s = ch(R, "q1").sparsity;
    const k = s.taus.findIndex((t) => Math.abs(t - 0.01) < 1e-9);
    const v = num(s.whShare[k], "the W_h share of active patterns");
    return { value: v, shown: `${fmt(v, 4)} %` };
  },
  neverActive: (R) => {
    const n = ch(R, "q1").sparsity.never;
    return { value: [n.wx, n.wh, n.wy, n.total], shown: `${fmt(n.wx)} / ${fmt(n.wh)} / ${fmt(n.wy)} = ${fmt(n.total)}` };
  },
  depthProfile: (R) => {
    const dm = ch(R, "q1").sparsity.depthMass;
    const v = PAPER_TABLES.q1Depths.map((d) => {
      if (d >= dm.length) throw new Missing(`the depth profile stops at d = ${dm.length - 1} on this corpus`);
      return num(dm[d], `the depth mass at d = ${d}`);
    });
    return { value: v, shown: v.map((x) => fmt(x, 4)).join(", ") };
  },
  depthPeak: (R) => {
    const s = ch(R, "q1").sparsity;
    const d = num(s.peakD, "the depth peak");
    if (d < 0) throw new Missing("the depth profile has a single depth");
    return { value: [d, num(s.peakRatio, "the peak ratio")], shown: `peak at d = ${d}, ${fmt(s.peakRatio, 5)}× the d = 0 mass` };
  },
  leverage: (R) => {
    const l = ch(R, "q1").leverage;
    const s = num(l.ratio[0], "the leverage ratio");
    const e = num(l.ratio[1], "the leverage ratio");
    // past a size X1 runs on evenly spaced positions: the intervals are over those (bootstrap)
    const iv = l.ratioInterval;
    const where = l.positions === l.predictions ? `all ${l.positions} positions` : `${l.positions} evenly spaced of ${l.predictions} positions`;
    const ci = iv ? `; 95 % intervals over the positions ${fmt(iv.sign[0], 3)}–${fmt(iv.sign[1], 3)} and ${fmt(iv.exponent[0], 3)}–${fmt(iv.exponent[1], 3)}` : "";
    return { value: [s, e], shown: `${fmt(s, 3)} : ${fmt(e, 3)} : 1 (${where}${ci})`, ...(iv ? { sample: where } : {}) };
  },
  rho11: (R) => {
    const rho = ch(R, "q1").rho;
    const v = num(rho.values[10], "ρ at depth 11");
    return { value: v, shown: `ρ(11) = ${fmt(v, 5)}; ρ ≥ 0.9995 from D = ${rho.depth ?? "never"}` };
  },

  // Q2
  pctAtD25: (R) => {
    const q2 = ch(R, "q2");
    if (q2.D < 25) throw new Missing(`depths only go to ${q2.D} on this corpus`);
    const v = (100 * q2.hist[25]) / q2.H;
    const interval = domInterval(R, (dom) => (100 * dom.filter((d) => d === 25).length) / dom.length);
    return { value: v, shown: `${fmt(v, 3)} % (${q2.hist[25]} neurons); band d = 18–25: ${fmt(q2.band.pct, 3)} %; mode d = ${q2.mode}`, interval, sample: `${q2.positions.length} sampled positions` };
  },
  medianDominantDepth: (R) => {
    const q2 = ch(R, "q2");
    const v = num(q2.medianDom, "the median dominant depth");
    const interval = domInterval(R, (dom) => medianDepth(dom));
    return { value: v, shown: `median dominant depth ${fmt(v)}; mode d = ${q2.mode}; peak sign changes at d = ${q2.peakChanges}`, interval, sample: `${q2.positions.length} sampled positions` };
  },
  miGreedy: (R) => {
    const g = ch(R, "q2").mi.greedy4;
    if (g.length < 4) throw new Missing("fewer than four offsets could be chosen (corpus too short)");
    return { value: [...g].sort((a, b) => a - b), shown: `greedy order [${g.join(", ")}]` };
  },
  miShare: (R) => {
    const q2 = ch(R, "q2");
    const v = num(q2.shares.refShare, "the MI-greedy share");
    // Chance: four offsets drawn at random from 1..D carry 4/D of the signal on average.
    const base = (100 * 4) / q2.D;
    return { value: v, shown: `${fmt(v, 3)} % as the tool compares (d = δ); ${fmt(q2.shares.corrShare, 3)} % with the offset convention corrected`, baseline: { value: base, how: `four offsets of ${q2.D} at random` }, interval: q2Interval(R, q2.shares.referenceList), sample: `${q2.positions.length} sampled positions` };
  },
  factorShare: (R) => {
    const s = ch(R, "q2").shares;
    const v = num(s.factorRef, "the factor-pair share");
    return { value: v, shown: `${fmt(v, 3)} % (tool, d = 1 and 7); corrected ${fmt(s.factorCorr, 3)} %`, interval: q2Interval(R, [1, 7]), sample: `${ch(R, "q2").positions.length} sampled positions` };
  },
  depthDecreases: (R) => {
    const m = ch(R, "q2").meanChanges;
    if (m.length < 2) throw new Missing("a single depth");
    let dec = 0;
    for (let d = 1; d < m.length; d++) if (m[d] < m[d - 1]) dec++;
    return { value: dec, shown: `${dec} decreases between consecutive depths (of ${m.length - 1})` };
  },

  // Q3
  h28Share: (R) => {
    has(R, 28);
    const q3 = ch(R, "q3");
    const v = num(q3.star.pct, "h28's share");
    return { value: v, shown: `h28 alone: ${fmt(q3.star.bpc)} bpc = ${fmt(v, 3)} % (knockout rank ${q3.star.rank + 1}); best single neuron h${q3.top1.j}: ${fmt(q3.top1.pct, 3)} %` };
  },
  top15Share: (R) => {
    const q3 = ch(R, "q3");
    const row = q3.subset.find((r) => r[0] === Math.min(15, q3.H));
    if (!row) throw new Missing("the top-15 subset is not available");
    const v = num(row[2], "the top-15 share");
    return { value: v, shown: `top ${row[0]}: ${fmt(row[1])} bpc = ${fmt(v, 3)} %` };
  },
  bestSmallSubsetDelta: (R) => {
    const q3 = ch(R, "q3");
    const rows = q3.subset.filter((r) => r[0] <= 30 && r[0] < q3.H && Number.isFinite(r[1]));
    if (!rows.length) throw new Missing("no subset of ≤ 30 neurons smaller than the model");
    let best = rows[0];
    for (const r of rows) if ((r[1] ?? Infinity) < (best[1] ?? Infinity)) best = r;
    const v = num(best[1], "the subset bpc") - num(q3.baseline, "the baseline");
    return { value: v, shown: `best subset of ≤ 30 neurons (k = ${best[0]}): ${fmt(best[1])} bpc, Δ = ${sgn(v)}` };
  },
  knockoutOverlap: (R) => {
    const q3 = ch(R, "q3");
    const mine = q3.order.slice(0, 8);
    const paper = PAPER_TABLES.q3KnockoutTop8;
    const v = mine.filter((j) => paper.includes(j)).length;
    const inModel = paper.filter((j) => j < q3.H).length;
    return { value: v, shown: `${mine.map(nh).join(" ")} (${v} of 8 in common)`, baseline: { value: (8 * inModel) / q3.H, how: "8 neurons drawn at random" } };
  },
  maxSignOnlyDelta: (R) => {
    const s = ch(R, "q3").signMax;
    const v = num(s.delta, "the largest sign-only Δ");
    return { value: v, shown: `max ${sgn(v)} bpc (h${s.j}); ${s.over} neurons exceed 0.002` };
  },
  normAndMeanAbs: (R) => {
    const q3 = ch(R, "q3");
    const nMax = Math.max(...q3.norm.map((x) => x ?? NaN));
    const mMin = Math.min(...q3.meanAbsH.map((x) => x ?? NaN));
    return { value: [num(nMax, "the column norms"), num(mMin, "mean |h|")], shown: `largest ‖W_y col‖ ${fmt(nMax, 3)}; smallest mean|h| ${fmt(mMin, 3)}` };
  },

  // Q4
  volatilePct: (R) => {
    const q4 = ch(R, "q4");
    if (q4.T < 3) throw new Missing("too few steps to count flips");
    const v = (100 * q4.classCounts.volatile) / q4.H;
    return { value: v, shown: `${q4.classCounts.volatile}/${q4.H} volatile (${fmt(v, 4)} %); frozen ${q4.classCounts.frozen}, settled ${q4.classCounts.settled}` };
  },
  leastFlips: (R) => {
    const q4 = ch(R, "q4");
    if (q4.T < 3) throw new Missing("too few steps to count flips");
    return { value: q4.least.flips, shown: `h${q4.least.j}: ${q4.least.flips} flips over ${q4.T - 1} transitions` };
  },
  meanDwell: (R) => {
    const v = num(ch(R, "q4").meanDwellAll, "the mean dwell");
    return { value: v, shown: `mean dwell ${fmt(v, 3)} steps (X5, all gaps)` };
  },
  dwellMode: (R) => {
    const q4 = ch(R, "q4");
    if (!q4.dwellCount) throw new Missing("no complete dwell (corpus too short)");
    return { value: q4.dwellPeak, shown: `peaks at ${q4.dwellPeak} steps` };
  },
  dwellLe10: (R) => {
    const v = num(ch(R, "q4").le10Pct, "the dwell share");
    return { value: v, shown: `${fmt(v, 4)} % of gaps ≤ 10 steps` };
  },
  saturatedPerStep: (R) => {
    const s = ch(R, "q4").sat;
    return { value: num(s.mean, "the saturation count"), shown: `mean ${fmt(s.mean, 4)} per step (range ${s.min}–${s.max})` };
  },
  coflipPairs: (R) => {
    const q4 = ch(R, "q4");
    if (q4.T < 3) throw new Missing("too few steps to count co-flips");
    let best = -1;
    for (let k = 0; k < q4.pairs.length; k++) if (best < 0 || (q4.pairs[k][3] ?? 0) > (q4.pairs[best][3] ?? 0)) best = k;
    return { value: q4.jaccardOver, shown: `${q4.jaccardOver} of ${q4.pairs.length} pairs with J > 0.5${best >= 0 ? `; max J = ${fmt(q4.pairs[best][3], 3)} (h${q4.pairs[best][0]}, h${q4.pairs[best][1]})` : ""}` };
  },
  coflipGroup: (R) => {
    const q4 = ch(R, "q4");
    if (q4.T < 3) throw new Missing("too few steps to count co-flips");
    // connected components of the graph of pairs with J > 0.5 (union-find)
    const parent = Array.from({ length: q4.H }, (_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    for (const [a, b, , j] of q4.pairs) if ((j ?? 0) > PAPER_TABLES.q4Jaccard) parent[find(a ?? 0)] = find(b ?? 0);
    const size = new Map<number, number>();
    for (let i = 0; i < q4.H; i++) size.set(find(i), (size.get(find(i)) ?? 0) + 1);
    const largest = Math.max(...size.values());
    const groups = [...size.values()].filter((s) => s >= 3).length;
    return { value: largest, shown: `largest set of neurons linked by J > 0.5: ${largest}; ${groups} group(s) of ≥ 3 (${q4.jaccardOver} pairs)` };
  },

  // Q5
  minimal1Bpc: rowBpc(1),
  minimal2Bpc: rowBpc(2),
  minimal3Bpc: rowBpc(3),
  minimal4Bpc: rowBpc(4),
  minimal5Bpc: rowBpc(5),
  minimal1Params: rowParams(1),
  minimal2Params: rowParams(2),
  minimal3Params: rowParams(3),
  minimal4Params: rowParams(4),
  minimal5Params: rowParams(5),
  minimal1Delta: rowDelta(1),
  minimal2Delta: rowDelta(2),
  minimal4Delta: rowDelta(4),
  worstVariantDelta: (R) => {
    const ds = ch(R, "q5").paperTable.slice(1).map((r) => r.measuredDelta);
    if (!ds.length || ds.some((d) => typeof d !== "number" || !Number.isFinite(d))) throw new Missing("some variant could not be measured");
    const v = Math.max(...(ds as number[]));
    return { value: v, shown: `worst variant Δ = ${sgn(v)}; best Δ = ${sgn(Math.min(...(ds as number[])))}` };
  },
  reduxParamPct: (R) => {
    const r = q5row(R, 2);
    const full = num(ch(R, "q5").fullParams, "the full parameter count");
    const v = (100 * num(r.measuredParams, "the redux parameter count")) / full;
    return { value: v, shown: `${fmt(v, 3)} % (${fmt(r.measuredParams)} of ${fmt(full)}, tool convention)` };
  },
  whAbove3Pct: (R) => {
    const q5 = ch(R, "q5");
    const v = num(q5.whAbove3Pct, "the |W_h| ≥ 3 share");
    return { value: v, shown: `${fmt(v, 3)} % of W_h entries have |W_h| ≥ 3.0 (max |W_h| = ${fmt(q5.whMax)})` };
  },
  whP64: (R) => {
    const v = num(ch(R, "q5").whP64, "the 64th percentile of |W_h|");
    return { value: v, shown: `64th percentile of |W_h| = ${fmt(v, 3)} (so the largest 36 % are |W_h| > ${fmt(v, 3)})` };
  },
  whZeroable: (R) => {
    const q5 = ch(R, "q5");
    if (q5.T < 2) throw new Missing("too few predictions to compare bpc");
    return { value: q5.whZeroable, shown: `${q5.whZeroable} % of W_h (smallest |w| first) can be zeroed at ≤ ${q5.zeroableTol} bpc` };
  },
  wxZeroable: (R) => {
    const q5 = ch(R, "q5");
    if (q5.T < 2) throw new Missing("too few predictions to compare bpc");
    return { value: q5.wxZeroable, shown: `${q5.wxZeroable} % of W_x can be zeroed at ≤ ${q5.zeroableTol} bpc (${100 - q5.wxZeroable} % must stay)` };
  },
  reduxParams: (R) => {
    const r = redux(R);
    return { value: r.total, shown: `the tool's redux (k = ${r.k}, |W_h| ≥ ${r.thr}): ${fmt(r.total)} parameters at ${fmt(r.bpc)} bpc` };
  },
  scaffoldingParams: (R) => {
    const r = redux(R);
    const v = R.fingerprint.parameters - r.total;
    return { value: v, shown: `${fmt(v)} = ${fmt(R.fingerprint.parameters)} − ${fmt(r.total)}` };
  },

  // Q6
  h54DriverShare: (R) => {
    has(R, 54);
    const q6 = q6all(R);
    const drv = q6.drivers.neuron;
    const T = drv.length;
    const hits = drv.map((j) => (j === 54 ? 1 : 0));
    const v = (100 * hits.reduce((a: number, b) => a + b, 0)) / T;
    const top = q6.routingAll.drivers[0];
    const s = q6.routing.drivers.find((d) => d.j === 54)?.count ?? 0;
    return {
      value: v,
      shown: `h54 drives ${fmt(v, 3)} % of all ${T} predictions (most frequent driver: ${top ? `h${top.j}, ${top.count}` : "none"}); in the 12 sampled: ${s}/${q6.routing.predictions}`,
      baseline: { value: 100 / R.fingerprint.H, how: "a driver drawn at random" },
      interval: bootstrapSums([hits], meanOf(100)),
    };
  },
  backboneAll: (R) => {
    has(R, 54, 121, 78);
    const q6 = q6all(R);
    const bb = q6.routingAll.backbone;
    if (!bb) throw new Missing("no backward chain (corpus too short)");
    const sb = q6.routing.backbone;
    return { value: [bb.chain[0] ?? -1, bb.chain[1] ?? -1, bb.chain[2] ?? -1], shown: `${bb.chain.map(nh).join(" ← ")} over all ${q6.routingAll.predictions} trees (${bb.count}×); in the 12 sampled: ${sb ? sb.chain.map(nh).join(" ← ") : "none"}` };
  },
  h54Source: (R) => topSource(R, 54),
  h121Source: (R) => topSource(R, 121),
  secondaryRoutes: (R) => routes(R, [0, 30]),
  tertiaryRoutes: (R) => routes(R, [7, 75]),
  backboneTouch: (R) => {
    has(R, 54, 121, 78, 0, 30);
    const q6 = ch(R, "q6");
    const five = new Set(PAPER_TABLES.q6Neurons.slice(0, 5));
    const chains = q6.routing.driverChains;
    if (!chains.length) throw new Missing("no sampled chain (corpus too short)");
    const hits = chains.map((c) => (c.chain.some((j) => five.has(j)) ? 1 : 0));
    const v = (100 * hits.reduce((a: number, b) => a + b, 0)) / chains.length;
    const len = chains.reduce((a, c) => a + c.chain.length, 0) / chains.length;
    const base = 100 * (1 - (1 - 5 / R.fingerprint.H) ** len);
    return {
      value: v,
      shown: `${hits.filter(Boolean).length} of ${chains.length} sampled driver chains touch h54, h121, h78, h0 or h30 (${fmt(v, 3)} %)`,
      baseline: { value: base, how: `random chains of the same length (${fmt(len, 2)} neurons)` },
      interval: bootstrapSums([hits], meanOf(100)),
      sample: `${chains.length} sampled positions`,
    };
  },
  hop1Weights: (R) => {
    const e = ch(R, "q6").explanation;
    const v = num(e.hop1Wh, "the hop-1 weight count");
    return { value: v, shown: `${fmt(v, 3)} hop-1 W_h entries per tree; ${e.whDistinctMin}–${e.whDistinctMax} distinct with hop 2` };
  },
  hop1WhShare: (R) => {
    const e = ch(R, "q6").explanation;
    const v = num(e.whSharePct, "the W_h share");
    return { value: v, shown: `${fmt(v, 3)} % of W_h (${fmt(e.hop1Wh, 3)} of ${e.whTotal})` };
  },
  treeNeurons: (R) => {
    const e = ch(R, "q6").explanation;
    const sampled = num(e.neuronsMean, "the neurons per tree");
    const all: number[] = e.neuronsAll ?? [];
    if (!all.length) return { value: sampled, shown: `${fmt(sampled, 3)} distinct neurons per sampled tree (range ${e.neuronsMin}–${e.neuronsMax})`, sample: `${ch(R, "q6").sample.length} sampled positions` };
    // over every prediction (the tool samples 12), with a bootstrap interval over the positions
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = mean(all);
    return {
      value: v,
      shown: `${fmt(v, 3)} distinct neurons per tree over all ${all.length} predictions; ${fmt(sampled, 3)} on the tool's ${ch(R, "q6").sample.length} sampled trees (range ${e.neuronsMin}–${e.neuronsMax})`,
      interval: bootstrapSums([all], meanOf(1)),
      sample: `all ${all.length} positions`,
    };
  },
  keptNeurons: (R) => {
    const s = ch(R, "q6").sample;
    if (!s.length) throw new Missing("no sampled tree (corpus too short)");
    return { value: s[0].neurons.length, shown: `${s[0].neurons.length} kept neurons per prediction` };
  },
  hopsNote: () => ({ value: null, shown: "2 hops; inputs x_t, x_{t−1} only" }),
  h54Examples: (R) => {
    has(R, 54);
    const q6 = ch(R, "q6");
    const ex = q6.h54Examples;
    if (ex.length < PAPER_TABLES.q6H54Examples.length) throw new Missing(`the corpus is too short for t = ${PAPER_TABLES.q6H54Examples.map((e) => e.t).join(", ")}`);
    return { value: ex.map((e) => num(e.delta, "Δbpc")), shown: ex.map((e) => `t=${e.t}: ${sgn(num(e.delta, "Δbpc"), 3)}`).join(", ") };
  },

  // Q7
  alignAll: (R) => (R.q7all ? alignAllPositions(R, "all", 1, MAXD) : alignMeasure(algPairs(R), 1, MAXD, "q7_algebraic", "q7_algebraic's sample")),
  alignShallow: (R) => (R.q7all ? alignAllPositions(R, "shallow", 1, 4) : alignMeasure(algPairs(R), 1, 4, "q7_algebraic", "q7_algebraic's sample")),
  alignMid: (R) => (R.q7all ? alignAllPositions(R, "mid", 5, 8) : alignMeasure(algPairs(R), 5, 8, "q7_algebraic", "q7_algebraic's sample")),
  alignDeep: (R) => (R.q7all ? alignAllPositions(R, "deep", 16, MAXD) : alignMeasure(algPairs(R), 16, MAXD, "q7_algebraic", "q7_algebraic's sample")),
  bigramShallow: (R) => alignMeasure(hoPairs(R, 3), 1, 4, "q7_higher_order bigram gate", "q7_higher_order's sample"),
  trigramTotal: (R) => alignMeasure(hoPairs(R, 4), 1, MAXD, "q7_higher_order trigram gate", "q7_higher_order's sample"),
  trigramGainDeep: (R) => {
    const tri = hoPairs(R, 4).filter((p) => p.d >= 16);
    const bi = hoPairs(R, 3).filter((p) => p.d >= 16);
    if (!tri.length) throw new Missing("no deep (d = 16–20) pair could be scored (corpus too short)");
    const t = share(tri);
    const b = share(bi);
    const v = t - b;
    // Chance for the trigram share: permuted attributions (share of pairs passing the trigram gate).
    const baseT = (100 * tri.filter((p) => p.gated).length) / tri.length;
    const units = byPosition(tri.map((p, i) => ({ ...p, bi: bi[i].gated })));
    const interval = bootstrapSums(subtotals(units, [(p) => p.gated, (p) => (p as Pair & { bi: boolean }).bi]), (s) => sharePct(1)(s) - sharePct(2)(s));
    return {
      value: v,
      shown: `deep bin (d = 16–20): trigram ${fmt(t, 3)} % vs bigram ${fmt(b, 3)} % (${sgn(v, 3)} points); trigram chance ${fmt(baseT, 3)} %`,
      baseline: { value: baseT - t + v, how: `permuted attributions: the trigram share must beat its chance ${fmt(baseT, 3)} %, i.e. the gain must exceed ${fmt(baseT - b, 3)} points` },
      interval,
      sample: `${units.length} positions (q7_higher_order's sample)`,
    };
  },
};
