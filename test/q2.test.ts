/** Q2 offsets + X4 MI-greedy: hand-computed tiny models, slow recomputation on random weights, sat-rnn parity. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import buildQ2 from "../data-loaders/q2.ts";
import { toJson } from "../data-loaders/common.ts";
import { correctedDepths, dominantDepths, medianDepth, offsets, shareAt } from "../lib/analyses/q2/offsets.ts";
import type { Results } from "../lib/claims/engine.ts";
import { MEASURES } from "../lib/claims/measures.ts";
import { conditionalEntropy, miGreedy } from "../lib/analyses/q2/miGreedy.ts";
import q2Offsets from "../lib/printouts/q2_offsets.ts";
import { runTrace } from "../lib/rnn.ts";
import { setSimdDisabled } from "../lib/wasm.ts";
import { HAVE_SHARED, randomModel, REFERENCE_DIR, satRun, tinyModel, tinyRun } from "./helpers.ts";

/** H = 2 delay line: h0 = sign of the input's high bit, h1 = h0 of the previous step. */
function delayLine() {
  return tinyModel(2, (m) => {
    for (let x = 0; x < 256; x++) m.Wx[x] = x < 128 ? 3 : -3;
    m.Wh[1 * 2 + 0] = 3;
    m.Wy[0 * 2 + 1] = 1; // output byte 0 reads neuron 1, so a change of h1 moves P
  });
}

describe("Q2 offsets on hand-built models", () => {
  it("a delay line changes exactly neuron 1 at depth 1 and nothing deeper", () => {
    const run = tinyRun(delayLine(), "abcdefghij");
    const r = offsets(run, { positions: [5, 6, 7], maxDepth: 4 });
    for (let p = 0; p < 3; p++) {
      expect(r.changes[p * 4 + 0]).toBe(1);
      for (let d = 2; d <= 4; d++) expect(r.changes[p * 4 + d - 1]).toBe(0);
    }
    expect(Array.from(r.meanChanges)).toEqual([1, 0, 0, 0]);
    expect(r.N[1 * 4 + 0]).toBe(3);
    expect(Array.from(r.dom)).toEqual([1, 1]); // neuron 0 never changes: ties → d = 1
    expect(r.hist[1]).toBe(2);
    expect(r.grand).toBe(3);
    expect(shareAt(r, [1])).toBe(100);
    expect(shareAt(r, [2, 3])).toBe(0);
    expect(r.kl[0]).toBeGreaterThan(0);
    expect(r.kl[1]).toBe(0);
  });

  it("without recurrence nothing before the current byte matters", () => {
    const m = tinyModel(1, (mm) => {
      for (let x = 0; x < 256; x++) mm.Wx[x] = x < 128 ? 1 : -1;
    });
    const r = offsets(tinyRun(m, "hello world, this is a test"), { positions: [10, 20], maxDepth: 5 });
    expect(r.grand).toBe(0);
    expect(Array.from(r.meanKl)).toEqual([0, 0, 0, 0, 0]);
    expect(shareAt(r, [1])).toBe(0);
  });

  it("corrected offsets are δ − 1 (δ = 1 is not measurable)", () => {
    expect(correctedDepths([1, 8, 20, 3])).toEqual({ measured: [7, 19, 2], unmeasured: [0] });
  });
});

describe("Q2 on other weights", () => {
  it("agrees with a slow recomputation (perturbed byte, full re-run) on random weights", () => {
    const model = randomModel(8, 3, 0.8);
    const text = new TextEncoder().encode("The quick brown fox jumps over the lazy dog, again and again!");
    const run = tinyRun(model, text);
    const r = offsets(run, { positions: [20, 35, 50], maxDepth: 12 });
    for (const [pi, t] of [20, 35, 50].entries()) {
      for (let d = 1; d <= 12; d++) {
        const alt = text.slice(0, t + 2);
        alt[t - d] ^= 0x80;
        const tr = runTrace(model, alt);
        let c = 0;
        for (let j = 0; j < 8; j++) if (tr.h[t * 8 + j] >= 0 !== run.trace.h[t * 8 + j] >= 0) c++;
        let kl = 0;
        for (let o = 0; o < 256; o++) {
          const p = run.trace.probs[t * 256 + o];
          const q = tr.probs[t * 256 + o];
          kl += p * Math.log2(p / q);
        }
        expect(r.changes[pi * 12 + d - 1]).toBe(c);
        expect(r.kl[pi * 12 + d - 1]).toBeCloseTo(kl, 10);
      }
    }
  });

  it.each([5, 13])("the SIMD kernel and the scalar step give identical results (H = %i)", (H) => {
    const run = tinyRun(randomModel(H, 21 + H, 1.2), "Perturbation re-runs, kernel or scalar, must agree bit for bit.");
    const opts = { positions: [10, 30, 55], maxDepth: 9 };
    try {
      const simd = offsets(run, opts);
      setSimdDisabled(true);
      const scalar = offsets(run, opts);
      expect(Array.from(scalar.changes)).toEqual(Array.from(simd.changes));
      expect(Array.from(scalar.kl)).toEqual(Array.from(simd.kl));
      expect(Array.from(scalar.N)).toEqual(Array.from(simd.N));
    } finally {
      setSimdDisabled(false);
    }
  });

  it("degrades with a stated reason on short corpora (60 and 2 bytes)", () => {
    const r60 = offsets(tinyRun(randomModel(8), "x".repeat(30) + "y".repeat(30)));
    expect(r60.positions).toEqual([42]);
    expect(r60.positionsNote).toMatch(/only 1 of the 13/);
    const r2 = offsets(tinyRun(randomModel(8), "ab"));
    expect(r2.positions).toEqual([0]);
    expect(r2.positionsNote).toMatch(/do not exist/);
    expect(r2.grand).toBe(0);
    expect(() => q2Offsets(tinyRun(randomModel(8), "ab"))).not.toThrow();
  });
});

