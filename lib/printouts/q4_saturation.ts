/** Printout of the reference tool `q4_saturation` (spec Q2–Q5 §Q4): formatting only. */
import { saturation } from "../analyses/q4/saturation.ts";
import type { Run } from "../io.ts";
import { sprintf } from "../printf.ts";

export default function q4Saturation(run: Run): string {
  const r = saturation(run);
  const { H, T } = r;
  const out: string[] = [];
  out.push("=== Q4: Saturation Structure ===", "", "  t  n_sat  n_flip  min|h|   active_neurons");
  for (let t = 0; t < T; t++) {
    if (!(t < 10 || (t < 50 && t % 5 === 0) || t % 50 === 0 || t === T - 1)) continue;
    let line = sprintf("  %-4d %3d    %3d    %.4f  ", t, r.nSat[t], r.nFlip[t], r.minAbs[t]);
    let shown = 0;
    for (let j = 0; j < H; j++) {
      if (!r.flipAt[t * H + j]) continue;
      if (shown < 8) line += `h${j} `;
      shown++;
    }
    if (shown > 8) line += "...";
    out.push(line);
  }
  out.push("", "=== Neuron Classification ===", "  j  n_flips  mean|h|  min|h|  pct_saturated  dwell_mode  class");
  r.byFlips.forEach((j, idx) => {
    if (idx < 30 || r.flips[j] === 0) {
      out.push(sprintf("  %-3d  %4d    %.4f  %.4f   %6.1f%%       %3d         %s", j, r.flips[j], r.meanAbs[j], r.minAbsNeuron[j], r.pctSat[j], r.dwellMode[j], r.cls[j]));
    }
  });
  const c = r.classCounts;
  out.push("", "Classification summary:");
  out.push(sprintf("%-23s%3d neurons", "  Frozen (0 flips):", c.frozen));
  out.push(sprintf("%-23s%3d neurons", "  Settled (1-5 flips):", c.settled));
  out.push(sprintf("%-23s%3d neurons", "  Active (6-50 flips):", c.active));
  out.push(sprintf("%-23s%3d neurons", "  Volatile (>50 flips):", c.volatile));
  out.push("", "=== Global Dwell Time Distribution ===", "  dwell  count");
  for (let d = 1; d < 50; d++) if (r.dwellHist[d] > 0) out.push(sprintf("  %3d    %5d", d, r.dwellHist[d]));
  out.push("", "=== Co-Flip Analysis ===", "Top 15 co-flip pairs (neurons that flip at the same position):", "  pair       co-flips  jaccard  individual_flips");
  for (const k of r.topPairs) {
    const a = r.pairs.a[k];
    const b = r.pairs.b[k];
    out.push(sprintf("  h%-3d,h%-3d  %4d      %.3f    %d, %d", a, b, r.pairs.co[k], r.pairs.jaccard[k], r.flips[a], r.flips[b]));
  }
  return out.join("\n") + "\n";
}
