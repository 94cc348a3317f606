/**
 * Q1 §S (`q1_sparsity`): backward-attribution sparsity of the 81,920 (for H = 128) pattern slots,
 * never-active slots and the depth profile; plus
 *  - the corrected ("gated") Wx attribution (quirk §Q5: the reference forgets the tanh gate of
 *    the step it attributes, and gives the current input no attribution): candidate for
 *    Wx(data[t−d], j) = |f32(Wx[j][b]·f32(f32(1−h²_{t−d,j})·back_j))| for offsets d = 0..min(50,t);
 *  - X3: ρ(D), the Spearman correlation between slot scores (Σ_t per-t attribution with the loop
 *    cut at depth D) and the depth-50 scores, D = 1..50, computed in one pass by recording, per
 *    depth, how much each slot's running max grew.
 * Slot layout: Wx(b,j) at j·256+b; Wh(j→i) at 256H + i·H+j; Wy(j,b) at 256H + H² + b·H+j.
 * Attributions are |weight × gradient| in nats-gradient units (∂ −ln P / ∂·). bpc in bits.
 *
 * Speed (same numbers, byte for byte): the back-propagation matrix-vector products, the tanh gate
 * and the output gradient run in a wasm SIMD kernel (./simd.ts) that vectorises across independent
 * sums and keeps each sum's own term order; without SIMD the plain JS loops below do the same.
 * X3 ranks are computed with one native sort per depth (Ranker).
 */
import type { Run } from "../../io.ts";
import { VOCAB } from "../../model.ts";
import { createBackprop } from "./simd.ts";

const f32 = Math.fround;

export const TAUS = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];
export const MAX_DEPTH = 50;

export interface ClassCounts {
  /** Per τ: Σ_t count (exact integer). */
  sum: number[];
}

export interface SparsityResult {
  H: number;
  n: number;
  T: number;
  sig: { wx: number; wh: number; wy: number; total: number };
  bpc: number;
  /** Per τ: the per-t totals n_t (T values each). */
  perT: Int32Array[];
  meanN: number[];
  median: number[];
  min: number[];
  max: number[];
  nOverSig: number[];
  classMean: { wx: number[]; wh: number[]; wy: number[] };
  never: { wx: number; wh: number; wy: number; total: number; slots: { wx: number; wh: number; wy: number; total: number } };
  /** Depth profile: mean mass per offset d = 0..maxD and count. */
  depthMass: number[];
  depthCount: number[];
  gated: {
    classMean: number[];
    never: number;
    depthMass: number[];
    depthCount: number[];
  };
  /** X3: ρ(D) for D = 1..min(50, T−1) (index D−1), and the smallest D with ρ ≥ 0.9995 (or null). */
  rho: number[];
  rhoDepth: number | null;
  /** Number of slots with a non-zero depth-50 score. */
  scoredSlots: number;
}

function sortedRanks(vals: Float64Array): Float64Array {
  // Average ranks (1-based) for ties, via a sorted copy and binary search.
  const s = Float64Array.from(vals).sort();
  const N = s.length;
  const out = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    const v = vals[k];
    let lo = 0, hi = N;
    while (lo < hi) { const m = (lo + hi) >> 1; if (s[m] < v) lo = m + 1; else hi = m; }
    const first = lo;
    hi = N;
    while (lo < hi) { const m = (lo + hi) >> 1; if (s[m] <= v) lo = m + 1; else hi = m; }
    out[k] = (first + lo - 1) / 2 + 1;
  }
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The same average ranks as `sortedRanks`, for repeated use on vectors of one length, with a single
 * native Float64Array sort and no per-element binary search. For non-negative doubles the IEEE bit
 * pattern orders like the value, so each value's low mantissa bits are overwritten with its index:
 * the sorted keys then carry their indices. Values that differ only in those low bits land in one
 * run of equal high bits, ordered by index; such runs are re-sorted by the true values before equal
 * values share the mean of their positions. Negative or non-finite inputs use `sortedRanks`.
 */
export class Ranker {
  private readonly key: Float64Array;
  private readonly words: Uint32Array;
  private readonly idx: Int32Array;
  private readonly mask: number;
  private readonly packed: boolean;

