/** Q3 chapter data: knockout importance, cumulative / minimal-subset curves, sign-only readout, top neurons' bytes, claims. */
import { type Claim, r6, r6a, verdictOf, within } from "../lib/analyses/q2/verdict.ts";
import { neurons, pctOfGain } from "../lib/analyses/q3/neurons.ts";
import type { Run } from "../lib/io.ts";

/** The paper's numbers (synthesis overview and §6; q234 tables), as printed there. */
export const PAPER = {
  starNeuron: 28,
  starPct: 99.7,
  starBpc: 4.974,
  top15Pct: 102.0,
  subsetRows: [
    [6, 100.0],
    [10, 100.5],
    [15, 102.0],
    [20, 102.7],
    [30, 103.6],
  ] as [number, number][],
  knockoutTop8: [28, 105, 54, 17, 49, 10, 97, 3],
  signOnlyMax: 0.002,
  normRange: [2.5, 84.8],
  meanAbsRange: [0.983, 0.995],
};

export default function build(run: Run) {
  const r = neurons(run, { fullCurves: true, singles: true });
  const { H, baseline } = r;
  const f4 = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : "—");
  const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "—");
  const top1 = r.order[0];
  const top1Bpc = r.subset[0]?.bpc ?? NaN;
  const star = PAPER.starNeuron < H ? PAPER.starNeuron : -1;
  const starAlone = star >= 0 ? r.alone![star] : NaN;
  const starPct = pctOfGain(starAlone, baseline);
  const starRank = star >= 0 ? r.order.indexOf(star) : -1;
  const subsetAt = (k: number) => r.subset.find((p) => p.n === Math.min(k, H));
  const k15 = subsetAt(15);
  const beat = r.subset.filter((p) => p.n < H && p.bpc < baseline).map((p) => p.n);
  const maxSign = Math.max(...Array.from(r.signDelta));
  const overSign = Array.from(r.signDelta).filter((d) => d > PAPER.signOnlyMax).length;
  const myTop8 = r.order.slice(0, 8);
  const overlap = myTop8.filter((j) => PAPER.knockoutTop8.includes(j)).length;
  const minMax = (a: ArrayLike<number>) => [Math.min(...Array.from(a)), Math.max(...Array.from(a))];
  const [nMin, nMax] = minMax(r.norm);
  const [mMin, mMax] = minMax(r.meanAbsH);

  const claims: Claim[] = [
    {
      id: "star",
      where: "Overview table, Q3; §6.1",
      quote: "h28 alone captures 99.7% of compression",
      paper: `h${PAPER.starNeuron}: ${PAPER.starBpc} bpc, ${PAPER.starPct}%`,
      measured: `h${star} alone: ${f4(starAlone)} bpc = ${f1(starPct)}% (rank ${starRank} of ${H}); the best single neuron, h${top1}: ${f4(top1Bpc)} bpc = ${f1(r.subset[0]?.pctGain ?? NaN)}%`,
      value: starPct,
      verdict: star < 0 ? "na" : within(starPct, PAPER.starPct, 0.5),
      rule: "holds if h28 alone gives within 0.5 points of 99.7% of the gain (8 bpc → baseline)",
      method: "q3-subset",
    },
    {
      id: "top15",
      where: "Overview table, Q3",
      quote: "Top 15 = 102%",
      paper: "102.0%",
      measured: k15 ? `${f4(k15.bpc)} bpc = ${f1(k15.pctGain)}%` : "—",
      value: k15?.pctGain ?? null,
      verdict: k15 ? within(k15.pctGain, PAPER.top15Pct, 0.5) : "na",
      rule: "holds if within 0.5 points",
      method: "q3-subset",
    },
    {
      id: "noise",
      where: "Overview table, Q3; §5 step 3",
      quote: "The other 113 are noise / 15–30 neurons beat all 128",
      paper: "k ≤ 30 beats the full model",
      measured: beat.length ? `subsets better than the full model: k = ${beat.join(", ")}` : "no subset smaller than the full model beats it",
      value: beat.length ? beat[0] : null,
      verdict: verdictOf(beat.some((k) => k <= 30)),
      rule: "holds if some k ≤ 30 has bpc below the baseline",
      method: "q3-subset",
    },
    {
      id: "ko8",
      where: "q234 knockout table",
      quote: "knockout top-8: h28, h105, h54, h17, h49, h10, h97, h3",
      paper: PAPER.knockoutTop8.map((j) => `h${j}`).join(" "),
      measured: myTop8.map((j) => `h${j}`).join(" ") + ` (${overlap} in common)`,
      value: overlap,
      verdict: verdictOf(overlap >= 6),
      rule: "holds if at least 6 of the 8 neurons agree",
      method: "q3-knockout",
    },
    {
      id: "mantissa",
      where: "q234 sign-only test",
      quote: "no neuron's mantissa matters more than 0.002 bpc",
      paper: "≤ 0.002 bpc",
      measured: `max +${f4(maxSign)} bpc (h${r.signOrder[0]}); ${overSign} neurons exceed 0.002`,
      value: maxSign,
      verdict: verdictOf(maxSign <= PAPER.signOnlyMax),
      rule: "holds if every per-neuron sign-only Δ ≤ 0.002 bpc",
      method: "q3-sign",
    },
    {
      id: "ranges",
      where: "q234 knockout table",
      quote: "‖W_y col‖ 2.5–84.8, mean|h| 0.983–0.995",
      paper: "2.5–84.8; 0.983–0.995",
      measured: `${nMin.toFixed(2)}–${nMax.toFixed(2)}; ${mMin.toFixed(3)}–${mMax.toFixed(3)}`,
      value: nMax,
      verdict: verdictOf(Math.abs(nMax - PAPER.normRange[1]) <= 5 && mMin >= 0.95),
      rule: "holds if the largest column norm is within 5 of 84.8 and every mean|h| ≥ 0.95",
      method: "q3-knockout",
    },
  ];

  return {
    H,
    T: r.T,
    baseline,
    delta: r6a(r.delta),
    norm: r6a(r.norm),
    meanAbsH: r6a(r.meanAbsH),
    order: r.order,
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
    paperSubset: PAPER.subsetRows,
    claims,
  };
}
