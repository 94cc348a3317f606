/** `q1_boolean` parity printout (spec Q1 §B). Formats only; numbers come from analyzeBoolean. */
import type { Run } from "../io.ts";
import { sprintf } from "../printf.ts";
import { analyzeBoolean } from "../analyses/q1/boolean.ts";

export default function q1Boolean(run: Run): string {
  const r = analyzeBoolean(run, { derived: false });
  const L: string[] = [];
  L.push("=== W_h Sign Structure ===");
  L.push(sprintf("W_h entries: %d positive (mean %.3f), %d negative (mean %.3f), %d near-zero", r.signs.positive, r.signs.meanPositive, r.signs.negative, r.signs.meanNegativeAbs, r.signs.nearZero));
  L.push("");
  L.push("=== Per-Neuron Analysis (Boolean Transition) ===");
  L.push("  j  fan_in(>0.1)  bias_sign  threshold  dominant_inputs");
  for (const n of r.neurons) {
    if (n.i < 20 || n.fanIn < 5 || n.fanIn > 50) {
      L.push(sprintf("  %-3d%5d          %+.2f     %+.3f     max: j=%d (%.3f)", n.i, n.fanIn, n.bias, n.threshold, n.argmaxJ, n.maxWh));
    }
  }
  L.push(sprintf("Mean fan-in (|Wh|>0.1): %.1f", r.meanFanIn));
  L.push("");
  L.push("=== Boolean Sensitivity: Flip One Input Neuron ===");
  const shown = Math.min(16, r.H);
  L.push(sprintf("State at t=%d: %s... (showing first %d)", r.probeT, Array.from(r.probeState.subarray(0, shown)).join(""), 16));
  L.push("");
  L.push("  j_flip  output_changes  most_affected");
  for (let j = 0; j < r.H; j++) {
    if (j < 10 || r.flipChanges[j] > 10) L.push(sprintf("  %-8d%3d             %d", j, r.flipChanges[j], r.flipMostAffected[j]));
  }
  L.push(sprintf("Mean sensitivity: %.2f output changes per input flip", r.meanSensitivity));
  L.push("");
  L.push("=== Input Byte Sensitivity ===");
  L.push("  byte  changes  example_char");
  L.push(sprintf("Min changes: %d, Max: %d, Mean: %.1f", r.byteMin, r.byteMax, r.byteMean));
  L.push("");
  L.push("=== Boolean Dynamics: Full Run ===");
  L.push(sprintf("Boolean dynamics bpc: %.4f", r.signDynamicsBpc));
  L.push(sprintf("Mean sign flips/step: %.1f", r.meanFlips));
  L.push("");
  L.push("=== Unique Sign Vectors ===");
  L.push(sprintf("Unique sign vectors: %d / %d positions", r.uniqueStates, r.T));
  L.push(sprintf("State entropy: %.1f bits (log2(%d))", r.stateEntropy, r.uniqueStates));
  return L.join("\n") + "\n";
}
