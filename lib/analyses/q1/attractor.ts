/**
 * Q1 §A (`q1_bool_attractor`): influence graph of the Boolean map on f32-derived signs,
 * convergence from random states (glibc rand, srand(42)), cycle detection, Boolean attribution
 * at t = 42, backward chains and byte → sign-flip causality. Also the corrected cycle search
 * (Brent's algorithm from all 51 starts, long horizon). Δbpc in bits; positions from 0.
 */
import type { Run } from "../../io.ts";
import { GlibcRand, swapSelect, indices } from "../../f32.ts";
import { type Model, VOCAB } from "../../model.ts";
import { bitsFromLogits, readoutLogits } from "../../rnn.ts";
import { derived } from "../../derived.ts";
import { absRowSums, boolKernel, bstep, bz, hamming, signTolerance, spins, stateKey } from "./bool.ts";

const f32 = Math.fround;

export interface ChainLevel {
  j: number;
  t: number;
  z: number;
  bias: number;
  wx: number;
  sources: { k: number; c: number }[];
}

export interface AttractorResult {
  H: number;
  /** Sampled positions for the influence graph (10, 13, … < n−2). */
  positions: number;
  /** cnt[j*H+i]: how often flipping source j changed target i. */
  cnt: Int32Array;
  /** frac[j*H+i] = f32(cnt/positions). */
  frac: Float32Array;
  topEdges: { j: number; i: number; frac: number }[];
  meanInfluence: number;
  outDeg: Float32Array;
  inDeg: Float32Array;
  selfInf: Float32Array;
  /** Fixed input for the attractor search: data[min(42, n−1)]. */
  fixedT: number;
  fixedByte: number;
  uniqueFinals: number;
  groupSizes: number[];
  meanConvergence: number;
  convergenceSteps: Int32Array;
  period: number;
  /** Attribution at t = probeT (42, clamped), target data[probeT+1]. */
  probeT: number;
  target: number;
  py: number;
  b0: number;
  delta: Float32Array;
  wyContrib: Float32Array;
  attrOrder: number[];
  topSource: { k: number; c: number }[];
  probeSigns: Uint8Array;
  chains: ChainLevel[][];
  /** Byte → mean flips (bytes 0..255), counts and the top-20 order. */
  byteFlips: Float32Array;
  byteCount: Int32Array;
  byteOrder: number[];
}

function levelOf(model: Model, data: Uint8Array, j: number, tau: number, sPrev: Uint8Array): ChainLevel {
  const H = model.H;
  const c = new Float32Array(H);
  for (let k = 0; k < H; k++) c[k] = f32(model.Wh[j * H + k] * (sPrev[k] ? 1 : -1));
  const bias = model.bh[j], wx = model.Wx[j * VOCAB + data[tau]];
  let z = f32(bias + wx);
  for (let k = 0; k < H; k++) z = f32(z + c[k]);
  const idx = swapSelect(indices(H), (b, a) => Math.abs(c[b]) > Math.abs(c[a]), 3);
  return { j, t: tau, z, bias, wx, sources: idx.slice(0, Math.min(3, H)).map((k) => ({ k, c: c[k] })) };
}

/** Influence counts (§A1) with a rigorous fast sign test and exact fallback. */
export function influenceCounts(model: Model, sig: Uint8Array, data: Uint8Array, T: number): { cnt: Int32Array; positions: number } {
  const H = model.H;
  const Wh = model.Wh;
  const n = data.length;
  const cnt = new Int32Array(H * H);
  const S = absRowSums(model);
  const base = new Uint8Array(H);
  const zb = new Float32Array(H);
  const tol = new Float64Array(H);
  const fl = new Uint8Array(H);
  let positions = 0;
  for (let t = 10; t < n - 2 && t < T; t += 3) {
    positions++;
    const x = data[t + 1];
    const s = sig.subarray(t * H, (t + 1) * H);
    bstep(model, s, x, base, zb);
    for (let i = 0; i < H; i++) tol[i] = signTolerance(model, S, x, i);
    fl.set(s);
    for (let j = 0; j < H; j++) {
      const sj = s[j] ? 1 : -1;
      fl[j] ^= 1;
      for (let i = 0; i < H; i++) {
        const za = zb[i] - 2 * sj * Wh[i * H + j];
        let bit: number;
        if (za > tol[i]) bit = 1;
        else if (za < -tol[i]) bit = 0;
        else bit = bz(model, fl, x, i) >= 0 ? 1 : 0;
        if (bit !== base[i]) cnt[j * H + i]++;
      }
      fl[j] ^= 1;
    }
  }
  return { cnt, positions };
}

