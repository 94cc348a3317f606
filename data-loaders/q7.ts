/**
 * Q7 chapter data: q7_algebraic (RNN perturbation sensitivity vs skip-bigram PMI), q7_higher_order
 * (bigram vs trigram gate) and the derived shallow/mid/deep bins (spec q6-q7 §3.6, §4.6); the
 * claims engine (lib/claims) judges the paper's claims on them. Δ in bits; offsets d = distance to the target byte.
 */
import { BINS, binAlignment, MAX_D, PMI_GATE, q7Algebraic, q7HigherOrder } from "../lib/analyses/q7/algebraic.ts";
import { skipStats } from "../lib/analyses/q7/pmi.ts";
import type { Run } from "../lib/io.ts";
import { maxOf } from "../lib/extent.ts";
import { PAPER_TABLES } from "../lib/claims/registry.ts";


const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);

export default function build(run: Run) {
  const data = run.data;
  const st = skipStats(data, MAX_D);
  const alg = q7Algebraic(run, undefined, st);
  const ho = q7HigherOrder(run, undefined, st);

  const extraBins = [...BINS, { name: "all", lo: 1, hi: MAX_D }, { name: "d2-20", lo: 2, hi: MAX_D }];
  const algBins = binAlignment(alg.offsets.map((o) => ({ d: o.d, mass: o.total, aligned: o.aligned })), extraBins);
  const hoBig = binAlignment(ho.offsets.map((o) => ({ d: o.d, mass: o.sensitivity, aligned: o.bigram })), extraBins);
  const hoTri = binAlignment(ho.offsets.map((o) => ({ d: o.d, mass: o.sensitivity, aligned: o.trigram })), extraBins);
  const bin = (bs: typeof algBins, name: string) => bs.find((b) => b.name === name)!;

  // Baselines: the share of scored (t, d) pairs whose PMI passes the gate, unweighted, counted
  // offset by offset (index d − 1) for the chart (a curve near its chance line is no more
  // PMI-aligned than a random attribution would be) and pooled for the totals.
  const rows = alg.positions.flatMap((p) => p.rows);
  const [nA, gA, nH, gH, gH3] = Array.from({ length: 5 }, () => new Array<number>(MAX_D).fill(0));
  for (const r of rows) {
    nA[r.d - 1]++;
    if (r.pmi > PMI_GATE) gA[r.d - 1]++;
  }
  for (let i = 0; i < ho.pmi.length; i++) {
    if (Number.isNaN(ho.absDelta[i])) continue;
    const d = i % MAX_D;
    nH[d]++;
    if (ho.pmi[i] > PMI_GATE) gH[d]++;
    if (ho.pmi3[i] > PMI_GATE) gH3[d]++;
  }
  const total = (v: number[]) => v.reduce((a, b) => a + b, 0);
  const gatedAlg = rows.length ? total(gA) / rows.length : NaN;
  const [nHo, gHo, gHo3] = [total(nH), total(gH), total(gH3)];
  const negRows = rows.filter((r) => r.delta < 0).length;
  const share = (hit: number[], n: number[]) => n.map((k, i) => (k ? r6((100 * hit[i]) / k) : null));
  // and bin by bin (pooled over the bin's offsets), beside each bin's aligned share
  const sumIn = (v: number[], lo: number, hi: number) => total(v.slice(lo - 1, hi));
  const withChance = <B extends { lo: number; hi: number }>(bins: B[], hit: number[], n: number[]) =>
    bins.map((b) => ({ ...b, chance: sumIn(n, b.lo, b.hi) ? r6((100 * sumIn(hit, b.lo, b.hi)) / sumIn(n, b.lo, b.hi)) : null }));
  // Sign-aware variant (a corrected reading of "alignment", labelled as such): only the mass of
  // perturbations that hurt the prediction (Δ > 0, the byte helped) counts as aligned.
  let signedA = 0;
  for (const r of rows) if (r.pmi > PMI_GATE && r.delta > 0) signedA += r.delta;
  const signedPct = alg.total > 0 ? (100 * signedA) / alg.total : 0;

  // PMI-vs-Δ points for the higher-order sample: [t, d, |Δ|, PMI, PMI3] rows (flat).
  const hoPoints: (number | null)[] = [];
  ho.positions.forEach((t, p) => {
    for (let d = 1; d <= MAX_D; d++) {
      const i = p * MAX_D + d - 1;
      if (Number.isNaN(ho.absDelta[i])) continue;
      hoPoints.push(t, d, r6(ho.absDelta[i]), r6(ho.pmi[i]), r6(ho.pmi3[i]));
    }
  });
  return {
    n: data.length,
    maxD: MAX_D,
    gate: PMI_GATE,
    algebraic: {
      topPmi: alg.topPmi,
      positions: alg.positions.map((p) => ({
        t: p.t,
        y: p.y,
        base: r6(p.base),
        context: Array.from(data.subarray(Math.max(0, p.t - 15), p.t + 1)),
        rows: p.rows.map((r) => ({ d: r.d, input: r.input, delta: r6(r.delta), pmi: r6(r.pmi), printed: r.printed })),
      })),
      offsets: alg.offsets,
      total: alg.total,
      aligned: alg.aligned,
      pct: alg.pct,
      bins: withChance(algBins, gA, nA),
      baselineGatedPct: 100 * gatedAlg,
      chanceByOffset: share(gA, nA),
      scored: rows.length,
      gated: rows.filter((r) => r.pmi > PMI_GATE).length,
      negativeRows: negRows,
      signedPct,
      maxDelta: rows.length ? maxOf(rows.map((r) => r.delta)) : null,
    },
    higherOrder: {
      positions: ho.positions.length,
      firstT: ho.positions[0] ?? null,
      lastT: ho.positions[ho.positions.length - 1] ?? null,
      offsets: ho.offsets,
      total: ho.total,
      bigramPct: ho.bigramPct,
      trigramPct: ho.trigramPct,
      improvement: ho.improvement,
      bigramBins: withChance(hoBig, gH, nH),
      trigramBins: withChance(hoTri, gH3, nH),
      baselineGatedPct: nHo ? (100 * gHo) / nHo : null,
      baselineGated3Pct: nHo ? (100 * gHo3) / nHo : null,
      chanceByOffset: share(gH, nH),
      chance3ByOffset: share(gH3, nH),
      scored: nHo,
      points: hoPoints,
      maxDelta: nHo ? maxOf(ho.absDelta) : null,
    },
    /** The paper's figures for the chart's reference marks (lib/claims/registry.ts). */
    PAPER: PAPER_TABLES.q7Chart,
  };
}