  constructor(readonly n: number) {
    const bits = Math.max(1, Math.ceil(Math.log2(Math.max(2, n))));
    this.packed = LITTLE_ENDIAN && bits <= 24;
    this.mask = (1 << bits) - 1;
    this.key = new Float64Array(this.packed ? n : 0);
    this.words = new Uint32Array(this.key.buffer);
    this.idx = new Int32Array(this.packed ? n : 0);
  }

  /** out[k] = average 1-based rank of vals[k] (vals.length = n). */
  ranks(vals: Float64Array, out: Float64Array): void {
    const n = this.n;
    const { key, words, idx, mask } = this;
    let ok = this.packed;
    for (let q = 0; ok && q < n; q++) {
      const v = vals[q];
      if (!(v >= 0 && v < Infinity)) ok = false;
      else {
        key[q] = v === 0 ? 0 : v; // −0 → +0
        words[2 * q] = ((words[2 * q] & ~mask) | q) >>> 0;
      }
    }
    if (!ok) {
      out.set(sortedRanks(vals));
      return;
    }
    key.sort();
    for (let p = 0; p < n; p++) idx[p] = words[2 * p] & mask;
    const himask = ~mask;
    for (let p = 0; p < n;) {
      const hi = words[2 * p + 1], lo = words[2 * p] & himask;
      let e = p + 1;
      while (e < n && words[2 * e + 1] === hi && (words[2 * e] & himask) === lo) e++;
      // sort the run by true value (runs are almost always of length 1; long ones use a comparator sort)
      if (e - p > 32) idx.subarray(p, e).sort((a, b) => vals[a] - vals[b]);
      else for (let a = p + 1; a < e; a++) {
        const ia = idx[a], va = vals[ia];
        let b = a - 1;
        while (b >= p && vals[idx[b]] > va) { idx[b + 1] = idx[b]; b--; }
        idx[b + 1] = ia;
      }
      p = e;
    }
    for (let p = 0; p < n;) {
      const v = vals[idx[p]];
      let e = p + 1;
      while (e < n && vals[idx[e]] === v) e++;
      const r = (p + e - 1) / 2 + 1;
      for (let q = p; q < e; q++) out[idx[q]] = r;
      p = e;
    }
  }
}

/** Pearson correlation of two rank vectors (= Spearman with average ranks). */
export function pearson(a: Float64Array, b: Float64Array): number {
  const N = a.length;
  let ma = 0, mb = 0;
  for (let k = 0; k < N; k++) { ma += a[k]; mb += b[k]; }
  ma /= N; mb /= N;
  let sab = 0, saa = 0, sbb = 0;
  for (let k = 0; k < N; k++) { const x = a[k] - ma, y = b[k] - mb; sab += x * y; saa += x * x; sbb += y * y; }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : saa === 0 && sbb === 0 ? 1 : 0;
}

export function spearman(a: Float64Array, b: Float64Array): number {
  return pearson(sortedRanks(a), sortedRanks(b));
}

export interface SparsityOptions {
  /** Compute X3 ρ(D) (default true). */
  rho?: boolean;
  /** Use the wasm SIMD back-propagation kernel when available (default true; false forces the JS loop). Same numbers either way. */
  simd?: boolean;
}

/**
 * back_j = F-sum_{i ascending} f32(Wh[i][j]·sc_i), exactly as the reference (float32 accumulator),
 * with four independent accumulators (four columns at a time) over a column-major f64 copy of Wh
 * — the hot loop; its latency chain is what limits speed. This is the fallback when wasm SIMD is
 * unavailable; ./simd.ts computes the same sums eight f32x4 (32 columns) at a time.
 */
function propagate(WhT: Float64Array, sc: Float32Array, nb: Float32Array, H: number): void {
  const fr = Math.fround;
  let j = 0;
  for (; j + 4 <= H; j += 4) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    const c0 = j * H, c1 = c0 + H, c2 = c1 + H, c3 = c2 + H;
    for (let i = 0; i < H; i++) {
      const s = sc[i];
      a0 = fr(a0 + fr(WhT[c0 + i] * s));
      a1 = fr(a1 + fr(WhT[c1 + i] * s));
      a2 = fr(a2 + fr(WhT[c2 + i] * s));
      a3 = fr(a3 + fr(WhT[c3 + i] * s));
    }
    nb[j] = a0; nb[j + 1] = a1; nb[j + 2] = a2; nb[j + 3] = a3;
  }
  for (; j < H; j++) {
    let a0 = 0;
    const c0 = j * H;
    for (let i = 0; i < H; i++) a0 = fr(a0 + fr(WhT[c0 + i] * sc[i]));
    nb[j] = a0;
  }
}

