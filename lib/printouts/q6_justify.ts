/** `q6_justify` printout (spec q6-q7 §2): formats lib/analyses/q6/justify.ts. */
import { q6Justify } from "../analyses/q6/justify.ts";
import type { Run } from "../io.ts";
import { printable, sprintf } from "../printf.ts";

export default function q6JustifyPrintout(run: Run): string {
  const data = run.data;
  const out: string[] = [];
  for (const J of q6Justify(run)) {
    const { t } = J;
    let ctx = "";
    for (let s = Math.max(0, t - 30); s <= t; s++) ctx += printable(data[s]);
    out.push("========================================");
    out.push(`Position t=${t}`);
    out.push(`Context: "${ctx}"`);
    out.push(sprintf("True next: '%s' (0x%02x)", printable(J.y), J.y));
    out.push(sprintf("P(true) = %.4f, bpc = %.3f", J.pTrue, J.bpc));
    out.push("Top predictions: " + J.top.map((p) => sprintf("'%s'(%.3f) ", printable(p.byte), p.p)).join(""));
    out.push("");
    out.push("Top 5 contributing neurons (by |delta_bpc| when sign flipped):");
    for (const n of J.neurons) {
      out.push(sprintf("  %-4s: sign=%+d, Wy*h=%+.3f, delta_bpc=%+.3f", `h${n.j}`, n.sign, n.share, n.delta));
      if (n.sources) {
        const src = n.sources.map((s) => sprintf("h%d(%+.1f) ", s.k, s.term)).join("");
        out.push(sprintf("    z=%.1f (bias=%.1f, Wx['%s']=%.1f), top Wh: %s", n.z, n.bias, printable(J.input), n.wx, src));
      }
      if (n.hop2) {
        const h2 = n.hop2;
        out.push(sprintf("      h%d at t-1: z=%.1f, input='%s', top source=h%d(%+.1f)", h2.k0, h2.z, printable(h2.input), h2.top.k, h2.top.term));
      }
    }
    out.push("");
    const drv = J.neurons[0];
    let line = sprintf("Justification: The model predicts '%s' with P=%.3f (bpc=%.1f). ", printable(J.predicted), J.pPredicted, -Math.log2(J.pPredicted));
    line += J.correct ? "(CORRECT)" : sprintf("(true='%s' at P=%.3f)", printable(J.y), J.pTrue);
    if (drv) {
      line += sprintf(" The prediction is driven by h%d (%+.3f bpc) ", drv.j, drv.delta);
      line += drv.delta > 0.1 ? "which would HURT the prediction if flipped" : drv.delta < -0.1 ? "which would HELP the prediction if flipped" : "(marginal effect)";
      line += t > 0 ? sprintf(", caused by input '%s' at t=%d and the state from context.", printable(J.input), t) : ".";
    }
    out.push(line);
    out.push("");
  }
  return out.length ? out.join("\n") + "\n" : "";
}
