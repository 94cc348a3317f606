/**
 * Per-position data for the text view that no chapter file carries: the margins of each state
 * (spec Q1 §M1: m = |z_t[i]|, float32 pre-activation). Bits, top-5 predictions and the Q6
 * justification of every position come from justify.json; activations from neurons.json.
 *
 * `checksum` fingerprints the exact bits of the build's z, h and logits (FNV-1a of the IEEE bytes),
 * so the in-browser engine can prove it computes the same states and logits to the last bit.
 *
 * `influence` is Q7's input-byte perturbation (lib/analyses/q7/perturb.ts) at every position: for
 * prediction t and offset d = 1 … D (d = 1 is the byte just read, data[t]), Δ_d(t) in bits is how
 * much more the true next byte costs when data[t − d + 1] is replaced by (byte + 128) mod 256
 * (positive: the original byte helped). The text view shades the earlier bytes by it. Stored as
 * Int16 of round(1000 Δ), clamped to ±32.767 bits, little-endian, base64; t-major (t·D + d − 1);
 * bytes before the start of the text are stored as 0.
 *
 * Arrays have one entry per prediction t = 0 … T−1 (h_t is the state after data[t]).
 */
import { checksum } from "../lib/explorer/engine.ts";
import { derived } from "../lib/derived.ts";
import type { Run } from "../lib/io.ts";
import { sweepEveryPosition } from "../lib/analyses/q7/perturb.ts";

/** Offsets shown by the text view's influence shading. */
export const INFLUENCE_D = 20;
export const INFLUENCE_SCALE = 1000;

/** Δ_d(t) for every prediction t, encoded as described above. */
export function influence(run: Run, D = INFLUENCE_D): { D: number; scale: number; delta: string } {
  const T = run.trace.T;
  const sw = sweepEveryPosition(run, D); // shared with Q7 over every position (q7all.ts)
  const q = new Int16Array(T * D);
  for (let k = 0; k < q.length; k++) {
    const v = sw.delta[k];
    q[k] = Number.isFinite(v) ? Math.max(-32767, Math.min(32767, Math.round(v * INFLUENCE_SCALE))) : 0;
  }
  return { D, scale: INFLUENCE_SCALE, delta: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString("base64") };
}

const r4 = (v: number) => Number(v.toPrecision(4));

export default function build(run: Run) {
  const { H, T } = run.trace;
  const pm = derived(run.trace).positionMargins;
  const min = Array.from(pm.min, r4);
  const argmin = Array.from(pm.argmin);
  const mean = Array.from(pm.mean, r4);
  const below1 = Array.from(pm.below1);
  const below01 = Array.from(pm.below01);
  const tr = run.trace;
  const sums = { z: checksum(tr.z), h: checksum(tr.h), logits: checksum(tr.logits) };
  return { H, T, checksum: sums, margins: { min, argmin, mean, below1, below01 }, influence: influence(run) };
}
