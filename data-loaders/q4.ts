/** Q4 chapter data: sign raster, flips and classes, dwell histogram + X5 mean dwell, co-flip pairs */
import { r6 } from "../lib/analyses/q2/verdict.ts";
import { PAPER_TABLES } from "../lib/claims/registry.ts";
import { saturation } from "../lib/analyses/q4/saturation.ts";
import { derived } from "../lib/derived.ts";
import type { Run } from "../lib/io.ts";


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
    if (r.pairs.jaccard[k] > PAPER_TABLES.q4Jaccard) over++;
    if (best < 0 || r.pairs.jaccard[k] > r.pairs.jaccard[best]) best = k;
  }
  const topOver = r.topPairs.filter((k) => r.pairs.jaccard[k] > PAPER_TABLES.q4Jaccard).length;
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
  };
}