export function analyzeAttractor(run: Run): AttractorResult {
  const { model, data } = run;
  const H = model.H;
  const T = run.trace.T;
  const n = data.length;
  const sig = derived(run.trace).signs;
  // A1–A4
  const { cnt, positions } = influenceCounts(model, sig, data, T);
  const P = positions;
  const frac = new Float32Array(H * H);
  for (let k = 0; k < H * H; k++) frac[k] = P ? f32(cnt[k] / P) : 0;
  const edges = indices(H * H);
  swapSelect(edges, (b, a) => frac[b] > frac[a], 20);
  const topEdges = edges.slice(0, Math.min(20, H * H)).map((e) => ({ j: Math.floor(e / H), i: e % H, frac: frac[e] }));
  let fs = 0;
  for (let k = 0; k < H * H; k++) fs = f32(fs + frac[k]);
  const meanInfluence = f32(fs / (H * H));
  const outDeg = new Float32Array(H), inDeg = new Float32Array(H), selfInf = new Float32Array(H);
  for (let j = 0; j < H; j++) {
    let o = 0, inn = 0;
    for (let i = 0; i < H; i++) {
      o = f32(o + frac[j * H + i]);
      inn = f32(inn + frac[i * H + j]);
    }
    outDeg[j] = o;
    inDeg[j] = inn;
    selfInf[j] = frac[j * H + j];
  }
  // A5
  const fixedT = Math.min(42, n - 1);
  const xs = data[fixedT];
  const rng = new GlibcRand(42);
  const finals: Uint8Array[] = [];
  const convergenceSteps = new Int32Array(50);
  let convSum = 0;
  let cur = new Uint8Array(H), nxt = new Uint8Array(H);
  for (let trial = 0; trial < 50; trial++) {
    for (let j = 0; j < H; j++) cur[j] = rng.rand() & 1;
    let conv = 100;
    for (let s = 0; s < 100; s++) {
      bstep(model, cur, xs, nxt);
      if (conv === 100 && hamming(cur, nxt) === 0) conv = s;
      [cur, nxt] = [nxt, cur];
    }
    convergenceSteps[trial] = conv;
    convSum += conv;
    finals.push(cur.slice());
  }
  const groups: { rep: Uint8Array; size: number }[] = [];
  for (const f of finals) {
    const g = groups.find((gg) => hamming(gg.rep, f) === 0);
    if (g) g.size++;
    else groups.push({ rep: f, size: 1 });
  }
  // A6
  for (let j = 0; j < H; j++) cur[j] = rng.rand() & 1;
  for (let s = 0; s < 100; s++) { bstep(model, cur, xs, nxt); [cur, nxt] = [nxt, cur]; }
  const traj: Uint8Array[] = [];
  for (let k = 0; k < 200; k++) { bstep(model, cur, xs, nxt); [cur, nxt] = [nxt, cur]; traj.push(cur.slice()); }
  let period = 0;
  for (let p = 1; p <= 100; p++) if (hamming(traj[199], traj[199 - p]) === 0) { period = p; break; }
  // A7
  const probeT = Math.max(0, Math.min(42, n - 2));
  const y = data[probeT + 1];
  const sigAt = (t: number) => (t >= 0 ? sig.subarray(t * H, (t + 1) * H) : new Uint8Array(H).fill(1));
  const s42 = sigAt(probeT);
  const v = spins(s42);
  const lg = new Float64Array(VOCAB);
  readoutLogits(model, v, lg);
  let M = -1e30;
  for (let o = 0; o < VOCAB; o++) if (lg[o] > M) M = lg[o];
  let Ssum = 0;
  for (let o = 0; o < VOCAB; o++) Ssum += Math.exp(lg[o] - M);
  const py = Math.exp(lg[y] - M) / Ssum;
  const b0 = -Math.log2(py > 1e-30 ? py : 1e-30);
  const delta = new Float32Array(H), wyContrib = new Float32Array(H);
  for (let j = 0; j < H; j++) {
    v[j] = -v[j];
    readoutLogits(model, v, lg);
    delta[j] = f32(bitsFromLogits(lg, y) - b0);
    v[j] = -v[j];
    wyContrib[j] = f32(model.Wy[y * H + j] * v[j]);
  }
  const attrOrder = swapSelect(indices(H), (b, a) => Math.abs(delta[b]) > Math.abs(delta[a]));
  const s41 = sigAt(probeT - 1);
  const topSource = [];
  for (let j = 0; j < H; j++) {
    let best = -1, bc = 0;
    for (let k = 0; k < H; k++) {
      const c = Math.abs(model.Wh[j * H + k] * (s41[k] ? 1 : -1));
      if (c > bc) { bc = c; best = k; }
    }
    topSource.push({ k: best, c: best >= 0 ? model.Wh[j * H + best] * (s41[best] ? 1 : -1) : 0 });
  }
  // A8
  const chains: ChainLevel[][] = [];
  for (let r = 0; r < Math.min(5, H); r++) {
    const chain: ChainLevel[] = [];
    let j = attrOrder[r];
    for (let lvl = 0; lvl < 3 && probeT - lvl >= 0; lvl++) {
      const L = levelOf(model, data, j, probeT - lvl, sigAt(probeT - lvl - 1));
      chain.push(L);
      j = L.sources[0].k;
    }
    chains.push(chain);
  }
  // A9
  const flips = new Float64Array(VOCAB), count = new Int32Array(VOCAB);
  for (let t = 1; t <= n - 3 && t < T; t++) {
    flips[data[t]] += hamming(sigAt(t), sigAt(t - 1));
    count[data[t]]++;
  }
  const byteFlips = new Float32Array(VOCAB);
  for (let b = 0; b < VOCAB; b++) byteFlips[b] = count[b] ? f32(flips[b] / count[b]) : 0;
  const byteOrder = swapSelect(indices(VOCAB), (b, a) => byteFlips[b] > byteFlips[a], 20);
  return {
    H, positions, cnt, frac, topEdges, meanInfluence, outDeg, inDeg, selfInf,
    fixedT, fixedByte: xs, uniqueFinals: groups.length, groupSizes: groups.map((g) => g.size),
    meanConvergence: f32(convSum / 50), convergenceSteps, period,
    probeT, target: y, py, b0, delta, wyContrib, attrOrder, topSource, probeSigns: s42.slice(), chains,
    byteFlips, byteCount: count, byteOrder,
  };
}

