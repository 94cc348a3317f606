/** `q7_algebraic` printout (spec q6-q7 §3): formats lib/analyses/q7/algebraic.ts. */
import { q7Algebraic } from "../analyses/q7/algebraic.ts";
import type { Run } from "../io.ts";
import { printable, sprintf } from "../printf.ts";

export default function q7AlgebraicPrintout(run: Run): string {
  const data = run.data;
  const r = q7Algebraic(run);
  const out: string[] = [];
  out.push("=== Skip-Bigram PMI from Data ===");
  out.push("Top skip-bigram PMI per offset (from data):");
  for (const p of r.topPmi) out.push(sprintf("  d=%2d: '%s','%s' PMI=%.2f (count=%d)", p.d, printable(p.a), printable(p.b), p.pmi, p.count));
  out.push("");
  out.push("=== RNN Backward Attribution vs Data PMI ===");
  for (const pos of r.positions) {
    let ctx = "";
    for (let s = Math.max(0, pos.t - 15); s <= pos.t; s++) ctx += printable(data[s]);
    out.push("");
    out.push(sprintf('Position t=%d, context="%s", true=\'%s\', bpc=%.2f', pos.t, ctx, printable(pos.y), pos.base));
    out.push("  offset  input  delta_bpc  data_PMI(input,true)");
    for (const row of pos.rows) {
      if (row.printed) out.push(sprintf("  d=%-3d  '%s'    %+.3f      %+.2f", row.d, printable(row.input), row.delta, row.pmi));
    }
  }
  out.push("");
  out.push("=== Alignment: RNN Attribution vs Data PMI ===");
  out.push("  offset  total_attr  pmi_aligned_attr  pct_aligned");
  for (const o of r.offsets) out.push(sprintf("  d=%-3d   %7.3f     %7.3f            %5.1f%%", o.d, o.total, o.aligned, o.pct));
  out.push(sprintf("  Total:  %7.3f     %7.3f            %5.1f%%", r.total, r.aligned, r.pct));
  return out.join("\n") + "\n";
}
