import { describe, expect, it } from "vitest";
import { toJson } from "../data-loaders/common.ts";
import justify from "../data-loaders/justify.ts";
import q6 from "../data-loaders/q6.ts";
import q7 from "../data-loaders/q7.ts";
import { randomModel, tinyRun } from "./helpers.ts";

const CORPUS60 = "The quick brown fox jumps over the lazy dog, again and again.".slice(0, 60);

describe("Q6/Q7 loaders on other weights", () => {
  for (const [name, text] of [
    ["60-byte corpus", CORPUS60],
    ["2-byte corpus", "ab"],
  ] as const) {
    it(`build JSON on randomModel(8), ${name}`, () => {
      const run = tinyRun(randomModel(8, 7), text);
      const a = JSON.parse(toJson(q6(run)));
      const b = JSON.parse(toJson(q7(run)));
      const c = JSON.parse(toJson(justify(run)));
      expect(a.T).toBe(text.length - 1);
      expect(c.neuron.length).toBe((text.length - 1) * 5);
      expect(c.src.length).toBe((text.length - 1) * 5 * 3);
      // verdicts are the claims ledger's (test/claims.test.ts); h54 does not exist in an H = 8 model
      expect(a).not.toHaveProperty("claims");
      expect(a.h54Examples).toEqual([]);
      if (text.length === 2) {
        expect(a.positions).toEqual([]);
        expect(b.algebraic.positions).toEqual([]);
      } else {
        expect(b.higherOrder.positions).toBe(7);
        expect(b.algebraic.positions.length).toBe(1);
        // each offset's chance level, counted here from the rows the page shows
        const rows = b.algebraic.positions.flatMap((p: { rows: { d: number; pmi: number }[] }) => p.rows);
        for (let d = 1; d <= b.maxD; d++) {
          const at = rows.filter((r: { d: number }) => r.d === d);
          const want = at.length ? (100 * at.filter((r: { pmi: number }) => r.pmi > b.gate).length) / at.length : null;
          expect(b.algebraic.chanceByOffset[d - 1]).toBeCloseTo(want ?? NaN, 3);
        }
        // the higher-order sample: pooled over offsets, the per-offset levels give the overall baseline
        const P = b.higherOrder.points;
        for (const [key, col] of [["chanceByOffset", 3], ["chance3ByOffset", 4]] as const) {
          let n = 0, hit = 0;
          for (let d = 1; d <= b.maxD; d++) {
            let nd = 0, hd = 0;
            for (let i = 0; i < P.length; i += 5) if (P[i + 1] === d) (nd++, (hd += P[i + col] > b.gate ? 1 : 0));
            n += nd; hit += hd;
            if (nd) expect(b.higherOrder[key][d - 1]).toBeCloseTo((100 * hd) / nd, 3);
            else expect(b.higherOrder[key][d - 1]).toBeNull();
          }
          expect((100 * hit) / n).toBeCloseTo(key === "chanceByOffset" ? b.higherOrder.baselineGatedPct : b.higherOrder.baselineGated3Pct, 6);
        }
        // a bin's chance pools its offsets' scored pairs: "all" (d = 1–20) is the overall baseline
        expect(b.higherOrder.bigramBins.find((x: { name: string }) => x.name === "all").chance).toBeCloseTo(b.higherOrder.baselineGatedPct, 4);
        expect(b.algebraic.bins.find((x: { name: string }) => x.name === "all").chance).toBeCloseTo(b.algebraic.baselineGatedPct, 4);
        const shallow = rows.filter((r: { d: number }) => r.d <= 4);
        expect(b.algebraic.bins.find((x: { name: string }) => x.name === "shallow").chance).toBeCloseTo((100 * shallow.filter((r: { pmi: number }) => r.pmi > b.gate).length) / shallow.length, 4);
      }
    });
  }
});
