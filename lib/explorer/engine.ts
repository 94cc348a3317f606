/**
 * The browser engine: the build-time forward pass (lib/rnn.ts step / readoutLogits / softmax /
 * runTrace with lib/f32.ts tanhf) re-exported unchanged, plus the model edits of the Q5 redux
 * (readout knockout, magnitude pruning). data-loaders/engine.ts bundles this file with esbuild
 * into one ES module the explorer pages import, so the browser runs the same code as the build.
 *
 * Conventions as in lib/rnn.ts: positions count from 0, h_t is the state after data[t] and
 * predicts data[t+1]; bits are base 2.
 */
import { pruneBelow } from "../analyses/q5/forward.ts";
import { type Justification, justifyAt } from "../analyses/q6/justify.ts";
import type { Run } from "../io.ts";
import { tanhf } from "../f32.ts";
import { type Model, parseRawModel, VOCAB } from "../model.ts";
import { bitsFromLogits, bitsOfProbability, readoutLogits, runTrace, softmax, step, type Trace } from "../rnn.ts";

export { bitsFromLogits, bitsOfProbability, parseRawModel, readoutLogits, runTrace, softmax, step, tanhf, VOCAB };
export type { Justification, Model, Trace };

/** Model edits, all of them spec Q2–Q5 interventions (§Q5.1–Q5.4). */
export interface Edits {
  /** Readout knockout: zero column j of W_y for each listed j (dynamics untouched). */
  knockout?: number[];
  /** Zero W_h entries with |w| < threshold (strict); 0 = no pruning. */
  whThreshold?: number;
  /** Zero W_x entries with |w| < threshold (strict); 0 = no pruning. */
  wxThreshold?: number;
}

export interface EditedModel {
  model: Model;
  /** Entries set to zero by pruning, and the W_y columns knocked out. */
  zeroedWh: number;
  zeroedWx: number;
  knockedOut: number[];
}

/** A copy of `model` with the edits applied (the input is never modified). */
export function editModel(model: Model, edits: Edits = {}): EditedModel {
  const { H } = model;
  const wh = edits.whThreshold ? pruneBelow(model.Wh, edits.whThreshold) : { w: model.Wh, zeroed: 0 };
  const wx = edits.wxThreshold ? pruneBelow(model.Wx, edits.wxThreshold) : { w: model.Wx, zeroed: 0 };
  const knockedOut = [...new Set(edits.knockout ?? [])].filter((j) => Number.isInteger(j) && j >= 0 && j < H).sort((a, b) => a - b);
  let Wy = model.Wy;
  if (knockedOut.length) {
    Wy = Float32Array.from(model.Wy);
    for (const j of knockedOut) for (let o = 0; o < VOCAB; o++) Wy[o * H + j] = 0;
  }
  return { model: { H, Wx: wx.w, Wh: wh.w, bh: model.bh, Wy, by: model.by }, zeroedWh: wh.zeroed, zeroedWx: wx.zeroed, knockedOut };
}

/**
 * The forward pass over `data` (runTrace from h = 0), or null when there is nothing to predict
 * (fewer than 2 bytes).
 */
export function forward(model: Model, data: Uint8Array): Trace | null {
  return data.length < 2 ? null : runTrace(model, data);
}

/** The k most probable next bytes at position t, most probable first (ties: smaller byte first). */
export function topPredictions(trace: Trace, t: number, k = 5): { byte: number; p: number }[] {
  const P = trace.probs.subarray(t * VOCAB, (t + 1) * VOCAB);
  const idx = Array.from({ length: VOCAB }, (_, o) => o);
  idx.sort((a, b) => P[b] - P[a] || a - b);
  return idx.slice(0, k).map((o) => ({ byte: o, p: P[o] }));
}

/** The UTF-8 bytes of a string (what a reader types). */
export function encodeText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * The Q6 justification of prediction t (lib/analyses/q6/justify.ts justifyAt, rank-one flip
 * scores) for a trace made in the browser.
 */
export function justify(model: Model, trace: Trace, t: number, keep = 5): Justification {
  const run = { model, data: trace.data, trace } as unknown as Run;
  return justifyAt(run, t, { keep, exact: false });
}

/** Margins of the state h_t: |z_t[i]| summarised (min, mean, and how many are below 1 and 0.1). */
export function margins(trace: Trace, t: number): { min: number; mean: number; below1: number; below01: number; argmin: number } {
  const H = trace.H;
  const z = trace.z.subarray(t * H, (t + 1) * H);
  let min = Infinity;
  let argmin = 0;
  let sum = 0;
  let below1 = 0;
  let below01 = 0;
  for (let i = 0; i < H; i++) {
    const m = Math.abs(z[i]);
    if (m < min) {
      min = m;
      argmin = i;
    }
    sum += m;
    if (m < 1) below1++;
    if (m < 0.1) below01++;
  }
  return { min, mean: sum / H, below1, below01, argmin };
}

/**
 * FNV-1a (32-bit) over the bytes of a typed array: a fingerprint of its exact IEEE bit patterns,
 * so the build and the browser can check that their states and logits agree to the last bit.
 */
export function checksum(a: Float32Array | Float64Array): string {
  const u = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let hsh = 0x811c9dc5;
  for (let k = 0; k < u.length; k++) hsh = Math.imul(hsh ^ u[k], 0x01000193) >>> 0;
  return hsh.toString(16).padStart(8, "0");
}
