/**
 * Per-position data for the text view that no chapter file carries: the margins of each state
 * (spec Q1 §M1: m = |z_t[i]|, float32 pre-activation). Bits, top-5 predictions and the Q6
 * justification of every position come from justify.json; activations from neurons.json.
 *
 * `checksum` fingerprints the exact bits of the build's z, h and logits (FNV-1a of the IEEE bytes),
 * so the in-browser engine can prove it computes the same states and logits to the last bit.
 *
 * Arrays have one entry per prediction t = 0 … T−1 (h_t is the state after data[t]).
 */
import { checksum } from "../lib/explorer/engine.ts";
import { derived } from "../lib/derived.ts";
import type { Run } from "../lib/io.ts";

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
  return { H, T, checksum: sums, margins: { min, argmin, mean, below1, below01 } };
}
