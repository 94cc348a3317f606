/** Q1 parity: `npx sat-rnn reference <tool>` output equals the published printout byte for byte. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import q1Boolean from "../lib/printouts/q1_boolean.ts";
import q1Margins from "../lib/printouts/q1_margins.ts";
import q1BoolAttractor from "../lib/printouts/q1_bool_attractor.ts";
import q1Sparsity from "../lib/printouts/q1_sparsity.ts";
import { HAVE_SHARED, REFERENCE_DIR, satRun } from "./helpers.ts";

describe.skipIf(!HAVE_SHARED)("parity with the reference printouts (sat-rnn)", () => {
  const tools: [string, (r: ReturnType<typeof satRun>) => string][] = [
    ["q1_boolean", q1Boolean],
    ["q1_margins", q1Margins],
    ["q1_bool_attractor", q1BoolAttractor],
    ["q1_sparsity", q1Sparsity],
  ];
  for (const [name, fn] of tools) {
    it(`${name} is byte-identical`, { timeout: 60_000 }, () => {
      const ref = readFileSync(join(REFERENCE_DIR, `${name}.txt`), "utf8");
      expect(fn(satRun())).toBe(ref);
    });
  }
});
