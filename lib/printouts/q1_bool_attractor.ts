/** `q1_bool_attractor` parity printout (spec Q1 §A). Formats only; numbers come from analyzeAttractor. */
import type { Run } from "../io.ts";
import { printable, sprintf } from "../printf.ts";
import { analyzeAttractor } from "../analyses/q1/attractor.ts";

export default function q1BoolAttractor(run: Run): string {
  const r = analyzeAttractor(run);
  const H = r.H;
  const L: string[] = [];
  L.push("=== Ground-Truth Sign Trajectory (from full RNN) ===");
  L.push("");
  L.push("=== Influence Graph (averaged over positions) ===");
  L.push("Top 20 influence edges (source -> target, fraction):");
  for (const e of r.topEdges) L.push(sprintf("  h%-3d -> h%-3d : %.3f", e.j, e.i, e.frac));
  L.push(sprintf("Mean influence per edge: %.4f", r.meanInfluence));
  L.push("");
  L.push("Per-neuron influence (out-degree = how many neurons I affect, in-degree = how many affect me):");
  L.push("  j  out_deg  in_deg  self_influence");
  for (let j = 0; j < H; j++) {
    if (j < 10 || r.outDeg[j] > 10 || r.inDeg[j] > 10) L.push(sprintf("  %-5d%6.2f   %6.2f   %.3f", j, r.outDeg[j], r.inDeg[j], r.selfInf[j]));
  }
  L.push("");
  L.push("=== Convergence from Random States ===");
  L.push(sprintf("Fix input to data[%d] = '%s' (0x%02x), start from 50 random states, run 100 steps", r.fixedT, printable(r.fixedByte), r.fixedByte));
  L.push(sprintf("Unique final states: %d / 50 trials", r.uniqueFinals));
  for (let k = 0; k < Math.min(10, r.groupSizes.length); k++) {
    L.push(sprintf("  Attractor %d: %d trials (%.0f%%)", k, r.groupSizes[k], (100 * r.groupSizes[k]) / 50));
  }
  L.push(sprintf("Mean convergence step: %.1f (100 = didn't converge)", r.meanConvergence));
  L.push("");
  L.push("=== Cycle Detection (fixed input) ===");
  L.push(r.period ? sprintf("Cycle period (from warm start): %d", r.period) : "Cycle period (from warm start): 0 (no cycle ≤ 100)");
  L.push("");
  L.push(sprintf("=== Boolean Attribution at t=%d ===", r.probeT));
  L.push(sprintf("True next byte: '%s' (0x%02x), P(y) = %.4f, bpc = %.3f", printable(r.target), r.target, r.py, r.b0));
  L.push("");
  L.push("Per-neuron attribution (delta bpc when flipping sign bit j):");
  L.push("  j  delta_bpc  Wy_contrib  sign  W_h_top_source");
  for (let k = 0; k < Math.min(20, H); k++) {
    const j = r.attrOrder[k];
    const ts = r.topSource[j];
    L.push(sprintf("  %-4d %+.4f    %+.4f    %+d     h%-3d (%+.2f)", j, r.delta[j], r.wyContrib[j], r.probeSigns[j] ? 1 : -1, ts.k, ts.c));
  }
  L.push("");
  L.push("=== Backward Attribution Chain (depth 3) ===");
  L.push("Tracing top 5 neurons backward through Boolean dynamics:");
  L.push("");
  r.chains.forEach((chain, rank) => {
    const j0 = r.attrOrder[rank];
    L.push(sprintf("--- Chain %d: h%d (delta_bpc=%+.4f) ---", rank, j0, r.delta[j0]));
    for (const lv of chain) {
      const src = lv.sources.map((s) => sprintf("h%d(%+.2f) ", s.k, s.c)).join("");
      L.push(sprintf("  t=%d h%-3d ← z=%.2f, bias=%.2f, Wx=%.2f, top sources: %s", lv.t, lv.j, lv.z, lv.bias, lv.wx, src));
    }
    L.push("");
  });
  L.push("=== Input Byte -> Sign Flip Causality ===");
  L.push("Top 20 bytes by mean sign flips:");
  for (let k = 0; k < 20; k++) {
    const b = r.byteOrder[k];
    L.push(sprintf("  0x%02x '%s'  mean_flips: %.1f  (n=%d)", b, printable(b), r.byteFlips[b], r.byteCount[b]));
  }
  return L.join("\n") + "\n";
}
