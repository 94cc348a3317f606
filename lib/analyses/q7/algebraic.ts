/**
 * Q7 — RNN attribution vs skip-bigram PMI (`q7_algebraic`, spec q6-q7 §3) and the trigram
 * extension (`q7_higher_order`, §4), plus the derived shallow/mid/deep bins (§3.6, §4.6).
 *
 * "Alignment" (§3.5): the share of absolute perturbation sensitivity Σ|Δ| that falls on
 * (context byte, target byte, offset d) triples whose in-sample PMI exceeds 0.5 bits. It is not
 * sign agreement, not top-k overlap and not a correlation. Percentages are pooled ΣA/ΣT.
 * Offsets d = 1..20: d is the distance of the perturbed byte data[t−d+1] from the target data[t+1].
 */
import type { Run } from "../../io.ts";
import { type PerturbSweep, perturbSweep } from "./perturb.ts";
import { pmi, SkipGramTable, type SkipStats, skipStats, type TopPmi, topPmi } from "./pmi.ts";

export const MAX_D = 20;
export const PMI_GATE = 0.5;
export const Q7_POSITIONS = [42, 80, 100, 150, 200, 300, 400, 500];
/** Offsets shown in the top-PMI table. */
export const TOP_PMI_D = 10;

export function q7Positions(n: number): number[] {
  return Q7_POSITIONS.filter((t) => t < n - 2);
}
/** q7_higher_order positions: t = 30, 34, 38, … while t < n − 2. */
export function hoPositions(n: number): number[] {
  const out: number[] = [];
  for (let t = 30; t < n - 2; t += 4) out.push(t);
  return out;
}

export interface AlgebraicRow {
  d: number;
  /** The original perturbed byte data[t−d+1]. */
  input: number;
  /** Δ in bits. */
  delta: number;
  /** PMI_d(input, y) in bits. */
  pmi: number;
  /** Whether the reference prints this row (d ≤ 10 or |Δ| > 0.3). */
  printed: boolean;
}

export interface AlgebraicPosition {
  t: number;
  y: number;
  base: number;
  rows: AlgebraicRow[];
}

export interface OffsetAlignment {
  d: number;
  /** T_d = Σ|Δ| (bits). */
  total: number;
  /** A_d = Σ|Δ|·[π > 0.5] (bits). */
  aligned: number;
  /** 100·A/T (0 if T = 0). */
  pct: number;
}

export interface Algebraic {
  n: number;
  topPmi: TopPmi[];
  positions: AlgebraicPosition[];
  offsets: OffsetAlignment[];
  total: number;
  aligned: number;
  pct: number;
}

const pct = (a: number, t: number) => (t > 0 ? (100 * a) / t : 0);

/**
 * `every`: a sweep over the first positions (sweepEveryPosition) to read the perturbations from
 * instead of running them, when `positions` are 0, 1, 2, … (Q7 over every position).
 */
export function q7Algebraic(run: Run, positions = q7Positions(run.data.length), st: SkipStats = skipStats(run.data, MAX_D), every?: PerturbSweep): Algebraic {
  const data = run.data;
  const n = data.length;
  const prefix = every !== undefined && every.maxD === MAX_D && positions.length <= every.positions.length && positions.every((t, p) => every.positions[p] === t);
  const sw = prefix ? every : perturbSweep(run, positions, MAX_D);
  const T = new Float64Array(MAX_D);
  const A = new Float64Array(MAX_D);
  const outPos: AlgebraicPosition[] = positions.map((t, p) => {
    const y = data[t + 1];
    const rows: AlgebraicRow[] = [];
    for (let d = 1; d <= MAX_D; d++) {
      const tf = t - d + 1;
      if (tf < 0) break;
      const delta = sw.delta[p * MAX_D + d - 1];
      const pi = pmi(st, d, data[tf], y);
      const ad = Math.abs(delta);
      T[d - 1] += ad;
      if (pi > PMI_GATE) A[d - 1] += ad;
      rows.push({ d, input: data[tf], delta, pmi: pi, printed: d <= 10 || ad > 0.3 });
    }
    return { t, y, base: sw.base[p], rows };
  });
  const offsets = Array.from({ length: MAX_D }, (_, i) => ({ d: i + 1, total: T[i], aligned: A[i], pct: pct(A[i], T[i]) }));
  let sT = 0;
  let sA = 0;
  for (let i = 0; i < MAX_D; i++) {
    sT += T[i];
    sA += A[i];
  }
  const tops: TopPmi[] = [];
  for (let d = 1; d <= Math.min(TOP_PMI_D, MAX_D); d++) tops.push(topPmi(st, d));
  return { n, topPmi: tops, positions: outPos, offsets, total: sT, aligned: sA, pct: pct(sA, sT) };
}

