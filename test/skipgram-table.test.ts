/**
 * SkipGramTable (lib/analyses/q7/pmi.ts) gives exactly pmi3's and pmi4's values for every
 * (d, context, y), without their O(n) scan per call.
 */
import { describe, expect, it } from "vitest";
import { pmi4 } from "../lib/analyses/oq/alignment.ts";
import { pmi3, SkipGramTable, skipStats } from "../lib/analyses/q7/pmi.ts";

function text(): Uint8Array {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 16) % 4;
  return Uint8Array.from({ length: 600 }, () => 97 + rnd());
}

describe("SkipGramTable", () => {
  it("equals pmi3 bit for bit on a small-alphabet text, every offset and context", () => {
    const data = text();
    const st = skipStats(data, 20);
    const table = new SkipGramTable(data, st.count, 2);
    let nonzero = 0;
    for (let d = 1; d <= 20; d++)
      for (let a = 97; a < 101; a++)
        for (let b = 97; b < 101; b++)
          for (let y = 96; y < 101; y++) {
            const want = pmi3(data, st.count, d, a, b, y);
            expect(table.pmi3(d, a, b, y)).toBe(want);
            if (want !== 0) nonzero++;
          }
    expect(nonzero).toBeGreaterThan(1000); // the comparison covers real values, not just zeros
  });

  it("equals pmi4 bit for bit (4-gram contexts, d ≥ 3)", () => {
    const data = text();
    const st = skipStats(data, 20);
    const table = new SkipGramTable(data, st.count, 3);
    let nonzero = 0;
    for (let d = 1; d <= 20; d++)
      for (let a = 97; a < 101; a++)
        for (let b = 97; b < 101; b++)
          for (let c = 97; c < 101; c++)
            for (let y = 96; y < 101; y++) {
              const want = pmi4(data, st.count, d, a, b, c, y);
              expect(table.pmi4(d, a, b, c, y)).toBe(want);
              if (want !== 0) nonzero++;
            }
    expect(nonzero).toBeGreaterThan(1000);
  });
});
