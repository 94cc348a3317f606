/**
 * Open question 4 (synthesis §7): does the PMI alignment improve with higher-order statistics?
 * Q7's alignment (spec q6-q7 §3.5, §4) is extended from the skip-bigram and skip-trigram gates to
 * a skip-4-gram gate, at every depth band, each with a chance baseline and a bootstrap interval.
 *
 * The attribution is Q7's higher-order sample (lib/analyses/q7/algebraic.ts q7HigherOrder): for
 * positions t = 30, 34, … and offsets d = 1 … 20, |Δ| = the change in bits paid for y = x_{t+1}
 * when x_{t−d+1} is perturbed. Gates (all in-sample, unsmoothed, in bits, > PMI_GATE = 0.5):
 * - 2-gram: PMI_d(a, y), a = x_{t−d+1} (Q7 §3.2);
 * - 3-gram: PMI3 with context (a, b) = x_{t−d+1}, x_{t−d+2}, d ≥ 2 (Q7 §4.4, `pmi3`);
 * - 4-gram: PMI4 with context (a, b, c) = x_{t−d+1 … t−d+3}, d ≥ 3, defined like PMI3:
 *   N_abc = #{s < n−d : x_s x_{s+1} x_{s+2} = abc}, N_abcy adds x_{s+d} = y;
 *   PMI4 = log2((N_abcy/(n−d)) / ((N_abc/(n−2))·(c[y]/n))) if N_abc > 2 and N_abcy > 0, else 0.
 * Aligned share of a band = 100·Σ|Δ|·[gate] / Σ|Δ| over its (t, d) pairs (pooled, as Q7).
 *
 * Chance baseline: the |Δ| values permuted among the band's (t, d) pairs, gates kept. Its mean is
 * exactly the unweighted share of gated pairs (reported as `chance`); PERMUTATIONS permutations
 * (glibc srand(42)) give its 95% range. Bootstrap: positions resampled with replacement
 * (BOOTSTRAP resamples, glibc srand(43)), the pooled share recomputed; 2.5% and 97.5% quantiles.
 */
import { GlibcRand } from "../../f32.ts";
import type { Run } from "../../io.ts";
import { BINS, hoPositions, MAX_D, PMI_GATE, q7HigherOrder } from "../q7/algebraic.ts";
import { pmi, SkipGramTable, skipStats } from "../q7/pmi.ts";

export const ORDERS = [2, 3, 4] as const;
export const PERMUTATIONS = 200;
export const BOOTSTRAP = 200;
export const BANDS = [...BINS, { name: "all", lo: 1, hi: MAX_D }];

/** Skip-4-gram PMI (see the header); d < 3 forms no 4-gram: 0. */
export function pmi4(data: Uint8Array, count: Int32Array, d: number, a: number, b: number, c: number, y: number): number {
  if (d < 3) return 0;
  const n = data.length;
  let nabc = 0;
  let nabcy = 0;
  for (let s = 0; s < n - d; s++) {
    if (data[s] === a && data[s + 1] === b && data[s + 2] === c) {
      nabc++;
      if (data[s + d] === y) nabcy++;
    }
  }
  if (nabc > 2 && nabcy > 0) return Math.log2(nabcy / (n - d) / ((nabc / (n - 2)) * (count[y] / n)));
  return 0;
}

export interface BandOrder {
  order: number;
  /** Pooled aligned share (%), its bootstrap 95% interval, the chance share and its permutation 95% range. */
  pct: number;
  lo: number;
  hi: number;
  chance: number;
  chanceLo: number;
  chanceHi: number;
  /** Pairs in the band and how many pass the gate. */
  pairs: number;
  gated: number;
}

export interface Band {
  name: string;
  lo: number;
  hi: number;
  mass: number;
  orders: BandOrder[];
}

