/**
 * Per-neuron statistics for the neuron pages (neuronPages.ts puts each neuron's share in its own
 * file) and the whole activation matrix for the text view's neuron colouring (data/neurons.json),
 * computed once for all H neurons from the recorded forward pass and the weights.
 *
 * Units and conventions: positions t = 0 … T−1 (h_t is the state after data[t]); margins are
 * |z_t[j]| (pre-activation, float32); bits are base 2. A flip of j at t means t ≥ 1 and
 * sign(h_t[j]) ≠ sign(h_{t−1}[j]) with sign = (h ≥ 0) (spec Q4.1). Mean dwell is X5: the mean
 * gap between consecutive flips of the same neuron, all gaps included.
 *
 * Layout: `act` is base64 of an Int8Array T×H (row t, column j): q = round(127·h_t[j]), except
 * that q ≥ 0 exactly when h_t[j] ≥ 0 (a tiny negative h is stored as −1), so signs are exact.
 */
import { derived } from "../lib/derived.ts";
import type { Run } from "../lib/io.ts";
import { VOCAB } from "../lib/model.ts";

/** How many strongest weights to list per neuron. */
export const TOP_WEIGHTS = 8;
export const TOP_BYTES = 6;

const r4 = (v: number) => Number(v.toPrecision(4));

export interface NeuronStats {
  j: number;
  bias: number;
  /** Share of positions with h ≥ 0, and mean h / mean |h| over t. */
  pctPositive: number;
  meanH: number;
  meanAbsH: number;
  /** Margins |z_t[j]|: mean, minimum (and where), positions below 1 and below 0.1. */
  marginMean: number;
  marginMin: number;
  marginMinT: number;
  marginBelow1: number;
  marginBelow01: number;
  /** Flips (Q4.1 convention) and the X5 mean dwell (null with < 2 flips). */
  flips: number;
  meanDwell: number | null;
  /** ‖W_y[:, j]‖₂ and the bytes the column raises / lowers most: [byte, weight]. */
  wyNorm: number;
  promotes: [number, number][];
  demotes: [number, number][];
  /** W_x[j][x]: the input bytes that push z_j up / down most: [byte, weight]. */
  inputUp: [number, number][];
  inputDown: [number, number][];
  /** Strongest incoming W_h[j][k] (from k) and outgoing W_h[i][j] (to i): [neuron, weight]. */
  incoming: [number, number][];
  outgoing: [number, number][];
}

/** Indices of the `k` largest keys, ties to the smaller index. */
function topBy(n: number, key: (i: number) => number, k: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => key(b) - key(a) || a - b);
  return idx.slice(0, k);
}

/** An activation as stored for the pages: round(127·h), clamped to ±127, with the sign of h kept exactly. */
export function quantizeActivation(v: number): number {
  const q = Math.max(-127, Math.min(127, Math.round(v * 127)));
  return v >= 0 ? Math.max(q, 0) : Math.min(q, -1);
}

function int8Base64(run: Run): string {
  const { H, T, h } = run.trace;
  const q = new Int8Array(T * H);
  for (let k = 0; k < T * H; k++) q[k] = quantizeActivation(h[k]);
  return Buffer.from(q.buffer).toString("base64");
}

export function neuronStats(run: Run): NeuronStats[] {
  const { model } = run;
  const { H, T, h } = run.trace;
  const { Wx, Wh, Wy, bh } = model;
  const D = derived(run.trace);
  const nm = D.neuronMargins;
  const out: NeuronStats[] = [];
  for (let j = 0; j < H; j++) {
    let sumH = 0;
    let sumAbs = 0;
    for (let t = 0; t < T; t++) {
      const v = h[t * H + j];
      sumH += v;
      sumAbs += Math.abs(v);
    }
    const col = (o: number) => Wy[o * H + j];
    let norm = 0;
    for (let o = 0; o < VOCAB; o++) norm += col(o) * col(o);
    const wx = (x: number) => Wx[j * VOCAB + x];
    const pairs = (ids: number[], w: (i: number) => number): [number, number][] => ids.map((i) => [i, r4(w(i))]);
    out.push({
      j,
      bias: r4(bh[j]),
      pctPositive: r4((100 * D.positives[j]) / T),
      meanH: r4(sumH / T),
      meanAbsH: r4(sumAbs / T),
      marginMean: r4(nm.sum[j] / T),
      marginMin: r4(nm.min[j]),
      marginMinT: nm.minT[j],
      marginBelow1: nm.below1[j],
      marginBelow01: nm.below01[j],
      flips: D.flips[j],
      meanDwell: D.dwellCount[j] ? r4(D.dwellSum[j] / D.dwellCount[j]) : null,
      wyNorm: r4(Math.sqrt(norm)),
      promotes: pairs(topBy(VOCAB, col, TOP_BYTES), col),
      demotes: pairs(topBy(VOCAB, (o) => -col(o), TOP_BYTES), col),
      inputUp: pairs(topBy(VOCAB, wx, TOP_BYTES), wx),
      inputDown: pairs(topBy(VOCAB, (x) => -wx(x), TOP_BYTES), wx),
      incoming: pairs(topBy(H, (k) => Math.abs(Wh[j * H + k]), Math.min(TOP_WEIGHTS, H)), (k) => Wh[j * H + k]),
      outgoing: pairs(topBy(H, (i) => Math.abs(Wh[i * H + j]), Math.min(TOP_WEIGHTS, H)), (i) => Wh[i * H + j]),
    });
  }
  return out;
}

/** data/neurons.json: what the text view reads (the pages' statistics are in data/neuron/<j>.json). */
export default function build(run: Run) {
  const { H, T } = run.trace;
  /** base64 Int8 T×H, see the file comment. */
  return { H, T, act: int8Base64(run) };
}
