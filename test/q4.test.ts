/** Q4 saturation + X5 mean dwell: hand-computed tiny models, direct recount on random weights, sat-rnn parity. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import buildQ4 from "../data-loaders/q4.ts";
import { toJson } from "../data-loaders/common.ts";
import { saturation, volatilityClass } from "../lib/analyses/q4/saturation.ts";
import q4Saturation from "../lib/printouts/q4_saturation.ts";
import { HAVE_SHARED, randomModel, REFERENCE_DIR, satRun, tinyModel, tinyRun } from "./helpers.ts";

describe("Q4 on hand-built models", () => {
  // h0 = +tanh(1) on 'a', −tanh(1) on 'b'; h1 the mirror image: both flip together.
  const m = tinyModel(2, (mm) => {
    mm.Wx[0 * 256 + 97] = 1;
    mm.Wx[0 * 256 + 98] = -1;
    mm.Wx[1 * 256 + 97] = -1;
    mm.Wx[1 * 256 + 98] = 1;
  });
  const run = tinyRun(m, "aababbbaX"); // states for a a b a b b b a → signs + + − + − − − +
  const r = saturation(run);
  it("counts flips over transitions (t ≥ 1), dwells and co-flips", () => {
    expect(run.trace.T).toBe(8);
    expect(Array.from(r.nFlip)).toEqual([0, 0, 1 * 2, 2, 2, 0, 0, 2]);
    expect(Array.from(r.flips)).toEqual([4, 4]);
    // flips at t = 2, 3, 4, 7 → dwells 1, 1, 3 per neuron
    expect(r.dwellHist[1]).toBe(4);
    expect(r.dwellHist[3]).toBe(2);
    expect(r.meanDwellRecorded).toBeCloseTo(5 / 3, 12);
    expect(r.meanDwellAll).toBeCloseTo(5 / 3, 12);
    expect(Array.from(r.dwellMode)).toEqual([1, 1]);
    expect(r.pairs.co[0]).toBe(4);
    expect(r.pairs.jaccard[0]).toBe(1);
    expect(r.topPairs).toEqual([0]);
    expect(r.nSat[0]).toBe(0);
    expect(r.meanAbs[0]).toBeCloseTo(Math.tanh(1), 6); // float32 accumulator, as the reference
    expect(r.cls).toEqual(["settled", "settled"]);
  });
  it("classes", () => {
    expect([0, 1, 5, 6, 50, 51].map(volatilityClass)).toEqual(["frozen", "settled", "settled", "active", "active", "volatile"]);
  });
  it("X5 includes long gaps that the histogram drops", () => {
    const one = tinyModel(1, (mm) => {
      mm.Wx[97] = 1;
      mm.Wx[98] = -1;
    });
    const text = "b" + "a".repeat(150) + "b" + "a".repeat(3) + "bb";
    const s = saturation(tinyRun(one, text));
    // flips at t = 1, 151, 152, 155 → gaps 150 (dropped), 1, 3
    expect(s.dwellAll.long).toEqual([150]);
    expect(s.meanDwellRecorded).toBe(2);
    expect(s.meanDwellAll).toBeCloseTo(154 / 3, 12);
  });
});

describe("Q4 on other weights", () => {
  it("agrees with a direct recount on random weights; runs on 2 bytes", () => {
    const run = tinyRun(randomModel(8, 5, 1.2), "Sixty bytes of text for a random eight-unit model, roughly..");
    const r = saturation(run);
    const { h, T } = run.trace;
    for (let j = 0; j < 8; j++) {
      let f = 0;
      for (let t = 1; t < T; t++) if (h[t * 8 + j] >= 0 !== h[(t - 1) * 8 + j] >= 0) f++;
      expect(r.flips[j]).toBe(f);
    }
    let co01 = 0;
    for (let t = 1; t < T; t++) if (r.flipAt[t * 8] && r.flipAt[t * 8 + 1]) co01++;
    const k = Array.from(r.pairs.a).findIndex((a, i) => a === 0 && r.pairs.b[i] === 1);
    expect(k >= 0 ? r.pairs.co[k] : 0).toBe(co01);
    expect(() => q4Saturation(tinyRun(randomModel(8), "ab"))).not.toThrow();
  });
});

describe.skipIf(!HAVE_SHARED)("Q4 parity on the sat-rnn", () => {
  it("q4_saturation printout is byte-identical; X5 values", { timeout: 60_000 }, () => {
    expect(q4Saturation(satRun())).toBe(readFileSync(join(REFERENCE_DIR, "q4_saturation.txt"), "utf8"));
    const r = saturation(satRun());
    expect(r.meanDwellRecorded.toFixed(4)).toBe("2.4342");
    expect(r.meanDwellAll.toFixed(4)).toBe("2.4477");
    expect(r.totalFlips).toBe(53342);
  });
});

describe("Q4 chapter loader", () => {
  it("builds JSON on other weights (60 and 2 bytes), with no verdicts of its own", () => {
    for (const text of ["A sixty-byte corpus for the chapter loader, with some words.", "ab"]) {
      const out = JSON.parse(toJson(buildQ4(tinyRun(randomModel(8), text))));
      expect(out).not.toHaveProperty("claims"); // the claims ledger judges (test/claims.test.ts)
      expect(Object.keys(out).length).toBeGreaterThan(5);
    }
  });
});
