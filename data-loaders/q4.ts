/** Q4 chapter data: sign raster, flips and classes, dwell histogram + X5 mean dwell, co-flip pairs, claims. */
import { type Claim, r6, verdictOf, within } from "../lib/analyses/q2/verdict.ts";
import { saturation } from "../lib/analyses/q4/saturation.ts";
import { derived } from "../lib/derived.ts";
import type { Run } from "../lib/io.ts";

/** The paper's numbers (synthesis overview and abstract; q234 volatility tables), as printed there. */
export const PAPER = {
  volatile: 128,
  leastFlips: 100,
  meanDwell: 3.3,
  dwellPeak: 4,
  dwellLe10Pct: 95,
  satPerStep: 123,
  jaccard: 0.5,
  positions: 520,
};

export default function build(run: Run) {
  const r = saturation(run);
  const { H, T } = r;
  // Sign raster: one hex string per step, neuron j = bit (j mod 4) of hex digit ⌊j/4⌋ (1 = h ≥ 0).
  const signs = derived(run.trace).signs;
  const raster: string[] = [];
  for (let t = 0; t < T; t++) {
    let s = "";
    for (let q = 0; q < H; q += 4) {
      let v = 0;
      for (let b = 0; b < 4 && q + b < H; b++) if (signs[t * H + q + b]) v |= 1 << b;
      s += v.toString(16);
    }
    raster.push(s);
  }
  const flips = Array.from(r.flips);
  const least = Math.min(...flips);
  const leastJ = flips.indexOf(least);
  let le10 = 0;
  for (let d = 1; d <= 10; d++) le10 += r.dwellHist[d];
  const le10Pct = r.dwellAll.count ? (100 * le10) / r.dwellAll.count : NaN;
  let dwellMode = 0;
  for (let d = 1; d < r.dwellHist.length; d++) if (r.dwellHist[d] > (r.dwellHist[dwellMode] ?? 0)) dwellMode = d;
  let satSum = 0;
  let satMax = 0;
  let satMin = Infinity;
  for (let t = 0; t < T; t++) {
    satSum += r.nSat[t];
    satMax = Math.max(satMax, r.nSat[t]);
    satMin = Math.min(satMin, r.nSat[t]);
  }
  const satMean = satSum / T;
  const P = r.pairs.a.length;
  let over = 0;
  let best = -1;
  for (let k = 0; k < P; k++) {
    if (r.pairs.jaccard[k] > PAPER.jaccard) over++;
    if (best < 0 || r.pairs.jaccard[k] > r.pairs.jaccard[best]) best = k;
  }
  const topOver = r.topPairs.filter((k) => r.pairs.jaccard[k] > PAPER.jaccard).length;
  const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "—");
  const claims: Claim[] = [
    {
      id: "volatile",
      where: "Overview table, Q4; §6.5",
      quote: "128/128 volatile",
      paper: "128 of 128 neurons (> 50 flips)",
      measured: `${r.classCounts.volatile} of ${H} volatile; frozen ${r.classCounts.frozen}, settled ${r.classCounts.settled}, active ${r.classCounts.active}`,
      value: r.classCounts.volatile,
      verdict: verdictOf(r.classCounts.volatile === H),
      rule: "holds if every neuron is volatile",
      method: "q4-classes",
    },
    {
      id: "least",
      where: "q234 volatility",
      quote: "the least volatile neuron still flips ~100 times",
      paper: "~100 flips",
      measured: `h${leastJ}: ${least} flips over ${T - 1} transitions`,
      value: least,
      verdict: verdictOf(least >= PAPER.leastFlips / 1.5 && least <= PAPER.leastFlips * 1.5),
      rule: "holds if within a factor 1.5 of 100",
      method: "q4-classes",
    },
    {
      id: "dwell",
      where: "Abstract; Overview table, Q4",
      quote: "all 128 neurons flip sign every ~3 steps (mean dwell 3.3)",
      paper: "3.3 steps",
      measured: `${f2(r.meanDwellAll)} steps (X5, all gaps); ${f2(r.meanDwellRecorded)} over the tool's histogram (gaps < 100)`,
      value: r.meanDwellAll,
      verdict: within(r.meanDwellAll, PAPER.meanDwell, 0.3),
      rule: "holds if the mean dwell (all gaps) is within 0.3 steps of 3.3",
      method: "x5",
    },
    {
      id: "peak",
      where: "q234 dwell table",
      quote: "dwell distribution peaks at 4",
      paper: "4",
      measured: `peaks at ${dwellMode} (${r.dwellHist[dwellMode] ?? 0} dwells)`,
      value: dwellMode,
      verdict: verdictOf(dwellMode === PAPER.dwellPeak),
      rule: "holds if the mode is 4",
      method: "q4-dwell",
    },
    {
      id: "le10",
      where: "q234 dwell table",
      quote: "95% of dwells ≤ 10",
      paper: "95%",
      measured: `${f2(le10Pct)}% of all gaps`,
      value: le10Pct,
      verdict: verdictOf(le10Pct >= PAPER.dwellLe10Pct),
      rule: "holds if at least 95% of gaps are ≤ 10 steps",
      method: "q4-dwell",
    },
    {
      id: "sat",
      where: "q234 saturation",
      quote: "~123 neurons saturated (|h| > 0.999) at each step",
      paper: "~123",
      measured: `mean ${f2(satMean)} per step (range ${satMin}–${satMax})`,
      value: satMean,
      verdict: within(satMean, PAPER.satPerStep, 10),
      rule: "holds if the mean is within 10 of 123",
      method: "q4-steps",
    },
    {
      id: "jaccard",
      where: "Overview table, Q4",
      quote: "Co-flip pairs with Jaccard > 0.5",
      paper: "pairs with J > 0.5 exist",
      measured: `${over} pairs overall (${topOver} of the top 15 by co-flips); max J = ${best >= 0 ? r.pairs.jaccard[best].toFixed(3) : "—"}${best >= 0 ? ` (h${r.pairs.a[best]}, h${r.pairs.b[best]})` : ""}`,
      value: over,
      verdict: verdictOf(over > 0),
      rule: "holds if at least one pair has J > 0.5",
      method: "q4-coflip",
    },
    {
      id: "positions",
      where: "q234 (all counts)",
      quote: "counts over 520 positions",
      paper: "520",
      measured: `${T} positions (${T - 1} transitions)`,
      value: T,
      verdict: verdictOf(T === PAPER.positions),
      rule: "holds if the evaluation uses 520 positions",
      method: "q4-pass",
    },
  ];
  return {
    H,
    T,
    raster,
    nSat: Array.from(r.nSat),
    nFlip: Array.from(r.nFlip),
    minAbs: Array.from(r.minAbs, r6),
    flips,
    meanAbs: Array.from(r.meanAbs, r6),
    minAbsNeuron: Array.from(r.minAbsNeuron, r6),
    pctSat: Array.from(r.pctSat, r6),
    dwellMode: Array.from(r.dwellMode),
    cls: r.cls,
    byFlips: r.byFlips,
    classCounts: r.classCounts,
    dwellHist: Array.from(r.dwellHist),
    dwellLong: r.dwellAll.long,
    dwellCount: r.dwellAll.count,
    meanDwellAll: r6(r.meanDwellAll),
    meanDwellRecorded: r6(r.meanDwellRecorded),
    dwellPeak: dwellMode,
    le10Pct: r6(le10Pct),
    totalFlips: r.totalFlips,
    least: { j: leastJ, flips: least },
    most: { j: r.byFlips[0], flips: flips[r.byFlips[0]] ?? 0 },
    sat: { mean: r6(satMean), min: satMin === Infinity ? 0 : satMin, max: satMax },
    // All co-flip pairs: [a, b, co, jaccard].
    pairs: Array.from({ length: P }, (_, k) => [r.pairs.a[k], r.pairs.b[k], r.pairs.co[k], r6(r.pairs.jaccard[k])]),
    topPairs: r.topPairs,
    jaccardOver: over,
    claims,
  };
}
