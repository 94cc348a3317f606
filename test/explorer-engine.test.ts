/**
 * The browser engine is the build-time engine: the esbuild bundle of lib/explorer/engine.ts,
 * imported as a plain ES module (as the page does from a Blob URL), gives bit-identical states
 * and bits to lib/rnn.ts on the sat-rnn, on random models and on tiny corpora; the edits are
 * the Q5 interventions.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { engineModule } from "../data-loaders/engine.ts";
import { serializeRawModel, type Model } from "../lib/model.ts";
import { runTrace } from "../lib/rnn.ts";
import { HAVE_SHARED, randomModel, satRun, tinyModel } from "./helpers.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let E: any;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "sat-rnn-engine-"));
  const file = join(dir, "engine.mjs");
  writeFileSync(file, engineModule({ H: 0, modelSha256: "test" }));
  E = await import(pathToFileURL(file).href);
});

/** Same bits in every float (compares IEEE patterns, so −0 ≠ +0 and NaN = NaN). */
function sameBits(a: Float32Array | Float64Array, b: Float32Array | Float64Array): boolean {
  if (a.length !== b.length || a.constructor !== b.constructor) return false;
  const ua = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const ub = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return ua.every((v, k) => v === ub[k]);
}

function compare(model: Model, data: Uint8Array) {
  const ref = runTrace(model, data);
  // through the raw layout, as the browser receives the weights
  const m2 = E.parseRawModel(serializeRawModel(model));
  const got = E.forward(m2, data);
  expect(got.T).toBe(ref.T);
  expect(sameBits(got.z, ref.z)).toBe(true);
  expect(sameBits(got.h, ref.h)).toBe(true);
  expect(sameBits(got.logits, ref.logits)).toBe(true);
  expect(sameBits(got.bits, ref.bits)).toBe(true);
  expect(got.bpc).toBe(ref.bpc);
  return got;
}

describe("bundled engine", () => {
  it("is self-contained ES module text tagged with the model", () => {
    const src = engineModule({ H: 3, modelSha256: "abc" });
    expect(src).not.toMatch(/\bfrom\s+["']/); // no imports left
    expect(src).toMatch(/export const BUILT_FOR = \{"H":3,"modelSha256":"abc"\}/);
  });

  it.skipIf(!HAVE_SHARED)("agrees bit for bit with lib/rnn.ts on the sat-rnn", () => {
    const run = satRun();
    const got = compare(run.model, run.data);
    expect(got.bpc).toBe(run.trace.bpc);
  }, 60_000);

  it("agrees on random models over 60-byte and 2-byte corpora", () => {
    const text = new TextEncoder().encode("<page><title>Anarchism</title> is a political philosophy.");
    compare(randomModel(8), text);
    compare(randomModel(5, 7, 2), text); // saturating weights
    compare(randomModel(3, 9), new Uint8Array([65, 66]));
  });

  it("returns null when there is nothing to predict", () => {
    expect(E.forward(randomModel(2), new Uint8Array([65]))).toBeNull();
  });

  it("top predictions are sorted and sum to at most 1", () => {
    const tr = E.forward(randomModel(4), E.encodeText("hello world"));
    const top = E.topPredictions(tr, 3, 5);
    expect(top).toHaveLength(5);
    for (let k = 1; k < 5; k++) expect(top[k - 1].p).toBeGreaterThanOrEqual(top[k].p);
    // the full distribution's maximum is first
    const P = Array.from(tr.probs.subarray(3 * 256, 4 * 256)) as number[];
    expect(top[0].p).toBe(Math.max(...P));
  });
});

describe("edits (Q5 interventions)", () => {
  it("readout knockout zeroes W_y columns only, on a copy", () => {
    const m = randomModel(3);
    const before = Float32Array.from(m.Wy);
    const e = E.editModel(m, { knockout: [1, 1, 7] });
    expect(e.knockedOut).toEqual([1]); // duplicates and out-of-range ignored
    for (let o = 0; o < 256; o++) {
      expect(e.model.Wy[o * 3 + 1]).toBe(0);
      expect(e.model.Wy[o * 3]).toBe(m.Wy[o * 3]);
    }
    expect(sameBits(m.Wy, before)).toBe(true);
    expect(e.model.Wh).toBe(m.Wh);
  });

  it("pruning zeroes |w| < thr (strict) and counts the zeroed entries", () => {
    const m = tinyModel(2, (mm) => {
      mm.Wh.set([0.5, -0.49, 1, -0.5]);
      mm.Wx[3] = 0.2;
      mm.Wx[256 + 4] = -2;
    });
    const e = E.editModel(m, { whThreshold: 0.5, wxThreshold: 1 });
    expect(Array.from(e.model.Wh)).toEqual([0.5, 0, 1, -0.5]);
    expect(e.zeroedWh).toBe(1);
    expect(e.model.Wx[3]).toBe(0);
    expect(e.model.Wx[256 + 4]).toBe(-2);
    expect(e.zeroedWx).toBe(511);
  });

  it.skipIf(!HAVE_SHARED)("reproduces the Q5 W_h / W_x pruning rows on the sat-rnn", () => {
    const run = satRun();
    const bpc = (edits: object) => E.forward(E.editModel(run.model, edits).model, run.data).bpc.toFixed(4);
    // spec Q5.2 / Q5.3 (reference printout q5_redux)
    expect(bpc({ whThreshold: 0.5 })).toBe("8.3724");
    expect(bpc({ wxThreshold: 1.5 })).toBe("11.9802");
    expect(E.editModel(run.model, { whThreshold: 1.0 }).zeroedWh).toBe(16374);
  }, 60_000);
});
