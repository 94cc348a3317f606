/** Open question 4: 2/3/4-gram PMI alignment by depth band, chance baseline and bootstrap, on hand-made inputs. */
import { describe, expect, it } from "vitest";
import { alignment, alignmentAnswer, alignmentOf, pmi4 } from "../lib/analyses/oq/alignment.ts";
import { MAX_D } from "../lib/analyses/q7/algebraic.ts";
import { tinyModel, tinyRun } from "./helpers.ts";

const enc = (s: string) => new TextEncoder().encode(s);

describe("oq4 higher-order alignment", () => {
  it("PMI4 by hand", () => {
    const data = enc("abcxabcxabcx");
    const count = new Int32Array(256);
    for (const b of data) count[b]++;
    // N_abc = 3 (s = 0, 4, 8 < n − 3 = 9), N_abcx = 3, c[x] = 3: log2((3/9) / ((3/10)·(3/12)))
    expect(pmi4(data, count, 3, 97, 98, 99, 120)).toBeCloseTo(Math.log2(3 / 9 / ((3 / 10) * (3 / 12))), 12);
    expect(pmi4(data, count, 2, 97, 98, 99, 120)).toBe(0); // no 4-gram at d < 3
    expect(pmi4(data, count, 3, 97, 98, 99, 97)).toBe(0); // N_abcy = 0
  });

  it("a periodic text passes every gate its order allows: the shares follow from |Δ| = d by hand", () => {
    const data = enc("abcd".repeat(20));
    const positions = [30, 34];
    const absDelta = new Float64Array(positions.length * MAX_D);
    for (let p = 0; p < positions.length; p++) for (let d = 1; d <= MAX_D; d++) absDelta[p * MAX_D + d - 1] = d;
    const r = alignmentOf(data, positions, absDelta, { permutations: 50, bootstrap: 50 });
    const shallow = r.bands.find((b) => b.name === "shallow")!;
    expect(shallow.mass).toBe(20);
    const [o2, o3, o4] = shallow.orders;
    expect(o2.pct).toBeCloseTo(100, 12);
    expect(o3.pct).toBeCloseTo(90, 12); // (2+3+4)/(1+2+3+4)
    expect(o4.pct).toBeCloseTo(70, 12); // (3+4)/10
    expect(o3.chance).toBeCloseTo(75, 12); // 6 of 8 pairs gated
    expect(o4.chance).toBeCloseTo(50, 12);
    // both positions are alike: the bootstrap interval collapses onto the estimate
    expect(o3.lo).toBeCloseTo(90, 9);
    expect(o3.hi).toBeCloseTo(90, 9);
    // permutations move |Δ| between gated and ungated pairs: the range brackets the chance share
    expect(o4.chanceLo).toBeLessThanOrEqual(o4.chance);
    expect(o4.chanceHi).toBeGreaterThanOrEqual(o4.chance);
    const deep = r.bands.find((b) => b.name === "deep")!;
    for (const o of deep.orders) expect(o.pct).toBeCloseTo(100, 12);
  });

  it("runs Q7's sweep itself on any model and answers in one sentence", () => {
    const m = tinyModel(3, (m) => {
      m.Wx[0 * 256 + 99] = 1; // h0 reads 'c' (x_t at every sampled t) …
      m.Wy[100 * 3 + 0] = 2; // … and promotes 'd': perturbing x_t changes the bits paid
    });
    const r = alignment(tinyRun(m, "abcd".repeat(20)));
    expect(r.positions).toBe(12); // t = 30, 34, …, 74 (< n − 2 = 78)
    expect(alignmentAnswer(r)).toMatch(/^Over all offsets the attribution mass aligned/);
    expect(alignmentAnswer(alignment(tinyRun(m, "abc")))).toMatch(/^Not computable/);
  });
});
