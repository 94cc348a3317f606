/** Open question 3: neurons explained by byte features, on a model wired to copy "x_{t−2} is a space". */
import { describe, expect, it } from "vitest";
import { featureExplanations, featuresAnswer, literalText, mi2 } from "../lib/analyses/oq/features.ts";
import { tinyModel, tinyRun } from "./helpers.ts";

const TEXT = "the 3 cats, 2 dogs and 1 bird sat ( on ) the mat . the end 42 x ".repeat(3);

/**
 * h0 > 0 ⇔ x_t is a space; h1 copies h0 (⇔ x_{t−1} is a space); h2 copies h1 (⇔ x_{t−2} is a space);
 * h3 > 0 ⇔ x_{t−1} is a space ∧ x_t is a letter (0.76·[±1] + [±1] − 1).
 */
function wired() {
  return tinyModel(4, (m) => {
    const H = 4;
    m.bh[0] = -1;
    m.Wx[0 * 256 + 32] = 2;
    m.Wh[1 * H + 0] = 2;
    m.Wh[2 * H + 1] = 2;
    m.bh[3] = -1;
    m.Wh[3 * H + 0] = 1; // h0 one step back: x_{t−1} is a space
    for (let b = 0; b < 256; b++) m.Wx[3 * 256 + b] = (b >= 97 && b <= 122) || (b >= 65 && b <= 90) ? 1 : -1;
  });
}

describe("oq3 byte-feature explanations", () => {
  it("MI of a 2×2 table by hand", () => {
    expect(mi2(50, 50, 50, 100)).toBeCloseTo(1, 12); // f = s, balanced: 1 bit
    expect(mi2(25, 50, 50, 100)).toBeCloseTo(0, 12); // independent
    expect(mi2(0, 50, 50, 100)).toBeCloseTo(1, 12); // f = ¬s
  });

  it("explains the copy neuron as 'x_{t−2} is a space', exactly", () => {
    const run = tinyRun(wired(), TEXT);
    const r = featureExplanations(run);
    expect(r.D).toBe(30);
    expect(r.positions).toBe(run.trace.T - 30);
    const n2 = r.neurons[2];
    expect(n2.single.feature).toEqual({ d: 2, kind: "space" });
    expect(n2.single.acc).toBe(1);
    expect(n2.single.positive).toBe(true);
    const spaces = Array.from({ length: r.positions }, (_, p) => run.data[30 + p - 2] === 32).filter(Boolean).length;
    expect(n2.baseline).toBeCloseTo(Math.max(spaces, r.positions - spaces) / r.positions, 12);
    expect(n2.uses).toBe("single");
    expect(n2.text).toMatch(/^h2 > 0 ≈ x_\{t−2\} is a space \(100\.0% vs \d+\.\d% baseline/);
    expect(r.neurons[0].single.feature).toEqual({ d: 0, kind: "space" });
    expect(r.neurons[1].single.feature).toEqual({ d: 1, kind: "space" });
  });

  it("explains the AND neuron by a conjunction of two offsets", () => {
    const r = featureExplanations(tinyRun(wired(), TEXT));
    const n3 = r.neurons[3];
    expect(n3.uses).toBe("conj");
    expect(n3.conj!.acc).toBe(1);
    expect(n3.single.acc).toBeLessThan(1);
    const lits = [literalText(n3.conj!.a), literalText(n3.conj!.b)].sort();
    expect(lits).toEqual(["x_t is a letter", "x_{t−1} is a space"]);
    expect(featuresAnswer(r, [2])).toContain("h2 100.0%");
  });
});
