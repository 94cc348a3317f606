/** Printout of the reference tool `q3_neurons` (spec Q2–Q5 §Q3): formatting only. */
import { neurons } from "../analyses/q3/neurons.ts";
import type { Run } from "../io.ts";
import { printable, sprintf } from "../printf.ts";

export default function q3Neurons(run: Run): string {
  const r = neurons(run);
  const { H, baseline } = r;
  const out: string[] = [];
  out.push("=== Q3: Which Neurons Carry the Signal? ===", "", sprintf("Baseline bpc: %.4f", baseline), "");
  out.push("=== Readout Knockout (zero W_y column j) ===", "  j  bpc_knockout  delta_bpc  |W_y_col|  mean|h_j|");
  for (const j of r.order.slice(0, Math.min(30, H))) {
    out.push(sprintf("  %-3d  %7.4f      %+.4f    %6.2f     %.4f", j, baseline + r.delta[j], r.delta[j], r.norm[j], r.meanAbsH[j]));
  }
  out.push("", "=== Cumulative Knockout (remove neurons in importance order) ===", "  n_removed  bpc       delta     removed_neurons");
  for (const { n, bpc } of r.cumulative) {
    let line = sprintf("  %3d        %7.4f   %+.4f   ", n, bpc, bpc - baseline);
    if (n >= 1 && n <= 10) {
      for (const j of r.order.slice(0, Math.min(n, 5))) line += `h${j} `;
      if (n > 5) line += "...";
    }
    out.push(line);
  }
  out.push("", "=== Minimal Subset (keep only top-k neurons) ===", "  k_kept  bpc       pct_of_gain");
  for (const { n, bpc, pctGain } of r.subset) out.push(sprintf("  %3d      %7.4f   %6.1f%%", n, bpc, pctGain));
  out.push("", "=== Per-Neuron Sign-Only Test ===", "(Replace h_j with sgn(h_j) for readout, keep dynamics full)", "  j  bpc_sign_j  delta  mean|h_j|  importance_rank");
  for (const j of r.signOrder.slice(0, Math.min(20, H))) {
    out.push(sprintf("  %-3d  %7.4f   %+.4f  %.4f      %d", j, baseline + r.signDelta[j], r.signDelta[j], r.meanAbsH[j], r.order.indexOf(j)));
  }
  out.push("", "=== Top 10 Neurons: What Do They Predict? ===");
  for (const { j, promotes, demotes } of r.top) {
    out.push(sprintf("h%-3d (delta=%.4f, |Wy|=%.2f, mean|h|=%.4f):", j, r.delta[j], r.norm[j], r.meanAbsH[j]));
    out.push("  Promotes: " + promotes.map(([o, w]) => sprintf("'%s'(%.1f) ", printable(o), w)).join(""));
    out.push("  Demotes:  " + demotes.map(([o, w]) => sprintf("'%s'(%.1f) ", printable(o), w)).join(""));
  }
  return out.join("\n") + "\n";
}
