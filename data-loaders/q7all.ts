/**
 * Q7 alignment over every prediction (not only the reference tool's 8 positions), for the claims
 * engine: per position and per offset bin, the perturbation mass |Δ|, the part of it on pairs whose
 * skip-bigram PMI passes the gate, and the counts of scored and gated pairs (the chance level of
 * permuted attributions). Not a page file: the ledger computes it once (sharedData "q7all").
 */
import { BINS, MAX_D, PMI_GATE, q7Algebraic } from "../lib/analyses/q7/algebraic.ts";
import { sweepEveryPosition } from "../lib/analyses/q7/perturb.ts";
import { skipStats } from "../lib/analyses/q7/pmi.ts";
import type { Run } from "../lib/io.ts";

export const Q7ALL_BINS = [...BINS, { name: "all", lo: 1, hi: MAX_D }] as const;

const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : 0);

export default function build(run: Run) {
  const n = run.data.length;
  const positions = Array.from({ length: Math.max(0, n - 2) }, (_, t) => t);
  const alg = q7Algebraic(run, positions, skipStats(run.data, MAX_D), sweepEveryPosition(run, MAX_D)); // the text view's sweep
  const bins = Q7ALL_BINS.map((b) => {
    const mass: number[] = [];
    const aligned: number[] = [];
    const pairs: number[] = [];
    const gated: number[] = [];
    for (const p of alg.positions) {
      let m = 0;
      let a = 0;
      let k = 0;
      let g = 0;
      for (const r of p.rows) {
        if (r.d < b.lo || r.d > b.hi) continue;
        const ad = Math.abs(r.delta);
        m += ad;
        k++;
        if (r.pmi > PMI_GATE) {
          a += ad;
          g++;
        }
      }
      mass.push(r6(m));
      aligned.push(r6(a));
      pairs.push(k);
      gated.push(g);
    }
    return { name: b.name, lo: b.lo, hi: b.hi, mass, aligned, pairs, gated };
  });
  return { n, positions: positions.length, bins };
}
