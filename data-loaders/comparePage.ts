// Named *Page so that `sat-rnn analyze` does not run it (it writes compare.json only with --compare).
/**
 * The compare page's data: the model in hand vs the model given to the build with --compare OTHER
 * (SAT_RNN_COMPARE), both analysed on the same bytes. Without one, the page says how to ask for it.
 */
import type { Run } from "../lib/io.ts";
import { inHandAnalysis } from "../lib/population/ledger.ts";
import { compareWith, resolveCompareModel } from "../lib/population/load.ts";

export default function compare(run: Run) {
  const other = resolveCompareModel();
  if (!other) return { available: false as const };
  return { available: true as const, ...compareWith(run, () => inHandAnalysis(run), other) };
}
