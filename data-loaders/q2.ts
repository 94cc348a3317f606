/** Q2 chapter data: depth profile, dominant offsets, X4 MI-greedy, shares (reference and corrected) */
import { miGreedy } from "../lib/analyses/q2/miGreedy.ts";
import { correctedDepths, FACTOR_PAIR, medianDepth, MI_GREEDY_REFERENCE, offsets, shareAt } from "../lib/analyses/q2/offsets.ts";
import { r6, r6a } from "../lib/analyses/q2/verdict.ts";
import { PAPER_TABLES } from "../lib/claims/registry.ts";
import type { Run } from "../lib/io.ts";


export default function build(run: Run) {
  const r = offsets(run);
  const g = miGreedy(run.data);
  const { H, D } = r;
  const pct = (c: number) => (100 * c) / H;
  let peakC = 1;
  let peakK = 1;
  for (let d = 1; d <= D; d++) {
    if (r.meanChanges[d - 1] > r.meanChanges[peakC - 1]) peakC = d;
    if (r.meanKl[d - 1] > r.meanKl[peakK - 1]) peakK = d;
  }
  let mode = 1;
  for (let d = 1; d <= D; d++) if (r.hist[d] > r.hist[mode]) mode = d;
  let band = 0;
  for (let d = PAPER_TABLES.q2DeepBand[0]; d <= Math.min(PAPER_TABLES.q2DeepBand[1], D); d++) band += r.hist[d] ?? 0;
  const medianDom = medianDepth(r.dom);

  // Shares: the reference compares d = δ; the corrected comparison uses d = δ − 1.
  const refShare = shareAt(r, MI_GREEDY_REFERENCE);
  const corr = correctedDepths(MI_GREEDY_REFERENCE);
  const corrShare = shareAt(r, corr.measured);
  const greedy4 = g.order.slice(0, 4);
  const greedyRef = shareAt(r, greedy4);
  const greedyCorr = shareAt(r, correctedDepths(greedy4).measured);
  const factorRef = shareAt(r, FACTOR_PAIR);
  const factorCorr = shareAt(r, correctedDepths(FACTOR_PAIR).measured);


  return {
    H,
    T: r.T,
    D,
    positions: r.positions,
    positionsNote: r.positionsNote,
    samples: Array.from(r.samples),
    /** Sign changes c(t, d) per test position (row) and depth d = 1..D (−1: pair unused): the claims engine's bootstrap units. */
    changes: Array.from(r.changes),
    meanChanges: r6a(r.meanChanges),
    meanKl: r6a(r.meanKl),
    dom: Array.from(r.dom),
    total: Array.from(r.total),
    hist: Array.from(r.hist),
    N: Array.from(r.N),
    /** Per test position, the cells j·D + (d − 1) of N it counted: the bootstrap units of the dominant-depth claims. */
    flipsAt: r.flipsAt,
    grand: r.grand,
    peakChanges: peakC,
    peakKl: peakK,
    mode,
    band: { from: PAPER_TABLES.q2DeepBand[0], to: PAPER_TABLES.q2DeepBand[1], count: band, pct: r6(pct(band)) },
    medianDom,
    paperDepthTable: PAPER_TABLES.q2Depth,
    mi: { order: g.order, entropy: r6a(g.entropy), h0: r6(g.h0), greedy4 },
    shares: {
      referenceList: MI_GREEDY_REFERENCE,
      perDepthRef: MI_GREEDY_REFERENCE.map((d) => ({ d, mean: r6(r.meanChanges[d - 1] ?? 0), pct: r6(shareAt(r, [d])) })),
      refShare: r6(refShare),
      correctedDepths: corr.measured,
      corrShare: r6(corrShare),
      greedyRef: r6(greedyRef),
      greedyCorr: r6(greedyCorr),
      factorRef: r6(factorRef),
      factorCorr: r6(factorCorr),
    },
  };
}
