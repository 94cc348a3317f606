/**
 * Q7 data statistics (spec q6-q7 §3.1, §3.2, §4.4): in-sample, unsmoothed skip-bigram and
 * skip-trigram PMI over the analysed bytes, in bits (log2).
 *
 * Offset convention: d is the distance from the context byte to the target byte, so
 * J_d[a][b] counts s with data[s] = a and data[s+d] = b (s + d < n).
 */

export interface SkipStats {
  n: number;
  maxD: number;
  /** c[b]: occurrences of byte b in data[0..n−1]. */
  count: Int32Array;
  /** joint[d−1][a*256+b] = J_d[a][b]. */
  joint: Int32Array[];
}

export function skipStats(data: Uint8Array, maxD = 20): SkipStats {
  const n = data.length;
  const count = new Int32Array(256);
  for (let s = 0; s < n; s++) count[data[s]]++;
  const joint: Int32Array[] = [];
  for (let d = 1; d <= maxD; d++) {
    const J = new Int32Array(65536);
    for (let s = 0; s + d < n; s++) J[(data[s] << 8) | data[s + d]]++;
    joint.push(J);
  }
  return { n, maxD, count, joint };
}

/**
 * PMI_d(a,b) = log2((J_d[a][b]/(n−d)) / ((c[a]/n)·(c[b]/n))) in bits; 0 when J = 0 or a count is 0
 * (or d is beyond the table).
 */
export function pmi(st: SkipStats, d: number, a: number, b: number): number {
  if (d < 1 || d > st.maxD) return 0;
  const J = st.joint[d - 1][(a << 8) | b];
  const ca = st.count[a];
  const cb = st.count[b];
  if (J === 0 || ca === 0 || cb === 0) return 0;
  const n = st.n;
  return Math.log2(J / (n - d) / ((ca / n) * (cb / n)));
}

export interface TopPmi {
  d: number;
  a: number;
  b: number;
  /** PMI in bits (−99 when no pair exists at this offset). */
  pmi: number;
  count: number;
}

/** Highest-PMI pair per offset: scan a then b over J > 0, first strict maximum from −99. */
export function topPmi(st: SkipStats, d: number): TopPmi {
  let best = -99;
  let ba = 0;
  let bb = 0;
  let bc = 0;
  const J = st.joint[d - 1];
  for (let a = 0; a < 256; a++) {
    for (let b = 0; b < 256; b++) {
      if (J[(a << 8) | b] === 0) continue;
      const v = pmi(st, d, a, b);
      if (v > best) {
        best = v;
        ba = a;
        bb = b;
        bc = J[(a << 8) | b];
      }
    }
  }
  return { d, a: ba, b: bb, pmi: best, count: bc };
}

/**
 * Skip-trigram PMI (§4.4) for context (a, b) = (data[tf], data[tf+1]) and target y at offset
 * d ≥ 2: N_ab = #{s < n−d : data[s]=a, data[s+1]=b}, N_aby adds data[s+d] = y;
 * PMI3 = log2((N_aby/(n−d)) / ((N_ab/(n−1))·(c[y]/n))) if N_ab > 2 and N_aby > 0, else 0.
 * d = 1 forms no trigram: 0.
 */
export function pmi3(data: Uint8Array, count: Int32Array, d: number, a: number, b: number, y: number): number {
  if (d < 2) return 0;
  const n = data.length;
  let nab = 0;
  let naby = 0;
  for (let s = 0; s < n - d; s++) {
    if (data[s] === a && data[s + 1] === b) {
      nab++;
      if (data[s + d] === y) naby++;
    }
  }
  if (nab > 2 && naby > 0) return Math.log2(naby / (n - d) / ((nab / (n - 1)) * (count[y] / n)));
  return 0;
}

/**
 * pmi3 (context length k = 2) or the skip-4-gram PMI (k = 3, lib/analyses/oq/alignment.ts pmi4)
 * for many (d, context, y) over the same data, with the same values: per context (k consecutive
 * bytes) the positions s where it occurs are listed once, and per (context, d) the histogram of
 * data[s+d] over them (s < n − d) is counted once and kept. A direct call scans all n bytes, so
 * calling it for every position and offset was O(n²) (a 64 KB corpus: minutes); this is
 * O(n·maxD) in all.
 */
export class SkipGramTable {
  private readonly n: number;
  private readonly starts = new Map<number, Int32Array>();
  private readonly hist = new Map<number, { nc: number; by: Int32Array }>();
  constructor(
    private readonly data: Uint8Array,
    private readonly count: Int32Array,
    private readonly k: 2 | 3 = 2,
  ) {
    this.n = data.length;
    const lists = new Map<number, number[]>();
    for (let s = 0; s + k - 1 < this.n; s++) {
      let key = 0;
      for (let i = 0; i < k; i++) key = key * 256 + data[s + i];
      let l = lists.get(key);
      if (!l) lists.set(key, (l = []));
      l.push(s);
    }
    for (const [key, l] of lists) this.starts.set(key, Int32Array.from(l));
  }

  /** PMI of target y at offset d ≥ k after the context whose bytes, as a base-256 number, are `ctx`. */
  pmi(d: number, ctx: number, y: number): number {
    if (d < this.k) return 0;
    const n = this.n;
    const key = ctx * 4096 + d;
    let h = this.hist.get(key);
    if (!h) {
      const list = this.starts.get(ctx);
      const by = new Int32Array(256);
      let nc = 0;
      if (list) {
        for (let q = 0; q < list.length && list[q] < n - d; q++) {
          nc++;
          by[this.data[list[q] + d]]++;
        }
      }
      this.hist.set(key, (h = { nc, by }));
    }
    const nc = h.nc;
    const ncy = h.by[y];
    if (nc > 2 && ncy > 0) return Math.log2(ncy / (n - d) / ((nc / (n - (this.k - 1))) * (this.count[y] / n)));
    return 0;
  }

  pmi3(d: number, a: number, b: number, y: number): number {
    return this.pmi(d, (a << 8) | b, y);
  }

  pmi4(d: number, a: number, b: number, c: number, y: number): number {
    return this.pmi(d, (a << 16) | (b << 8) | c, y);
  }
}
