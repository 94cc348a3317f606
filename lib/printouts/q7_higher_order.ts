/** `q7_higher_order` printout (spec q6-q7 §4): formats lib/analyses/q7/algebraic.ts (q7HigherOrder). */
import { q7HigherOrder } from "../analyses/q7/algebraic.ts";
import type { Run } from "../io.ts";
import { sprintf } from "../printf.ts";

export default function q7HigherOrderPrintout(run: Run): string {
  const r = q7HigherOrder(run);
  const out: string[] = [];
  out.push("=== Q7: Higher-Order PMI Alignment ===");
  out.push(sprintf("Data: %d bytes", r.n));
  out.push("");
  out.push(sprintf("Tested %d positions", r.positions.length));
  out.push("");
  out.push("=== Alignment by Offset ===");
  out.push("offset  rnn_sensitivity  bigram_aligned%  trigram_aligned%");
  for (const o of r.offsets) out.push(sprintf("  d=%-3d   %8.3f         %5.1f%%            %5.1f%%", o.d, o.sensitivity, o.bigramPct, o.trigramPct));
  out.push(sprintf("  Total   %8.3f         %5.1f%%            %5.1f%%", r.total, r.bigramPct, r.trigramPct));
  out.push("");
  out.push(sprintf("Conclusion: trigram PMI explains %.1f%% vs bigram's %.1f%%", r.trigramPct, r.bigramPct));
  out.push(sprintf("Improvement from 2-gram to 3-gram: %+.1f percentage points", r.improvement));
  return out.join("\n") + "\n";
}