describe("X4 MI-greedy", () => {
  it("hand-computed conditional entropy", () => {
    // "abab…": the previous byte determines the next → H(Y|X_{t−1}) = 0; H(Y) = 1 bit.
    const d = new TextEncoder().encode("abababab");
    expect(conditionalEntropy(d, [])).toBe(1);
    expect(conditionalEntropy(d, [1])).toBe(0);
    // "aabb" repeated: X_{t−2} determines Y, X_{t−1} does not.
    const e = new TextEncoder().encode("aabbaabbaabb");
    // t = 1..11: context a → Y = a,b,a,b,a,b (1 bit); context b → b,a,b,a,b (H(3/5, 2/5)).
    const h35 = -(0.6 * Math.log2(0.6) + 0.4 * Math.log2(0.4));
    expect(conditionalEntropy(e, [1])).toBeCloseTo((6 / 11) * 1 + (5 / 11) * h35, 12);
    expect(conditionalEntropy(e, [2])).toBe(0);
    const g = miGreedy(e, 3, 4);
    expect(g.order[0]).toBe(1);
    expect(g.order[1]).toBe(2);
  });
  it("runs on a 2-byte corpus", () => {
    expect(miGreedy(new Uint8Array([1, 2])).order).toEqual([1]);
  });
});

describe.skipIf(!HAVE_SHARED)("Q2 parity on the sat-rnn", () => {
  it("q2_offsets printout is byte-identical", { timeout: 60_000 }, () => {
    expect(q2Offsets(satRun())).toBe(readFileSync(join(REFERENCE_DIR, "q2_offsets.txt"), "utf8"));
  });
  it("X4 reproduces the upstream MI-greedy order and H", { timeout: 60_000 }, () => {
    const g = miGreedy(satRun().data);
    expect(g.order).toEqual([1, 8, 20, 3, 27, 2, 12, 7]);
    expect(g.entropy[3].toFixed(4)).toBe("0.0693");
    const r = offsets(satRun());
    expect(shareAt(r, [2, 7, 19]).toFixed(2)).toBe("9.43");
  });
});

describe("Q2 chapter loader", () => {
  it("builds JSON on other weights (60 and 2 bytes), with no verdicts of its own", () => {
    for (const text of ["A sixty-byte corpus for the chapter loader, with some words.", "ab"]) {
      const out = JSON.parse(toJson(buildQ2(tinyRun(randomModel(8), text))));
      expect(out).not.toHaveProperty("claims"); // the claims ledger judges (test/claims.test.ts)
      expect(Object.keys(out).length).toBeGreaterThan(5);
    }
  });
});

describe("Q2 dominant depths: the bootstrap units", () => {
  const text = "<page>\n  <title>AfghanistanHistory</title>\n  <id>13</id>\n  <revision>\n    <id>15898948</id>\n    <timestamp>2002-08-27T03:07:44Z</timestamp>\n";
  const run = tinyRun(randomModel(12, 5), text);
  const r = offsets(run);
  it("each test position's flips add up to N, and rebuild the dominant depths and their median", () => {
    const N = new Int32Array(r.H * r.D);
    for (const cells of r.flipsAt) for (const c of cells) N[c]++;
    expect(Array.from(N)).toEqual(Array.from(r.N));
    const again = dominantDepths(N, r.H, r.D);
    expect(Array.from(again.dom)).toEqual(Array.from(r.dom));
    expect(Array.from(again.hist)).toEqual(Array.from(r.hist));
    // each position counts exactly its sign changes c(t, d)
    for (let p = 0; p < r.positions.length; p++) {
      let c = 0;
      for (let d = 1; d <= r.D; d++) c += Math.max(0, r.changes[p * r.D + d - 1]);
      expect(r.flipsAt[p].length).toBe(c);
    }
  });
  it("dominant depths: ties go to the smallest d, a neuron that never flips to d = 1; the median of an even count is the mid-mean", () => {
    // H = 3, D = 3: neuron 0 counts [1, 2, 2] → d = 2; neuron 1 [0, 0, 0] → 1; neuron 2 [0, 0, 4] → 3
    const { dom, hist } = dominantDepths([1, 2, 2, 0, 0, 0, 0, 0, 4], 3, 3);
    expect(Array.from(dom)).toEqual([2, 1, 3]);
    expect(Array.from(hist)).toEqual([0, 1, 1, 1]);
    expect(medianDepth([2, 1, 3])).toBe(2);
    expect(medianDepth([4, 1, 3, 2])).toBe(2.5);
  });
  it("the ledger's dominant-depth claims carry a bootstrap interval over the test positions", () => {
    const q2 = JSON.parse(toJson(buildQ2(run)));
    const m = MEASURES.medianDominantDepth({ fingerprint: run.fingerprint, q2 } as unknown as Results);
    expect(m.interval).toBeDefined();
    expect(m.interval![0]).toBeLessThanOrEqual(m.interval![1]);
    expect(m.interval![0]).toBeGreaterThanOrEqual(1);
    expect(m.interval![1]).toBeLessThanOrEqual(r.D);
  });
});

