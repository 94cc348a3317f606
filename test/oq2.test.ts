/** Open question 2: cycles of the sign-only map under a fixed input, on hand-built automata. */
import { describe, expect, it } from "vitest";
import { cyclesAnswer, fixedInputCycles } from "../lib/analyses/oq/cycles.ts";
import { setSimdDisabled } from "../lib/wasm.ts";
import { randomModel, tinyModel, tinyRun } from "./helpers.ts";

const A = 97; // 'a'
const B = 98; // 'b'

/** s0′ = s1, s1′ = ¬s0: every state lies on one 4-cycle (11 → 10 → 00 → 01 → 11). */
const rotation = () =>
  tinyModel(2, (m) => {
    m.Wh[0 * 2 + 1] = 1;
    m.Wh[1 * 2 + 0] = -1;
  });

/** s0′ = 1 (under 'a'), s1′ = s0: from 00 the orbit is 00 → 10 → 11 → 11 (tail 2, fixed point 11). */
const settle = () =>
  tinyModel(2, (m) => {
    m.bh[0] = 1;
    m.Wx[0 * 256 + B] = -2; // after 'b' neuron 0 is negative …
    m.Wx[1 * 256 + B] = -1; // … and so is neuron 1: the state before the first 'a' is 00
    m.Wh[1 * 2 + 0] = 1;
  });

describe("oq2 fixed-input cycles", () => {
  it("finds the rotation's period 4 from every start, tail 0, one attractor", () => {
    const r = fixedInputCycles(tinyRun(rotation(), "abab"), { inputs: [A], randomStarts: 3 });
    expect(r.inputs).toHaveLength(1);
    for (const o of r.inputs[0].orbits) {
      expect(o.period).toBe(4);
      expect(o.tail).toBe(0);
    }
    expect(r.inputs[0].attractors).toBe(1);
    expect(r.fixedPoints).toEqual([]);
    expect(r.maxPeriod).toBe(4);
    expect(cyclesAnswer(r)).toContain("4 of 4 orbits");
  });

  it("measures a tail of 2 into the fixed point 11 from the corpus state 00", () => {
    const run = tinyRun(settle(), "ba");
    // the f32 state before 'a' is read: both neurons negative
    expect(run.trace.h[0]).toBeLessThan(0);
    expect(run.trace.h[1]).toBeLessThan(0);
    const r = fixedInputCycles(run, { inputs: [A], randomStarts: 0 });
    expect(r.inputs[0].orbits[0]).toMatchObject({ start: "corpus", tail: 2, period: 1, cycleId: "00000003" });
    expect(r.fixedPoints).toEqual([{ x: A, state: "00000003" }]);
    expect(r.inputs[0].fixedPoint).toBe(true);
  });

  it("reports a lower bound when the budget runs out before the cycle closes", () => {
    const r = fixedInputCycles(tinyRun(rotation(), "abab"), { inputs: [A], randomStarts: 0, budget: 2 });
    expect(r.open).toBe(1);
    expect(r.inputs[0].orbits[0]).toMatchObject({ tail: null, period: null, steps: 2 });
    expect(r.stepsUsed).toBe(2);
    expect(cyclesAnswer(r)).toContain("no cycle within 2 steps");
  });

  it("studies every byte that occurs, with the budget shared and respected", () => {
    const run = tinyRun(randomModel(24, 5, 0.8), "the cat sat on the mat");
    const r = fixedInputCycles(run, { budget: 5000 });
    expect(r.inputs.map((i) => i.x)).toEqual([...new Set(run.data)].sort((a, b) => a - b));
    expect(r.orbits).toBe(r.inputs.length * 3);
    // Brent's search stays within the budget; tail searches of closed orbits may add to it
    const brentOnly = r.inputs.flatMap((i) => i.orbits).filter((o) => o.period === null);
    for (const o of brentOnly) expect(o.steps).toBeGreaterThanOrEqual(r.minOpenSteps!);
  });

  it("the SIMD kernel path and the scalar bstep give the same orbits", () => {
    const run = tinyRun(randomModel(40, 9, 0.6), "hello, world");
    const a = fixedInputCycles(run, { budget: 20000 });
    try {
      setSimdDisabled(true);
      const b = fixedInputCycles(run, { budget: 20000 });
      expect(b).toEqual(a);
    } finally {
      setSimdDisabled(false);
    }
  });
});
