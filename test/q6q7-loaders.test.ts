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
      }
    });
  }
});