export interface AlignmentResult {
  positions: number;
  firstT: number | null;
  lastT: number | null;
  gate: number;
  permutations: number;
  bootstrap: number;
  bands: Band[];
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

/**
 * The alignment of attribution `absDelta` (positions × MAX_D, index p·MAX_D + d−1, NaN where the
 * offset reaches before the text) with the 2-, 3- and 4-gram gates.
 */
export function alignmentOf(data: Uint8Array, positions: number[], absDelta: ArrayLike<number>, opts: { permutations?: number; bootstrap?: number } = {}): AlignmentResult {
  const n = data.length;
  const st = skipStats(data, MAX_D);
  const P = positions.length;
  // pmi3's and pmi4's values without their O(n) scan per pair
  const tri = new SkipGramTable(data, st.count, 2);
  const quad = new SkipGramTable(data, st.count, 3);
  // gates[o][p·MAX_D + d−1] ∈ {0, 1}
  const gates = ORDERS.map(() => new Uint8Array(P * MAX_D));
  for (let p = 0; p < P; p++) {
    const t = positions[p];
    const y = data[t + 1];
    for (let d = 1; d <= MAX_D; d++) {
      const tf = t - d + 1;
      const i = p * MAX_D + d - 1;
      if (tf < 0 || Number.isNaN(absDelta[i])) continue;
      const a = data[tf];
      gates[0][i] = pmi(st, d, a, y) > PMI_GATE ? 1 : 0;
      gates[1][i] = d >= 2 && tri.pmi3(d, a, data[tf + 1], y) > PMI_GATE ? 1 : 0;
      gates[2][i] = d >= 3 && tf + 2 < n && quad.pmi4(d, a, data[tf + 1], data[tf + 2], y) > PMI_GATE ? 1 : 0;
    }
  }
  const R = opts.permutations ?? PERMUTATIONS;
  const B = opts.bootstrap ?? BOOTSTRAP;
  const bands: Band[] = BANDS.map(({ name, lo, hi }) => {
    // the band's pairs, by position
    const idx: number[] = [];
    const posOf: number[] = [];
    for (let p = 0; p < P; p++) {
      for (let d = lo; d <= hi; d++) {
        const i = p * MAX_D + d - 1;
        if (!Number.isNaN(absDelta[i]) && positions[p] - d + 1 >= 0) {
          idx.push(i);
          posOf.push(p);
        }
      }
    }
    let mass = 0;
    for (const i of idx) mass += absDelta[i];
    const orders = ORDERS.map((order, o) => {
      const g = gates[o];
      let a = 0;
      let gated = 0;
      for (const i of idx) {
        if (g[i]) {
          a += absDelta[i];
          gated++;
        }
      }
      const pct = mass > 0 ? (100 * a) / mass : NaN;
      // chance: permuted |Δ| over the band's pairs
      const rng = new GlibcRand(42);
      const vals = idx.map((i) => absDelta[i]);
      const perm: number[] = [];
      for (let r = 0; r < R && mass > 0; r++) {
        for (let k = vals.length - 1; k > 0; k--) {
          const m = rng.rand() % (k + 1);
          const tmp = vals[k];
          vals[k] = vals[m];
          vals[m] = tmp;
        }
        let s = 0;
        for (let k = 0; k < idx.length; k++) if (g[idx[k]]) s += vals[k];
        perm.push((100 * s) / mass);
      }
      perm.sort((x, y) => x - y);
      // bootstrap over positions: per-position sums, resampled
      const pm = new Float64Array(P);
      const pa = new Float64Array(P);
      for (let k = 0; k < idx.length; k++) {
        pm[posOf[k]] += absDelta[idx[k]];
        if (g[idx[k]]) pa[posOf[k]] += absDelta[idx[k]];
      }
      const brng = new GlibcRand(43);
      const boot: number[] = [];
      for (let b = 0; b < B && P > 0; b++) {
        let sm = 0;
        let sa = 0;
        for (let k = 0; k < P; k++) {
          const p = brng.rand() % P;
          sm += pm[p];
          sa += pa[p];
        }
        if (sm > 0) boot.push((100 * sa) / sm);
      }
      boot.sort((x, y) => x - y);
      return {
        order,
        pct,
        lo: quantile(boot, 0.025),
        hi: quantile(boot, 0.975),
        chance: idx.length ? (100 * gated) / idx.length : NaN,
        chanceLo: quantile(perm, 0.025),
        chanceHi: quantile(perm, 0.975),
        pairs: idx.length,
        gated,
      };
    });
    return { name, lo, hi, mass, orders };
  });
  return { positions: P, firstT: positions[0] ?? null, lastT: positions[P - 1] ?? null, gate: PMI_GATE, permutations: R, bootstrap: B, bands };
}

/** Standalone: runs Q7's higher-order perturbation sweep itself (the site reuses Q7's output instead). */
export function alignment(run: Run): AlignmentResult {
  const positions = hoPositions(run.data.length);
  const ho = q7HigherOrder(run, positions);
  return alignmentOf(run.data, positions, ho.absDelta);
}

/** The computed one-sentence answer. */
export function alignmentAnswer(r: AlignmentResult): string {
  const all = r.bands.find((b) => b.name === "all")!;
  if (!r.positions || !(all.mass > 0)) return "Not computable: the text is too short for Q7's higher-order sample (positions t = 30, 34, …).";
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
  const [b2, b3, b4] = all.orders;
  const depth = r.bands.filter((b) => b.name !== "all");
  const improves3 = depth.filter((b) => b.orders[1].pct > b.orders[0].pct).length;
  const improves4 = depth.filter((b) => b.orders[2].pct > b.orders[1].pct).length;
  const lift = (o: BandOrder) => o.pct - o.chance;
  return (
    `Over all offsets the attribution mass aligned with 2-, 3- and 4-gram statistics is ${f(b2.pct)}%, ${f(b3.pct)}% and ${f(b4.pct)}% ` +
    `(95% bootstrap ${f(b2.lo)}–${f(b2.hi)}, ${f(b3.lo)}–${f(b3.hi)}, ${f(b4.lo)}–${f(b4.hi)}), against chance ${f(b2.chance)}%, ${f(b3.chance)}%, ${f(b4.chance)}% ` +
    `(lift ${f(lift(b2))}, ${f(lift(b3))}, ${f(lift(b4))} pp); 3-grams beat 2-grams in ${improves3} of ${depth.length} depth bands and 4-grams beat 3-grams in ${improves4}.`
  );
}