export interface HigherOrderOffset {
  d: number;
  /** R_d = Σ_t |Δ| (bits). */
  sensitivity: number;
  /** B_d = Σ|Δ|·[PMI > 0.5], Tr_d = Σ|Δ|·[PMI3 > 0.5] (bits). */
  bigram: number;
  trigram: number;
  bigramPct: number;
  trigramPct: number;
}

export interface HigherOrder {
  n: number;
  positions: number[];
  offsets: HigherOrderOffset[];
  total: number;
  bigram: number;
  trigram: number;
  bigramPct: number;
  trigramPct: number;
  /** 100·(ΣTr − ΣB)/ΣR, percentage points. */
  improvement: number;
  /** Per (position p, offset d): |Δ| (bits), PMI and PMI3; index p*MAX_D + d−1 (NaN if invalid). */
  absDelta: Float64Array;
  pmi: Float64Array;
  pmi3: Float64Array;
}

export function q7HigherOrder(run: Run, positions = hoPositions(run.data.length), st: SkipStats = skipStats(run.data, MAX_D)): HigherOrder {
  const data = run.data;
  const n = data.length;
  const sw = perturbSweep(run, positions, MAX_D);
  const R = new Float64Array(MAX_D);
  const B = new Float64Array(MAX_D);
  const Tr = new Float64Array(MAX_D);
  const P = positions.length;
  const absDelta = new Float64Array(P * MAX_D).fill(NaN);
  const pm = new Float64Array(P * MAX_D).fill(NaN);
  const pm3 = new Float64Array(P * MAX_D).fill(NaN);
  const tri = new SkipGramTable(data, st.count, 2); // pmi3's values, without its O(n) scan per call
  for (let p = 0; p < P; p++) {
    const t = positions[p];
    const y = data[t + 1];
    for (let d = 1; d <= MAX_D; d++) {
      const tf = t - d + 1;
      if (tf < 0) break;
      const i = p * MAX_D + d - 1;
      const dl = Math.abs(sw.delta[i]);
      const a = data[tf];
      const b2 = pmi(st, d, a, y);
      const b3 = d >= 2 ? tri.pmi3(d, a, data[tf + 1], y) : 0;
      absDelta[i] = dl;
      pm[i] = b2;
      pm3[i] = b3;
      R[d - 1] += dl;
      if (b2 > PMI_GATE) B[d - 1] += dl;
      if (b3 > PMI_GATE) Tr[d - 1] += dl;
    }
  }
  let sR = 0;
  let sB = 0;
  let sT = 0;
  const offsets: HigherOrderOffset[] = [];
  for (let i = 0; i < MAX_D; i++) {
    sR += R[i];
    sB += B[i];
    sT += Tr[i];
    offsets.push({ d: i + 1, sensitivity: R[i], bigram: B[i], trigram: Tr[i], bigramPct: pct(B[i], R[i]), trigramPct: pct(Tr[i], R[i]) });
  }
  return {
    n,
    positions,
    offsets,
    total: sR,
    bigram: sB,
    trigram: sT,
    bigramPct: pct(sB, sR),
    trigramPct: pct(sT, sR),
    improvement: sR > 0 ? (100 * (sT - sB)) / sR : 0,
    absDelta,
    pmi: pm,
    pmi3: pm3,
  };
}

/** Offset bins (§3.6): shallow 1–4, mid 5–8, 9–15, deep 16–20. */
export const BINS = [
  { name: "shallow", lo: 1, hi: 4 },
  { name: "mid", lo: 5, hi: 8 },
  { name: "d9-15", lo: 9, hi: 15 },
  { name: "deep", lo: 16, hi: 20 },
] as const;

export interface BinValue {
  name: string;
  lo: number;
  hi: number;
  /** Pooled 100·ΣA/ΣT over the bin. */
  pooled: number;
  /** Min and max of the per-offset percentages in the bin (offsets with T_d > 0). */
  min: number;
  max: number;
}

/** Pooled bin percentages from per-offset (mass, aligned mass) pairs. Extra ranges may be added. */
export function binAlignment(
  offsets: { d: number; mass: number; aligned: number }[],
  bins: readonly { name: string; lo: number; hi: number }[] = BINS,
): BinValue[] {
  return bins.map(({ name, lo, hi }) => {
    let m = 0;
    let a = 0;
    let mn = Infinity;
    let mx = -Infinity;
    for (const o of offsets) {
      if (o.d < lo || o.d > hi) continue;
      m += o.mass;
      a += o.aligned;
      if (o.mass > 0) {
        const p = (100 * o.aligned) / o.mass;
        if (p < mn) mn = p;
        if (p > mx) mx = p;
      }
    }
    return { name, lo, hi, pooled: pct(a, m), min: Number.isFinite(mn) ? mn : NaN, max: Number.isFinite(mx) ? mx : NaN };
  });
}