/**
 * Free-running Boolean dynamics under a fixed input, exact but incremental: the real sums
 * D_i = a0_i + Σ_j s_j·Wh[i][j] (double, updated only for the bits that flipped, rebuilt every
 * 256 steps) decide the sign whenever |D_i| exceeds the rigorous F-sum rounding band
 * (signTolerance); inside the band the exact float32 F-sum (bz) decides. Bit-for-bit equal to
 * iterating bstep. With wasm SIMD (boolKernel) a full bstep is cheaper than the incremental
 * update, so the orbit simply iterates bstep.
 */
class FixedInputOrbit {
  readonly s: Uint8Array;
  private readonly D: Float64Array;
  private readonly tol: Float64Array;
  private readonly WhT: Float64Array;
  private readonly next: Uint8Array;
  private steps = 0;
  private readonly simd: boolean;
  constructor(private readonly model: Model, private readonly x: number, start: Uint8Array) {
    const H = model.H;
    this.s = start.slice();
    this.next = new Uint8Array(H);
    this.simd = boolKernel(model) !== null;
    this.D = new Float64Array(this.simd ? 0 : H);
    this.tol = new Float64Array(this.simd ? 0 : H);
    this.WhT = new Float64Array(this.simd ? 0 : H * H);
    if (this.simd) return;
    const S = absRowSums(model);
    for (let i = 0; i < H; i++) this.tol[i] = signTolerance(model, S, x, i);
    for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) this.WhT[j * H + i] = model.Wh[i * H + j];
    this.rebuild();
  }
  private rebuild(): void {
    if (this.simd) return;
    const { H, Wh, bh, Wx } = this.model;
    for (let i = 0; i < H; i++) {
      let d = bh[i] + Wx[i * VOCAB + this.x];
      for (let j = 0; j < H; j++) d += this.s[j] ? Wh[i * H + j] : -Wh[i * H + j];
      this.D[i] = d;
    }
  }
  set(state: Uint8Array): void {
    this.s.set(state);
    this.rebuild();
  }
  step(): void {
    if (this.simd) {
      bstep(this.model, this.s, this.x, this.next);
      this.s.set(this.next);
      return;
    }
    const H = this.model.H;
    const D = this.D, tol = this.tol, s = this.s, nx = this.next, WhT = this.WhT;
    for (let i = 0; i < H; i++) {
      const d = D[i];
      nx[i] = d > tol[i] ? 1 : d < -tol[i] ? 0 : bz(this.model, s, this.x, i) >= 0 ? 1 : 0;
    }
    for (let j = 0; j < H; j++) {
      if (nx[j] !== s[j]) {
        const c = nx[j] ? 2 : -2;
        const col = j * H;
        for (let i = 0; i < H; i++) D[i] += c * WhT[col + i];
        s[j] = nx[j];
      }
    }
    if (++this.steps % 256 === 0) this.rebuild();
  }
}

