/** Q1 chapter stages: the four reference printouts (times from the issue) and the whole chapter loader. */
import q1Boolean from "../../lib/printouts/q1_boolean.ts";
import q1Margins from "../../lib/printouts/q1_margins.ts";
import q1BoolAttractor from "../../lib/printouts/q1_bool_attractor.ts";
import q1Sparsity from "../../lib/printouts/q1_sparsity.ts";
import { perBitLeverage } from "../../lib/analyses/q1/leverage.ts";
import { zeroMantissaDynamics } from "../../lib/analyses/q1/boolean.ts";
import { analyzeSparsity } from "../../lib/analyses/q1/sparsity.ts";
import { cycleSearch } from "../../lib/analyses/q1/attractor.ts";
import build from "../../data-loaders/q1.ts";
import type { Stage } from "./harness.ts";

const stages: Stage[] = [
  { name: "q1: q1_boolean printout", referenceSeconds: 0.05, target: { ratio: 1.0 }, run: (r) => q1Boolean(r) },
  { name: "q1: q1_margins printout", referenceSeconds: 0.06, target: { ratio: 1.0 }, run: (r) => q1Margins(r) },
  { name: "q1: q1_bool_attractor printout", referenceSeconds: 0.53, target: { ratio: 1.0 }, run: (r) => q1BoolAttractor(r) },
  { name: "q1: q1_sparsity printout", referenceSeconds: 1.08, target: { ratio: 1.0 }, repeats: 3, run: (r) => q1Sparsity(r) },
  {
    name: "q1: all four reference printouts",
    referenceSeconds: 1.72,
    target: { ratio: 1.0 },
    repeats: 3,
    run: (r) => [q1Boolean(r), q1Margins(r), q1BoolAttractor(r), q1Sparsity(r)],
  },
  // All 1023 positions: 2.8–3.1 s CPU on the sat-rnn on the loaded 2-core box; the code before the per-flip fast paths took 5.3–7.2 s there.
  { name: "q1: X1 per-bit leverage (all positions)", target: { seconds: 5 }, repeats: 1, run: (r) => perBitLeverage(r) },
  { name: "q1: X2 zero-mantissa dynamics", repeats: 3, run: (r) => zeroMantissaDynamics(r) },
  { name: "q1: sparsity + X3 rho(D) + gated", repeats: 3, run: (r) => analyzeSparsity(r) },
  // The plain-JS fallback used when wasm SIMD is unavailable (same numbers), for comparison.
  { name: "q1: sparsity, JS fallback (no SIMD)", repeats: 1, run: (r) => analyzeSparsity(r, { rho: false, simd: false }) },
  { name: "q1: corrected cycle search (51×1024)", repeats: 1, run: (r) => cycleSearch(r, 1024) },
  { name: "q1: whole chapter loader (build)", target: { seconds: 8 }, repeats: 2, run: (r) => build(r) },
];
export default stages;
