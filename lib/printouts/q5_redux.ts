/** Printout of the reference tool `q5_redux` (spec Q2–Q5 §Q5): formatting only. */
import { redux } from "../analyses/q5/redux.ts";
import type { Run } from "../io.ts";
import { sprintf } from "../printf.ts";

export default function q5Redux(run: Run): string {
  const r = redux(run);
  const { H, baseline } = r;
  const out: string[] = [];
  out.push("=== Q5: The Sat-RNN Redux ===", "", sprintf("Baseline bpc: %.4f", baseline), "", "Top 10 neurons by knockout importance:");
  for (const j of r.order.slice(0, Math.min(10, H))) out.push(sprintf("  h%-3d: delta=+%.4f", j, r.delta[j]));
  for (const [title, rows] of [
    ["W_h", r.whPrune],
    ["W_x", r.wxPrune],
  ] as const) {
    out.push("", `=== ${title} Pruning ===`, "  threshold  pct_zeroed  bpc      delta");
    for (const row of rows) out.push(sprintf("  %5.1f      %5.1f%%     %7.4f  %+.4f", row.thr, row.pctZeroed, row.bpc, row.bpc - baseline));
  }
  out.push("", "=== Combined: Top-K Neurons + W_h Pruning ===", "  k  wh_thr  wy_pct_kept  wh_pct_kept  bpc      delta");
  for (const g of r.combined) {
    out.push(sprintf("  %3d  %4.1f    %5.1f%%        %5.1f%%       %7.4f  %+.4f", g.k, g.thr, g.wyPctKept, g.whPctKept, g.bpc, g.bpc - baseline));
  }
  out.push("", "=== Weight Magnitude Distribution ===", "W_h percentiles:");
  for (const { p, v } of r.whDist) out.push(sprintf("  %d%%: %.3f", p, v));
  out.push(sprintf("  min: %.3f, max: %.3f, mean: %.3f", r.whMin, r.whMax, r.whMean));
  const c = r.redux;
  out.push("", "=== Redux Parameter Count ===", sprintf("Full model: %d params", r.fullParams));
  out.push(sprintf("Redux (k=%d, wh_thr=%.1f): %d params (%.1f%% of full)", c.k, c.thr, c.total, (100 * c.total) / r.fullParams));
  out.push(sprintf("  W_y: %d (only %d columns)", c.wy, c.k));
  out.push(sprintf("  W_h: %d (%.1f%% of full)", c.wh, (100 * c.wh) / (H * H)));
  out.push(sprintf("  W_x: %d (full, for dynamics)", c.wx));
  return out.join("\n") + "\n";
}
