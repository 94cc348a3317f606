/**
 * The justification of EVERY prediction t = 0 … T−1 (spec q6-q7 §2.3–2.6 applied at each t), as
 * flat arrays for the Q6 position picker, the text view and the neuron pages.
 *
 * Layout (K = kept neurons per position, S = hop-1 sources per neuron; row-major):
 *   text[n]                 the analysed bytes; position t predicts text[t+1]
 *   predicted[T], pPredicted[T], pTrue[T], bits[T]      (bits = −log2 P(true), base 2)
 *   top[T*5], topP[T*5]     the 5 most probable bytes and their probabilities
 *   neuron[T*K], delta[T*K] kept neurons in rank order and their flip score Δbpc (bits)
 *   h[T*K], share[T*K]      h_t[j] and f32(Wy[y][j]·h_t[j])
 *   z[T*K], wx[T*K]         rebuilt pre-activation and Wx[j][x_t] (null at t = 0)
 *   src[T*K*S], srcTerm[T*K*S]   hop-1 sources k and signed terms f32(Wh[j][k]·h_{t−1}[k]) (−1/0 at t = 0)
 *   z2[T*K], src2[T*K], src2Term[T*K]   hop 2: the first source's pre-activation at t−1 and its top source (−1 when t ≤ 1)
 * Δ uses the rank-one readout update (agrees with full recomputation to ~1e−14 bits).
 */
import { HOP1_SOURCES, justifyAt, TOP_NEURONS } from "../lib/analyses/q6/justify.ts";
import type { Run } from "../lib/io.ts";

const r6 = (v: number) => Number(v.toPrecision(6));
const r4 = (v: number) => Number(v.toPrecision(4));

export default function build(run: Run) {
  const T = run.trace.T;
  const K = Math.min(TOP_NEURONS, run.model.H);
  const S = Math.min(HOP1_SOURCES, run.model.H);
  const out = {
    T,
    K,
    S,
    bias: Array.from(run.model.bh, r6),
    text: Array.from(run.data),
    predicted: [] as number[],
    pPredicted: [] as number[],
    pTrue: [] as number[],
    bits: [] as number[],
    top: [] as number[],
    topP: [] as number[],
    neuron: [] as number[],
    delta: [] as number[],
    h: [] as number[],
    share: [] as number[],
    z: [] as (number | null)[],
    wx: [] as (number | null)[],
    src: [] as number[],
    srcTerm: [] as number[],
    z2: [] as (number | null)[],
    src2: [] as number[],
    src2Term: [] as number[],
  };
  for (let t = 0; t < T; t++) {
    const J = justifyAt(run, t, { exact: false, ranked: true });
    out.predicted.push(J.predicted);
    out.pPredicted.push(r6(J.pPredicted));
    out.pTrue.push(r6(J.pTrue));
    out.bits.push(r6(J.bpc));
    for (const p of J.top) {
      out.top.push(p.byte);
      out.topP.push(r4(p.p));
    }
    for (const n of J.neurons) {
      out.neuron.push(n.j);
      out.delta.push(r6(n.delta));
      out.h.push(r4(n.h));
      out.share.push(r4(n.share));
      out.z.push(n.z === undefined ? null : r4(n.z));
      out.wx.push(n.wx === undefined ? null : r4(n.wx));
      for (let s = 0; s < S; s++) {
        const src = n.sources?.[s];
        out.src.push(src ? src.k : -1);
        out.srcTerm.push(src ? r4(src.term) : 0);
      }
      out.z2.push(n.hop2 ? r4(n.hop2.z) : null);
      out.src2.push(n.hop2 ? n.hop2.top.k : -1);
      out.src2Term.push(n.hop2 ? r4(n.hop2.top.term) : 0);
    }
  }
  return out;
}
