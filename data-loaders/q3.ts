/** Q3 chapter data: knockout importance, cumulative / minimal-subset curves, sign-only readout, top neurons' bytes */
import { r6, r6a } from "../lib/analyses/q2/verdict.ts";
import { PAPER_TABLES } from "../lib/claims/registry.ts";
import { CURVE_DENSE, CURVE_SPARSE, neurons, pctOfGain } from "../lib/analyses/q3/neurons.ts";
import type { Run } from "../lib/io.ts";


export default function build(run: Run) {
  const r = neurons(run, { fullCurves: true, singles: true });
  const { H, baseline } = r;
  const top1 = r.order[0];
  const top1Bpc = r.subset[0]?.bpc ?? NaN;
  const star = PAPER_TABLES.q3Star < H ? PAPER_TABLES.q3Star : -1;
  const starAlone = star >= 0 ? r.alone![star] : NaN;
  const starPct = pctOfGain(starAlone, baseline);
  const starRank = star >= 0 ? r.order.indexOf(star) : -1;
  const maxSign = Math.max(...Array.from(r.signDelta));
  const overSign = Array.from(r.signDelta).filter((d) => d > 0.002).length;

  return {
    H,
    T: r.T,
    baseline,
    delta: r6a(r.delta),
    norm: r6a(r.norm),
    meanAbsH: r6a(r.meanAbsH),
    order: r.order,
    // the curves' n (curveGrid): every n ≤ dense, then every step-th
    curve: { dense: CURVE_DENSE, step: Math.max(1, Math.ceil((H - CURVE_DENSE) / CURVE_SPARSE)) },
    cumulative: r.cumulative.map((p) => [p.n, r6(p.bpc)]),
    subset: r.subset.map((p) => [p.n, r6(p.bpc), r6(p.pctGain)]),
    signDelta: r6a(r.signDelta),
    signOrder: r.signOrder,
    top: r.top.map((t) => ({ j: t.j, promotes: t.promotes.map(([o, w]) => [o, r6(w)]), demotes: t.demotes.map(([o, w]) => [o, r6(w)]) })),
    alone: r6a(r.alone!),
    star: { j: star, bpc: r6(starAlone), pct: r6(starPct), rank: starRank },
    top1: { j: top1, bpc: r6(top1Bpc), pct: r6(r.subset[0]?.pctGain ?? NaN) },
    negative: Array.from(r.delta).filter((d) => d < 0).length,
    signMax: { j: r.signOrder[0], delta: r6(maxSign), over: overSign },
    paperSubset: PAPER_TABLES.q3Subset,
  };
}
