/**
 * Held-out text: when the corpus is longer than the analysis window (--bytes N), the bpc on the
 * bytes after the window as well as on the window ("in-sample": the bytes every analysis reads,
 * and for the report's models the bytes they were trained on).
 *
 * The float32 recurrence runs from h = 0 over the window and on past it, without a reset (the text
 * continues); held-out predictions are those whose target lies after the window: t = n−1 … m−2 for a
 * window of n bytes and m = min(file length, n + HELD_OUT_CAP) bytes read. Bits per prediction as the
 * report's forward pass (lib/rnn.ts: −log2 max(p, 1e−30), f32 state, double readout).
 */
import { kernelFor } from "../kernel.ts";
import type { Model } from "../model.ts";
import { bitsFromLogits, readoutLogits, step } from "../rnn.ts";

/** At most this many held-out bytes are scored (a long corpus would otherwise cost minutes). */
export const HELD_OUT_CAP = 65536;

export interface HeldOut {
  /** Bytes in the window and in the file. */
  window: number;
  totalBytes: number;
  inSample: { predictions: number; bpc: number };
  /** null when the file has no byte after the window. */
  heldOut: { predictions: number; bpc: number; firstByte: number; lastByte: number; capped: boolean } | null;
}

export function heldOutBpc(model: Model, file: Uint8Array, window: number, cap = HELD_OUT_CAP): HeldOut {
  const n = Math.min(window, file.length);
  const m = Math.min(file.length, n + cap);
  const H = model.H;
  let h = new Float32Array(H);
  let hn = new Float32Array(H);
  const z = new Float32Array(H);
  const logits = new Float64Array(256);
  let inSum = 0;
  let outSum = 0;
  // the forward kernel when there is one (the same bits as step + readoutLogits; 64 K steps at
  // H = 512 took ~40 s in scalar JS)
  const kernel = kernelFor(model);
  if (kernel) kernel.h.fill(0);
  for (let t = 0; t + 1 < m; t++) {
    let b: number;
    if (kernel) {
      kernel.preact(file[t]);
      kernel.activate();
      kernel.readout();
      b = bitsFromLogits(kernel.logits, file[t + 1]);
    } else {
      step(model, h, file[t], z, hn);
      [h, hn] = [hn, h];
      readoutLogits(model, h, logits);
      b = bitsFromLogits(logits, file[t + 1]);
    }
    if (t + 1 < n) inSum += b;
    else outSum += b;
  }
  const r = (v: number) => Number(v.toPrecision(8));
  const outN = Math.max(0, m - n);
  return {
    window: n,
    totalBytes: file.length,
    inSample: { predictions: n - 1, bpc: r(inSum / Math.max(1, n - 1)) },
    heldOut: outN > 0 ? { predictions: outN, bpc: r(outSum / outN), firstByte: n, lastByte: m - 1, capped: m < file.length } : null,
  };
}

/**
 * Which bytes a bpc claim of the ledger is judged on, in words, for a model whose analysis window
 * is `corpusBytes` of a `corpusTotalBytes`-byte file (for the claims engine to show beside bpc claims).
 */
export function bpcBasis(fp: { corpusBytes: number; corpusTotalBytes: number }): string {
  return fp.corpusTotalBytes > fp.corpusBytes
    ? `in-sample: the first ${fp.corpusBytes} of ${fp.corpusTotalBytes} bytes (the analysis window); the held-out bpc of the rest is on the model card`
    : `the whole corpus (${fp.corpusBytes} bytes)`;
}
