/** `q1_sparsity` parity printout (spec Q1 §S). Formats only; numbers come from analyzeSparsity. */
import type { Run } from "../io.ts";
import { expo, sprintf } from "../printf.ts";
import { analyzeSparsity, TAUS } from "../analyses/q1/sparsity.ts";

/** `%-8.0e` */
const tauLabel = (v: number) => expo(v, 0).padEnd(8);

export default function q1Sparsity(run: Run): string {
  const r = analyzeSparsity(run, { rho: false });
  const L: string[] = [];
  L.push(sprintf("Significant patterns (|w| > 0.010): Wx=%d Wh=%d Wy=%d total=%d", r.sig.wx, r.sig.wh, r.sig.wy, r.sig.total));
  L.push("");
  L.push(sprintf("Forward pass: %d positions, %.4f bpc", r.n, r.bpc));
  L.push("");
  L.push("=== Sparsity Distribution ===");
  L.push("");
  L.push("  tau       mean_n   median   min    max    n/sig");
  TAUS.forEach((tau, k) => {
    L.push(sprintf("  %s  %6.1f%8d%8d%7d  %5.3f", tauLabel(tau), r.meanN[k], r.median[k], r.min[k], r.max[k], r.nOverSig[k]));
  });
  L.push("");
  L.push("=== Breakdown by Pattern Class ===");
  L.push("");
  L.push("  tau       mean_Wx  mean_Wh  mean_Wy");
  TAUS.forEach((tau, k) => {
    L.push(sprintf("  %s  %6.1f   %6.1f   %6.1f", tauLabel(tau), r.classMean.wx[k], r.classMean.wh[k], r.classMean.wy[k]));
  });
  L.push("");
  L.push("=== Never-Active Patterns (tau=0.01) ===");
  L.push(sprintf("  Wx: %d/%d never active", r.never.wx, r.never.slots.wx));
  L.push(sprintf("  Wh: %d/%d never active", r.never.wh, r.never.slots.wh));
  L.push(sprintf("  Wy: %d/%d never active", r.never.wy, r.never.slots.wy));
  L.push(sprintf("  Total: %d/%d never active", r.never.total, r.never.slots.total));
  L.push("");
  L.push("=== Depth Profile: Mean Attribution Mass by Offset ===");
  L.push("");
  L.push("  d    mean_mass    fraction_of_d0");
  const d0 = r.depthMass[0];
  r.depthMass.forEach((m, d) => L.push(sprintf("  %-5d%10.4f    %.4f", d, m, m / d0)));
  return L.join("\n") + "\n";
}
