/** `q1_margins` parity printout (spec Q1 §M). Formats only; numbers come from analyzeMargins. */
import type { Run } from "../io.ts";
import { sprintf } from "../printf.ts";
import { analyzeMargins, marginRowShown } from "../analyses/q1/margins.ts";

export default function q1Margins(run: Run): string {
  const r = analyzeMargins(run);
  const L: string[] = [];
  L.push("=== Margin Analysis ===");
  L.push("");
  L.push("  t  min_margin  mean_margin  n_small(<1)  n_tiny(<0.1)  bpc_full  bpc_sign");
  for (let t = 0; t < r.T; t++) {
    if (!marginRowShown(t, r.nSmall[t], r.T)) continue;
    L.push(sprintf("  %-5d%8.2f    %8.2f      %3d          %3d      %6.3f    %6.3f", t, r.minMargin[t], r.meanMargin[t], r.nSmall[t], r.nTiny[t], r.bpcFull[t], r.bpcSign[t]));
  }
  L.push("");
  L.push("=== Margin Summary ===");
  L.push(sprintf("Total neuron-steps: %d", r.total));
  L.push(sprintf("Mean margin: %.2f", r.globalMean));
  L.push(sprintf("Small margins (|z|<1): %d (%.3f%%)", r.small, (100 * r.small) / r.total));
  L.push(sprintf("Tiny margins (|z|<0.1): %d (%.3f%%)", r.tiny, (100 * r.tiny) / r.total));
  L.push(sprintf("Mean bpc (full): %.4f", r.meanBpcFull));
  L.push(sprintf("Mean bpc (sign-only readout): %.4f", r.meanBpcSign));
  L.push("");
  L.push("=== Margin Histogram ===");
  for (let b = 0; b < r.hist.length; b++) {
    if (r.hist[b] > 0) L.push(sprintf("  [%3d-%3d]: %6d (%.2f%%)", 5 * b, 5 * (b + 1), r.hist[b], (100 * r.hist[b]) / r.total));
  }
  L.push("");
  L.push("=== Per-Neuron Margin Statistics ===");
  L.push("  j  mean_margin  min_margin  n_small(<1)");
  for (let k = 0; k < Math.min(20, r.H); k++) {
    const j = r.order[k];
    // spec §M4's row exactly: `%3d` last, so ≥ 1000 small-margin steps print five spaces and four digits
    L.push(sprintf("  %-3d  %8.2f     %8.2f     %3d", j, r.neuronSum[j] / r.T, r.neuronMin[j], r.neuronSmall[j]));
  }
  L.push("");
  L.push("=== The Mantissa Cannot Reach ===");
  for (let j = 0; j < Math.min(5, r.H); j++) {
    const mean = Math.fround(r.neuronSum[j] / r.T);
    L.push(sprintf("  h%-3d: sum|Wh|=%.1f, max_mantissa_delta_z=%.6f, mean_margin=%.1f, ratio=%.0f", j, r.S[j], r.pert[j], mean, mean / r.pert[j]));
  }
  L.push("");
  L.push("  Global: max possible mantissa perturbation to any z:");
  L.push(sprintf("  Max mantissa perturbation: %.6f", r.maxPert));
  L.push(sprintf("  Min margin ever observed:  %.2f", r.minMarginEver));
  L.push(sprintf("  Safety factor:             %.0f×", r.safety));
  L.push("  => Mantissa CANNOT flip any sign. The Boolean function IS the computation.");
  return L.join("\n") + "\n";
}
