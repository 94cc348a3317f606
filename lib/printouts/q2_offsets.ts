/** Printout of the reference tool `q2_offsets` (spec Q2–Q5 §Q2): formatting only. */
import { FACTOR_PAIR, MI_GREEDY_REFERENCE, offsets, shareAt } from "../analyses/q2/offsets.ts";
import type { Run } from "../io.ts";
import { sprintf } from "../printf.ts";

export default function q2Offsets(run: Run): string {
  const r = offsets(run);
  const { H, D } = r;
  const P = r.positions.length;
  const out: string[] = [];
  out.push("=== Q2: RNN Offset Profile ===", "");
  // Not in the reference (its 13 positions always exist there): say why the positions differ.
  if (r.positionsNote) out.push(`Note: ${r.positionsNote}.`, "");
  out.push(`Depth profile (averaged over ${P} test positions):`, "  depth  mean_sign_changes  mean_output_KL");
  for (let d = 1; d <= D; d++) out.push(sprintf("  %-5d  %8.2f            %8.4f", d, r.meanChanges[d - 1], r.meanKl[d - 1]));
  out.push("", "=== Per-Neuron Dominant Offset ===", "  j  dom_offset  changes_at_d1  total_changes  profile");
  for (let j = 0; j < H; j++) {
    if (!(j < 20 || r.dom[j] > 5)) continue;
    let line = sprintf("  %-3d  d=%-3d       %.1f            %.1f         ", j, r.dom[j], r.N[j * D], r.total[j]);
    for (let d = 1; d <= Math.min(10, D); d++) line += sprintf("%.0f ", r.N[j * D + d - 1]);
    out.push(line);
  }
  out.push("", "=== Offset Histogram (dominant offset per neuron) ===");
  for (let d = 1; d <= D; d++) if (r.hist[d] > 0) out.push(sprintf("  d=%2d: %3d neurons (%.1f%%)", d, r.hist[d], (100 * r.hist[d]) / H));
  out.push("", "=== Comparison to MI-Greedy Offsets [1,8,20,3] ===", "Fraction of total sign-change signal at MI-greedy offsets:");
  for (const d of MI_GREEDY_REFERENCE) {
    out.push(sprintf("  d=%2d: %.2f sign_changes (%.1f%% of total)", d, r.meanChanges[d - 1] ?? 0, shareAt(r, [d])));
  }
  out.push(sprintf("  MI-greedy [1,3,8,20] total: %.1f%% of all changes", shareAt(r, MI_GREEDY_REFERENCE)));
  const [a, b] = FACTOR_PAIR;
  out.push("", `Factor-map pair (${a},${b}) signal:`);
  out.push(sprintf("  d=%d: %.1f%%,  d=%d: %.1f%%,  combined: %.1f%%", a, shareAt(r, [a]), b, shareAt(r, [b]), shareAt(r, FACTOR_PAIR)));
  return out.join("\n") + "\n";
}
