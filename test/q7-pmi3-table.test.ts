/** Pmi3Table (lib/analyses/q7/pmi.ts) gives exactly pmi3's value for every (d, a, b, y), without the O(n) scan per call. */
import { describe, expect, it } from "vitest";
import { Pmi3Table, pmi3, skipStats } from "../lib/analyses/q7/pmi.ts";

describe("Pmi3Table", () => {
  it("equals pmi3 bit for bit on a small-alphabet text, every offset and context", () => {
    let s = 12345;
    const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 16) % 4;
    const data = Uint8Array.from({ length: 600 }, () => 97 + rnd());
    const st = skipStats(data, 20);
    const table = new Pmi3Table(data, st.count);
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
});