export function analyzeSparsity(run: Run, opts: SparsityOptions = {}): SparsityResult {
  const doRho = opts.rho ?? true;
  const model = run.model;
  const data = run.data;
  const H = model.H;
  const T = run.trace.T;
  const n = data.length;
  const Wx = model.Wx, Wh = model.Wh, Wy = model.Wy;
  const hs = run.trace.h;
  const probs = run.trace.probs;
  // S1
  const t001 = f32(0.01);
  let sx = 0, sh = 0, sy = 0;
  for (let k = 0; k < Wx.length; k++) if (Math.abs(Wx[k]) > t001) sx++;
  for (let k = 0; k < Wh.length; k++) if (Math.abs(Wh[k]) > t001) sh++;
  for (let k = 0; k < Wy.length; k++) if (Math.abs(Wy[k]) > t001) sy++;
  const sigTotal = sx + sh + sy;
  // S2
  let lnSum = 0;
  for (let t = 0; t < T; t++) lnSum += -Math.log(probs[t * VOCAB + data[t + 1]]);
  const bpc = lnSum / (T * Math.LN2);
  // slots
  const NX = VOCAB * H, NH = H * H, NY = VOCAB * H;
  const OFF_H = NX, OFF_Y = NX + NH;
  const NS = NX + NH + NY;
  // Inside this function the Wx slots are byte-major (b·H + j: one input byte's H slots are
  // contiguous, like the per-depth loops that visit them), not the j·256+b slot order above; the
  // X3 pass maps them back where the order matters. A's Wh part is unused (see Mi below).
  const WxT = new Float32Array(NX);
  for (let j = 0; j < H; j++) for (let b = 0; b < VOCAB; b++) WxT[b * H + j] = Wx[j * VOCAB + b];
  const A = new Float32Array(NS);
  const Ag = new Float32Array(NX);
  // Per t, the Wx slots touched are whole byte rows: stamp bytes, and zero a row on first touch.
  const stampX = new Int32Array(VOCAB).fill(-1);
  const stampG = new Int32Array(VOCAB).fill(-1);
  const touchedX = new Int32Array(VOCAB);
  const touchedG = new Int32Array(VOCAB);
  const ever = new Uint8Array(NS);
  const everG = new Uint8Array(NX);
  const NT = TAUS.length;
  const taus = new Float32Array(TAUS.map((v) => f32(v)));
  const perT = TAUS.map(() => new Int32Array(T));
  const sumX = new Float64Array(NT), sumH = new Float64Array(NT), sumY = new Float64Array(NT), sumG = new Float64Array(NT);
  const depthTotal = new Float64Array(MAX_DEPTH + 1), depthCount = new Float64Array(MAX_DEPTH + 1);
  const gDepthTotal = new Float64Array(MAX_DEPTH + 1), gDepthCount = new Float64Array(MAX_DEPTH + 1);
  const DMAX = MAX_DEPTH;
  const inc = doRho ? new Float64Array((DMAX + 1) * NS) : new Float64Array(0); // Wx and Wy slots only
  const g = new Float32Array(H);
  // Wh candidates: |f32(sc_i·Wh[i][j])| is monotone in |sc_i|, so the per-t max over depths is
  // f32(M_i·|Wh[i][j]|) with M_i = max_d |sc_i| (over |sc_i| ≥ 1e−8): exact, and H² cheaper.
  const WhT = new Float64Array(H * H);
  const absWh = new Float32Array(H * H);
  for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) { WhT[j * H + i] = Wh[i * H + j]; absWh[i * H + j] = Math.abs(Wh[i * H + j]); }
  const Mi = new Float32Array(H);
  const MiMax = new Float32Array(H);
  const sortedAbs = new Float32Array(H * H);
  for (let i = 0; i < H; i++) sortedAbs.set(absWh.subarray(i * H, (i + 1) * H).slice().sort(), i * H);
  const incM = doRho ? new Float64Array((MAX_DEPTH + 1) * H) : new Float64Array(0);
  // back (∂/∂h at the current depth) and sc (its gated copy) live in the wasm kernel's memory when
  // SIMD is available, so the hot propagate step needs no copying; otherwise plain arrays + JS loop.
  const kern = (opts.simd ?? true) ? createBackprop(Wh, Wy, H, VOCAB, hs) : null;
  const gd = kern ? kern.gd : new Float64Array(H);
  const back = kern ? kern.back : new Float32Array(H);
  const sc = kern ? kern.sc : new Float32Array(H);
  const nb = new Float32Array(H);
  const propagateBack = kern
    ? kern.propagate
    : () => {
      propagate(WhT, sc, nb, H);
      back.set(nb);
    };
  const EPS = f32(1e-8);
  const cx = new Int32Array(NT + 1), ch = new Int32Array(NT + 1), cy = new Int32Array(NT + 1), cg = new Int32Array(NT + 1);
  const gtmp = new Float32Array(H);
  let nTouched = 0, nTouchedG = 0;
  /** Gated Wx candidates |f32(Wx[j][b]·v_j)| for byte b at prediction t; returns their F-sum (mass). */
  const gatedRow = (b: number, v: Float32Array, t: number): number => {
    const row = b * H;
    if (stampG[b] !== t) { stampG[b] = t; touchedG[nTouchedG++] = b; Ag.fill(0, row, row + H); }
    let gm = 0;
    for (let j = 0; j < H; j++) {
      const a = Math.abs(f32(WxT[row + j] * v[j]));
      gm = f32(gm + a);
      if (a > Ag[row + j]) Ag[row + j] = a;
    }
    return gm;
  };
  // bucket(a) = #{k : a > τ_k} (τ ascending); a three-comparison tree for the seven τ of TAUS.
  const [q0, q1, q2, q3, q4, q5, q6] = taus;
  const bucket = NT === 7
    ? (a: number): number => (+(a > q0)) + (+(a > q1)) + (+(a > q2)) + (+(a > q3)) + (+(a > q4)) + (+(a > q5)) + (+(a > q6))
    : (a: number): number => {
      let k = 0;
      while (k < NT && a > taus[k]) k++;
      return k;
    };
  for (let t = 0; t < T; t++) {
    const y = data[t + 1];
    A.fill(0, OFF_Y + y * H, OFF_Y + y * H + H);
    Mi.fill(0);
    nTouched = 0;
    nTouchedG = 0;
    // output gradient
    const pOff = t * VOCAB;
    if (kern) {
      kern.p.set(probs.subarray(pOff, pOff + VOCAB));
      kern.outgrad();
    } else {
      gd.fill(0);
      for (let o = 0; o < VOCAB; o++) {
        const p = probs[pOff + o];
        const row = o * H;
        for (let j = 0; j < H; j++) gd[j] += Wy[row + j] * p;
      }
    }
    let m0 = 0;
    for (let j = 0; j < H; j++) {
      const gj = f32(Wy[y * H + j] - gd[j]);
      g[j] = gj;
      const a = Math.abs(gj);
      const s = OFF_Y + y * H + j;
      if (a > A[s]) { if (doRho) inc[s] += a - A[s]; A[s] = a; }
      m0 = f32(m0 + a);
      back[j] = gj;
    }
    depthTotal[0] += m0;
    depthCount[0]++;
    const dmax = Math.min(DMAX, t);
    for (let d = 1; d <= dmax; d++) {
      const s = t - d + 1;
      const hOff = s * H;
      if (kern) kern.gate(s);
      else for (let i = 0; i < H; i++) { const hv = hs[hOff + i]; sc[i] = f32(f32(1 - f32(hv * hv)) * back[i]); }
      // gated Wx candidates for the input consumed at step s (offset d−1)
      gDepthTotal[d - 1] += gatedRow(data[s], sc, t);
      gDepthCount[d - 1]++;
      for (let i = 0; i < H; i++) {
        const a = Math.abs(sc[i]);
        if (a >= EPS && a > Mi[i]) { if (doRho) incM[d * H + i] += a - Mi[i]; Mi[i] = a; }
      }
      propagateBack();
      // ungated Wx candidates at offset d (the reference)
      const b = data[t - d];
      const row = b * H;
      if (stampX[b] !== t) { stampX[b] = t; touchedX[nTouched++] = b; A.fill(0, row, row + H); }
      let mass = 0;
      const xOff = d * NS + row;
      for (let j = 0; j < H; j++) {
        const a = Math.abs(f32(WxT[row + j] * back[j]));
        mass = f32(mass + a);
        const k = row + j;
        if (a > A[k]) { if (doRho) inc[xOff + j] += a - A[k]; A[k] = a; }
      }
      depthTotal[d] += mass;
      depthCount[d]++;
      if (d === dmax) {
        // gated candidate for the oldest input, data[t−dmax], gated at h_{t−dmax}
        const hOff2 = (t - d) * H;
        for (let j = 0; j < H; j++) { const hv = hs[hOff2 + j]; gtmp[j] = f32(f32(1 - f32(hv * hv)) * back[j]); }
        gDepthTotal[d] += gatedRow(b, gtmp, t);
        gDepthCount[d]++;
      }
    }
    if (dmax === 0) {
      // t = 0: the gated attribution of data[0] through the gate at h_0
      for (let j = 0; j < H; j++) { const hv = hs[j]; gtmp[j] = f32(f32(1 - f32(hv * hv)) * back[j]); }
      gDepthTotal[0] += gatedRow(data[0], gtmp, t);
      gDepthCount[0]++;
    }
    // counts per τ
    cx.fill(0); ch.fill(0); cy.fill(0); cg.fill(0);
    for (let q = 0; q < nTouched; q++) {
      const row = touchedX[q] * H;
      for (let k = row; k < row + H; k++) {
        const a = A[k];
        cx[bucket(a)]++;
        if (a > t001) ever[k] = 1;
      }
    }
    for (let i = 0; i < H; i++) {
      const m = Mi[i];
      if (m === 0) continue;
      if (m > MiMax[i]) MiMax[i] = m;
      // f32(m·|w|) is monotone in |w|: count per τ by binary search over the row's sorted |w|.
      const base = i * H;
      let prevCount = 0;
      for (let k = NT - 1; k >= 0; k--) {
        const tau = taus[k];
        let lo = 0, hi = H;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (f32(m * sortedAbs[base + mid]) > tau) hi = mid; else lo = mid + 1; }
        const c = H - lo; // slots above τ_k
        ch[k + 1] += c - prevCount;
        prevCount = c;
      }
    }
    for (let j = 0; j < H; j++) {
      const k = OFF_Y + y * H + j;
      const a = A[k];
      cy[bucket(a)]++;
      if (a > t001) ever[k] = 1;
    }
    for (let q = 0; q < nTouchedG; q++) {
      const row = touchedG[q] * H;
      for (let k = row; k < row + H; k++) {
        const a = Ag[k];
        cg[bucket(a)]++;
        if (a > t001) everG[k] = 1;
      }
    }
    // cumulative: count with A > τ_k = Σ buckets > k
    let ax = 0, ah = 0, ay = 0, ag = 0;
    for (let k = NT - 1; k >= 0; k--) {
      ax += cx[k + 1]; ah += ch[k + 1]; ay += cy[k + 1]; ag += cg[k + 1];
      sumX[k] += ax; sumH[k] += ah; sumY[k] += ay; sumG[k] += ag;
      perT[k][t] = ax + ah + ay;
    }
  }
  const meanN: number[] = [], median: number[] = [], mins: number[] = [], maxs: number[] = [], nOverSig: number[] = [];
  for (let k = 0; k < NT; k++) {
    let tot = 0, mn = NS, mx = 0;
    for (let t = 0; t < T; t++) { const v = perT[k][t]; tot += v; if (v < mn) mn = v; if (v > mx) mx = v; }
    const mean = f32(f32(tot) / T);
    meanN.push(mean);
    const sorted = Int32Array.from(perT[k]).sort();
    median.push(sorted[Math.floor(T / 2)]);
    mins.push(mn);
    maxs.push(mx);
    nOverSig.push(f32(mean / sigTotal));
  }
  const cm = (s: Float64Array) => Array.from(s, (v) => f32(f32(v) / T));
  let nx = 0, nh = 0, ny = 0, ng = 0;
  for (let k = 0; k < NX; k++) if (!ever[k]) nx++;
  for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) if (!(f32(MiMax[i] * absWh[i * H + j]) > t001)) nh++;
  for (let k = OFF_Y; k < NS; k++) if (!ever[k]) ny++;
  for (let k = 0; k < NX; k++) if (!everG[k]) ng++;
  const depthMass: number[] = [], dc: number[] = [], gMass: number[] = [], gdc: number[] = [];
  for (let d = 0; d <= MAX_DEPTH; d++) {
    if (depthCount[d] > 0) { depthMass.push(depthTotal[d] / depthCount[d]); dc.push(depthCount[d]); }
    if (gDepthCount[d] > 0) { gMass.push(gDepthTotal[d] / gDepthCount[d]); gdc.push(gDepthCount[d]); }
  }
  // X3
  const rho: number[] = [];
  let rhoDepth: number | null = null;
  let scoredSlots = 0;
  if (doRho) {
    const Dtop = Math.min(DMAX, Math.max(0, T - 1));
    if (Dtop >= 1) {
      // score_D(slot) = Σ_{d ≤ D} inc[d][slot] (Wx, Wy) and |Wh[i][j]|·Σ_{d ≤ D} incM[d][i] (Wh), for
      // D = 1..Dtop. The deepest scores (the reference ranking) are built first; the others are
      // then rebuilt one D at a time, so only two score vectors are ever held.
      const cum = new Float64Array(NS);
      const MS = new Float64Array(H);
      /** cum ← scores at depth D, given cum/MS at depth D−1 (or 0 at D = 0). */
      const addDepth = (d: number) => {
        const off = d * NS;
        // inc holds Wx slots byte-major (b·H + j); cum uses the slot order j·256 + b
        for (let b = 0; b < VOCAB; b++) for (let j = 0; j < H; j++) cum[j * VOCAB + b] += inc[off + b * H + j];
        for (let k = OFF_Y; k < NS; k++) cum[k] += inc[off + k];
        for (let i = 0; i < H; i++) MS[i] += incM[d * H + i];
        for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) cum[OFF_H + i * H + j] = absWh[i * H + j] * MS[i];
      };
      for (let d = 0; d <= Dtop; d++) addDepth(d);
      // Scores never decrease with D, so slots scoring 0 at the deepest D are 0 at every D: rank
      // only the others (U) and add the all-tied zero block in closed form.
      const U: number[] = [];
      for (let k = 0; k < NS; k++) if (cum[k] > 0) U.push(k);
      scoredSlots = U.length;
      const nU = U.length;
      const z = NS - nU;
      const vals = new Float64Array(nU);
      const ranker = new Ranker(nU);
      const gather = () => { for (let q = 0; q < nU; q++) vals[q] = cum[U[q]]; };
      const fullRanks = (rk: Float64Array): number => {
        ranker.ranks(vals, rk); // ranks within U (zeros in U tie at the bottom)
        let u0 = 0;
        for (let q = 0; q < nU; q++) if (vals[q] === 0) u0++;
        const zeroRank = (z + u0 + 1) / 2;
        for (let q = 0; q < nU; q++) rk[q] = vals[q] === 0 ? zeroRank : z + rk[q];
        return zeroRank;
      };
      gather();
      const refRanks = new Float64Array(nU);
      const refZero = fullRanks(refRanks);
      const mean = (NS + 1) / 2;
      let sbb = z * (refZero - mean) ** 2;
      for (let q = 0; q < nU; q++) sbb += (refRanks[q] - mean) ** 2;
      const rk = new Float64Array(nU);
      cum.fill(0);
      MS.fill(0);
      addDepth(0);
      for (let D = 1; D <= Dtop; D++) {
        let rr: number;
        if (D === Dtop) rr = 1;
        else {
          addDepth(D);
          gather();
          const zr = fullRanks(rk);
          let sab = z * (zr - mean) * (refZero - mean);
          let saa = z * (zr - mean) ** 2;
          for (let q = 0; q < nU; q++) { const x = rk[q] - mean; sab += x * (refRanks[q] - mean); saa += x * x; }
          rr = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : saa === 0 && sbb === 0 ? 1 : 0;
        }
        rho.push(rr);
        if (rhoDepth === null && rr >= 0.9995) rhoDepth = D;
      }
    }
  }
  return {
    H, n, T,
    sig: { wx: sx, wh: sh, wy: sy, total: sigTotal },
    bpc,
    perT, meanN, median, min: mins, max: maxs, nOverSig,
    classMean: { wx: cm(sumX), wh: cm(sumH), wy: cm(sumY) },
    never: { wx: nx, wh: nh, wy: ny, total: nx + nh + ny, slots: { wx: NX, wh: NH, wy: NY, total: NS } },
    depthMass, depthCount: dc,
    gated: { classMean: cm(sumG), never: ng, depthMass: gMass, depthCount: gdc },
    rho, rhoDepth, scoredSlots,
  };
}