export interface CycleSearch {
  /** One entry per start (50 convergence starts + the cycle start), in rand order. */
  starts: { tail: number; period: number; steps: number }[];
  horizon: number;
  cyclesFound: number;
}

/**
 * Corrected cycle search (quirk §Q4): Brent's algorithm from each of the 51 rand starts
 * (srand(42), bits = rand()&1) under the fixed input, up to `horizon` steps per start.
 * period 0 = no cycle with tail + period within the horizon.
 */
export function cycleSearch(run: Run, horizon = 8192): CycleSearch {
  const { model, data } = run;
  const H = model.H;
  const xs = data[Math.min(42, data.length - 1)];
  const rng = new GlibcRand(42);
  const starts = [];
  const key = stateKey;
  for (let st = 0; st < 51; st++) {
    const x0 = new Uint8Array(H);
    for (let j = 0; j < H; j++) x0[j] = rng.rand() & 1;
    // Brent: the hare runs ahead; the tortoise jumps to it at powers of two.
    const hare = new FixedInputOrbit(model, xs, x0);
    let power = 1, lam = 1, steps = 1;
    let tortKey = key(x0);
    hare.step();
    let found = true;
    while (tortKey !== key(hare.s)) {
      if (power === lam) { tortKey = key(hare.s); power *= 2; lam = 0; }
      hare.step();
      steps++;
      lam++;
      if (steps >= horizon) { found = false; break; }
    }
    if (!found) { starts.push({ tail: -1, period: 0, steps }); continue; }
    // tail μ: one walker λ steps ahead, then both advance until they meet
    const a = new FixedInputOrbit(model, xs, x0), b = new FixedInputOrbit(model, xs, x0);
    for (let k = 0; k < lam; k++) b.step();
    let mu = 0;
    while (key(a.s) !== key(b.s)) { a.step(); b.step(); mu++; }
    starts.push({ tail: mu, period: lam, steps });
  }
  return { starts, horizon, cyclesFound: starts.filter((s) => s.period > 0).length };
}
