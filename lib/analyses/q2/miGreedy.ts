/**
 * X4 — MI-greedy offsets (spec README X4; Q2–Q5 §Q2.7 background). Greedy choice of skip-gram
 * offsets δ ∈ 1..maxOffset (δ = 1 is the byte just consumed, i.e. data[t−1] when predicting data[t])
 * minimising the plug-in conditional entropy H(Y | X_{t−δ1}, …) in bits: counts over
 * t = max δ … n−1, no smoothing, contexts weighted by count/N. The first pick is δ = 1; ties go to
 * the smallest δ.
 */

export interface MiGreedyResult {
  /** Offsets in the order picked. */
  order: number[];
  /** H(Y | chosen offsets so far) in bits, after each pick (same index as `order`). */
  entropy: number[];
  /** H(Y) with no context (bits), over all n bytes. */
  h0: number;
}

/** Plug-in H(Y | X_{t−δ} for δ in offs) in bits over t = max(offs) … n−1. */
export function conditionalEntropy(data: Uint8Array, offs: number[]): number {
  const n = data.length;
  const m = offs.length ? Math.max(...offs) : 0;
  if (m >= n) return NaN;
  const ctx = new Map<string, Map<number, number>>();
  const N = n - m;
  for (let t = m; t < n; t++) {
    let key = "";
    for (const d of offs) key += String.fromCharCode(data[t - d]);
    let c = ctx.get(key);
    if (!c) ctx.set(key, (c = new Map()));
    c.set(data[t], (c.get(data[t]) ?? 0) + 1);
  }
  let H = 0;
  for (const c of ctx.values()) {
    let tot = 0;
    for (const v of c.values()) tot += v;
    for (const v of c.values()) H -= (v / N) * Math.log2(v / tot);
  }
  return H;
}

export function miGreedy(data: Uint8Array, picks = 8, maxOffset = 30): MiGreedyResult {
  const order: number[] = [];
  const entropy: number[] = [];
  const maxOff = Math.min(maxOffset, data.length - 1);
  if (maxOff >= 1) {
    order.push(1);
    entropy.push(conditionalEntropy(data, [1]));
  }
  while (order.length < Math.min(picks, maxOff)) {
    let best = -1;
    let bestH = Infinity;
    for (let d = 1; d <= maxOff; d++) {
      if (order.includes(d)) continue;
      const H = conditionalEntropy(data, [...order, d]);
      if (H < bestH) {
        bestH = H;
        best = d;
      }
    }
    if (best < 0) break;
    order.push(best);
    entropy.push(bestH);
  }
  return { order, entropy, h0: conditionalEntropy(data, []) };
}
