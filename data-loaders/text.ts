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
import type { Run } from "../lib/io.ts";

const r4 = (v: number) => Number(v.toPrecision(4));

export default function build(run: Run) {
  const { H, T, z } = run.trace;
  const min: number[] = [];
  const argmin: number[] = [];
  const mean: number[] = [];
  const below1: number[] = [];
  const below01: number[] = [];
  for (let t = 0; t < T; t++) {
    let mn = Infinity;
    let am = 0;
    let s = 0;
    let c1 = 0;
    let c01 = 0;
    for (let i = 0; i < H; i++) {
      const m = Math.abs(z[t * H + i]);
      if (m < mn) {
        mn = m;
        am = i;
      }
      s += m;
      if (m < 1) c1++;
      if (m < 0.1) c01++;
    }
    min.push(r4(mn));
    argmin.push(am);
    mean.push(r4(s / H));
    below1.push(c1);
    below01.push(c01);
  }
  const tr = run.trace;
  const sums = { z: checksum(tr.z), h: checksum(tr.h), logits: checksum(tr.logits) };
  return { H, T, checksum: sums, margins: { min, argmin, mean, below1, below01 } };
}
