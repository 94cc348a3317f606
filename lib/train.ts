/**
 * Training a sat-rnn (spec ../shared/spec/training.md): one-hot byte input, tanh recurrence,
 * linear readout, softmax; truncated BPTT over chunks of 50 predictions.
 *
 * Reference recipe (the default, `optimizer: "sgd"`):
 * - init: srand(seed = 42), glibc rand(); for i < H: Wx[i][0..255], then Wh[i][0..H−1], each
 *   `(f32(rand()) / f32(RAND_MAX) − 0.5) / H` in float32 (H = 128 gives the spec's "/ 128"); bh = 0;
 *   then Wy[o][0..H−1] for o < 256 the same way; by = 0.
 * - epoch e = 1..E: lr = max(lr0·0.5·(1 + cos(π e / E)), 0.01·lr0), lr0 = 0.01; h reset to 0; chunks
 *   start at 0, 50, 100, … and hold up to 51 bytes; the state carries over between chunks.
 * - loss −ln max(p_y, 1e−8) (nats); gradients by BPTT through the chunk; global L2 clip at 5;
 *   SGD `w −= lr · scale · dw`, each updated weight rounded to float32.
 * - the epoch's train bpc = summed loss / (predictions · ln 2); the best model is the one after the
 *   epoch with the lowest train bpc (an improvement must exceed 0.0001).
 *
 * Adam (`optimizer: "adam"`, the paper's "BPTT-50 + Adam"): standard Adam (Kingma & Ba) with
 * β1 = 0.9, β2 = 0.999, ε = 1e−8, bias correction, lr0 = 0.002 by default, applied to the clipped
 * gradient, with the same cosine schedule and floor.
 *
 * Arithmetic: all weights, gradients and activations are float32 (Float32Arrays on the memory of a
 * small WebAssembly SIMD kernel, lib/train/wasm.ts). Dot products run in float32 lanes (four partial
 * sums, so the summation order differs from the C trainer's); tanh, exp and log are computed in
 * double (Math.*) and stored as float32. Bit-identical weights would need glibc's expf/logf/tanhf
 * and the C operation order (a stretch goal the spec names); this port reproduces the reference
 * log to its printed 4 decimals for the first ~300 epochs on enwik_1024.txt, after which the
 * (chaotic) runs drift apart while staying on the same curve.
 *
 * The matrix products of a chunk that do not depend on the recurrence (readout, Wyᵀ·dy, dWy, dWh)
 * are batched over the chunk's ≤ 50 steps; only Wh·h (forward) and Whᵀ·dz (backward) run step by
 * step. Hidden rows are padded to a multiple of 4 with zeros that stay zero.
 */
import { GlibcRand } from "./f32.ts";
import { type Model, VOCAB } from "./model.ts";
import { sprintf } from "./printf.ts";
import { createKernel, type Kernel } from "./train/wasm.ts";

const f32 = Math.fround;
const V = VOCAB;
/** Default BPTT length: predictions per chunk (the reference's 50). */
export const DEFAULT_BPTT = 50;
const CLIP = 5;
const LN2 = Math.LN2;

export type Optimizer = "sgd" | "adam";

export interface TrainOptions {
  /** Hidden size (default 128). */
  hidden?: number;
  /** Number of epochs E of the cosine schedule (default 4000). */
  epochs?: number;
  optimizer?: Optimizer;
  /** Peak learning rate (default 0.01 for SGD, 0.002 for Adam). */
  lr?: number;
  /** srand seed (default 42, the reference). */
  seed?: number;
  /**
   * Entries held at zero throughout training (the redux experiment, lib/analyses/oq/trainRedux.ts):
   * `Wh` (H×H) and `Wy` (256×H) masks, 1 = trained, 0 = zero. Masked weights start at zero, their
   * gradients are zeroed before clipping (so they take no part in the norm, nor in Adam's moments),
   * and they are set to zero again after every update.
   */
  mask?: { Wh?: Uint8Array; Wy?: Uint8Array };
  /** Truncated-BPTT length: predictions per chunk (default 50, the reference). */
  bptt?: number;
}

export interface EpochResult {
  epoch: number;
  /** Train bpc of the epoch (summed loss during the epoch / (predictions · ln 2)). */
  trainBpc: number;
  lr: number;
  /** True when this epoch set a new best (improvement > 0.0001). */
  best: boolean;
}

/** The reference initialisation (spec "Initialisation"), float32 values. */
export function initModel(H: number, seed = 42): Model {
  const rng = new GlibcRand(seed);
  const RM = f32(2147483647); // RAND_MAX as a float32 = 2^31
  const draw = () => f32(f32(f32(f32(rng.rand()) / RM) - 0.5) / H);
  const Wx = new Float32Array(H * V);
  const Wh = new Float32Array(H * H);
  const Wy = new Float32Array(V * H);
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < V; j++) Wx[i * V + j] = draw();
    for (let j = 0; j < H; j++) Wh[i * H + j] = draw();
  }
  for (let o = 0; o < V; o++) for (let j = 0; j < H; j++) Wy[o * H + j] = draw();
  return { H, Wx, Wh, bh: new Float32Array(H), Wy, by: new Float32Array(V) };
}

/** A training run in progress: call `epoch()` E times; `best()` / `current()` give float32 models. */
export class Trainer {
  readonly H: number;
  readonly epochs: number;
  readonly optimizer: Optimizer;
  readonly lr0: number;
  readonly data: Uint8Array;
  /** Epochs done so far. */
  epochsDone = 0;
  /** Lowest train bpc seen and the epoch it was seen at (0 before the first epoch). */
  bestBpc = Infinity;
  bestEpoch = 0;

  /** Padded row length (H rounded up to a multiple of 4, for the SIMD kernel). */
  private Hp: number;
  /** Predictions per chunk (BPTT length) and its padding to a multiple of 4 (for the SIMD kernel). */
  readonly bptt: number;
  private Lp: number;
  private k: Kernel;
  // Float32 views on the kernel's memory, and their byte offsets (for the kernel).
  private f: Float32Array;
  private off: Record<string, number> = {};
  private params: Float32Array;
  private grads: Float32Array;
  private bestParams: Float32Array;
  /** Flat indices (padded layout) of the masked parameters, or null. */
  private masked: Int32Array | null = null;
  private m1: Float64Array | null = null;
  private m2: Float64Array | null = null;
  private adamT = 0;
  private Wx: Float32Array;
  private bh: Float32Array;
  private by: Float32Array;
  private Wh: Float32Array;
  private Wy: Float32Array;
  private dWx: Float32Array;
  private dbh: Float32Array;
  private dby: Float32Array;
  private WhT: Float32Array;
  private WyT: Float32Array;
  private Hs: Float32Array; // (CHUNK+1)×Hp: row 0 = carried state, row t+1 = h_t
  private LG: Float32Array; // CHUNK×256: logits, then probabilities, then dy
  private DYT: Float32Array; // 256×Lp
  private HsT: Float32Array; // Hp×Lp (h_t)
  private HpT: Float32Array; // Hp×Lp (h_{t−1})
  private G: Float32Array; // CHUNK×Hp: Wyᵀ·dy
  private DZ: Float32Array; // CHUNK×Hp
  private DZT: Float32Array; // Hp×Lp
  private zbuf: Float32Array; // Hp
  private dhNext: Float32Array; // Hp

  constructor(data: Uint8Array, opts: TrainOptions = {}, init?: Model) {
    if (data.length < 2) throw new Error(`Trainer: need at least 2 bytes, got ${data.length}`);
    const H = init?.H ?? opts.hidden ?? 128;
    if (!Number.isInteger(H) || H < 1) throw new Error(`Trainer: hidden size must be a whole number ≥ 1, got ${H}`);
    this.H = H;
    this.epochs = opts.epochs ?? 4000;
    this.optimizer = opts.optimizer ?? "sgd";
    this.lr0 = opts.lr ?? (this.optimizer === "adam" ? 0.002 : 0.01);
    this.data = data;
    const CHUNK = (this.bptt = opts.bptt ?? DEFAULT_BPTT);
    if (!Number.isInteger(CHUNK) || CHUNK < 1) throw new Error(`Trainer: BPTT length must be a whole number ≥ 1, got ${CHUNK}`);
    this.Lp = Math.ceil(CHUNK / 4) * 4;
    const Hp = (this.Hp = Math.ceil(H / 4) * 4);
    const Lp = this.Lp;
    // Parameter block (padded layout): Wx H×256, Wh H×Hp, bh Hp, Wy 256×Hp, by 256; grads the same.
    const P = H * V + H * Hp + Hp + V * Hp + V;
    const layout: [string, number][] = [
      ["params", P], ["grads", P], ["best", P],
      ["WhT", H * Hp], ["WyT", H * V], ["Hs", (CHUNK + 1) * Hp], ["LG", CHUNK * V], ["DYT", V * Lp],
      ["HsT", Hp * Lp], ["HpT", Hp * Lp], ["G", CHUNK * Hp], ["DZ", CHUNK * Hp], ["DZT", Hp * Lp],
      ["zbuf", Hp], ["dhNext", Hp],
    ];
    let total = 0;
    for (const [name, size] of layout) {
      this.off[name] = total;
      total += Math.ceil(size / 4) * 4; // 16-byte aligned
    }
    this.k = createKernel(total * 4);
    this.f = new Float32Array(this.k.memory.buffer);
    const view = (name: string, start: number, size: number) => this.f.subarray(this.off[name] + start, this.off[name] + start + size);
    this.params = view("params", 0, P);
    this.grads = view("grads", 0, P);
    this.bestParams = view("best", 0, P);
    const o = { Wx: 0, Wh: H * V, bh: H * V + H * Hp, Wy: H * V + H * Hp + Hp, by: H * V + H * Hp + Hp + V * Hp };
    this.off.Wh = this.off.params + o.Wh;
    this.off.Wy = this.off.params + o.Wy;
    this.off.dWh = this.off.grads + o.Wh;
    this.off.dWy = this.off.grads + o.Wy;
    this.Wx = view("params", o.Wx, H * V);
    this.Wh = view("params", o.Wh, H * Hp);
    this.bh = view("params", o.bh, Hp);
    this.Wy = view("params", o.Wy, V * Hp);
    this.by = view("params", o.by, V);
    this.dWx = view("grads", o.Wx, H * V);
    this.dbh = view("grads", o.bh, Hp);
    this.dby = view("grads", o.by, V);
    this.WhT = view("WhT", 0, H * Hp);
    this.WyT = view("WyT", 0, H * V);
    this.Hs = view("Hs", 0, (CHUNK + 1) * Hp);
    this.LG = view("LG", 0, CHUNK * V);
    this.DYT = view("DYT", 0, V * Lp);
    this.HsT = view("HsT", 0, Hp * Lp);
    this.HpT = view("HpT", 0, Hp * Lp);
    this.G = view("G", 0, CHUNK * Hp);
    this.DZ = view("DZ", 0, CHUNK * Hp);
    this.DZT = view("DZT", 0, Hp * Lp);
    this.zbuf = view("zbuf", 0, Hp);
    this.dhNext = view("dhNext", 0, Hp);
    const model = init ?? initModel(H, opts.seed ?? 42);
    this.Wx.set(model.Wx);
    this.bh.set(model.bh);
    this.by.set(model.by);
    for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) this.Wh[i * Hp + j] = model.Wh[i * H + j];
    for (let r = 0; r < V; r++) for (let j = 0; j < H; j++) this.Wy[r * Hp + j] = model.Wy[r * H + j];
    if (opts.mask) {
      const idx: number[] = [];
      const { Wh: mh, Wy: my } = opts.mask;
      if (mh && mh.length !== H * H) throw new Error(`Trainer: the W_h mask must have ${H * H} entries, got ${mh.length}`);
      if (my && my.length !== V * H) throw new Error(`Trainer: the W_y mask must have ${V * H} entries, got ${my.length}`);
      if (mh) for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) if (!mh[i * H + j]) idx.push(o.Wh + i * Hp + j);
      if (my) for (let r = 0; r < V; r++) for (let j = 0; j < H; j++) if (!my[r * H + j]) idx.push(o.Wy + r * Hp + j);
      this.masked = Int32Array.from(idx);
      for (const k of this.masked) this.params[k] = 0;
    }
    this.bestParams.set(this.params);
    if (this.optimizer === "adam") {
      this.m1 = new Float64Array(P);
      this.m2 = new Float64Array(P);
    }
    this.refreshTransposes();
  }

  /** The learning rate of epoch e (1-based): cosine from lr0, floored at 0.01·lr0. */
  lrAt(e: number): number {
    const lr = this.lr0 * 0.5 * (1 + Math.cos((Math.PI * e) / this.epochs));
    return Math.max(lr, 0.01 * this.lr0);
  }

  private refreshTransposes(): void {
    const { H, Hp, off } = this;
    this.k.transpose(4 * off.Wh, H, H, 4 * Hp, 4 * off.WhT, 4 * Hp);
    this.k.transpose(4 * off.Wy, V, H, 4 * Hp, 4 * off.WyT, 4 * V);
  }

  /** Runs one epoch and returns its train bpc. */
  epoch(): EpochResult {
    const e = ++this.epochsDone;
    const lr = this.lrAt(e);
    const { data, Hp } = this;
    const CHUNK = this.bptt;
    const n = data.length;
    const Hs = this.Hs;
    Hs.fill(0, 0, Hp); // h reset at the start of the epoch
    let loss = 0;
    let count = 0;
    for (let s = 0; s + 1 < n; s += CHUNK) {
      const L = Math.min(CHUNK, n - 1 - s);
      loss += this.chunk(s, L, lr);
      count += L;
      Hs.copyWithin(0, L * Hp, (L + 1) * Hp); // carry the last state into row 0
    }
    const bpc = loss / (count * LN2);
    let best = false;
    if (bpc < this.bestBpc - 0.0001) {
      this.bestBpc = bpc;
      this.bestEpoch = e;
      this.bestParams.set(this.params);
      best = true;
    }
    return { epoch: e, trainBpc: bpc, lr, best };
  }

  /** Forward, backward and update over predictions s..s+L−1; returns the summed loss (nats). */
  private chunk(s: number, L: number, lr: number): number {
    const { H, Hp, Lp, data, Wx, bh, by, Hs, LG, G, DZ, zbuf, dhNext, off } = this;
    const { gemm, transpose } = this.k;
    const tanh = Math.tanh;
    const exp = Math.exp;
    const B4 = 4;
    // Forward recurrence: h_t = tanh(bh + Wx[:, x_t] + Wh·h_{t−1}).
    for (let t = 0; t < L; t++) {
      const x = data[s + t];
      for (let i = 0; i < H; i++) zbuf[i] = bh[i] + Wx[i * V + x];
      gemm(4 * off.Wh, 4 * Hp, 4 * (off.Hs + t * Hp), 0, 4 * off.zbuf, B4, 0, H, 1, Hp);
      const cur = (t + 1) * Hp;
      for (let i = 0; i < H; i++) Hs[cur + i] = tanh(zbuf[i]);
    }
    // Readout for all steps: LG[t][o] = by[o] + Wy[o]·h_t.
    for (let t = 0; t < L; t++) LG.set(by, t * V);
    gemm(4 * off.Wy, 4 * Hp, 4 * (off.Hs + Hp), 4 * Hp, 4 * off.LG, B4, 4 * V, V, L, Hp);
    let loss = 0;
    for (let t = 0; t < L; t++) {
      const base = t * V;
      let M = -Infinity;
      for (let o = 0; o < V; o++) if (LG[base + o] > M) M = LG[base + o];
      let S = 0;
      for (let o = 0; o < V; o++) {
        const ev = exp(LG[base + o] - M);
        LG[base + o] = ev;
        S += ev;
      }
      const inv = 1 / S;
      for (let o = 0; o < V; o++) LG[base + o] *= inv;
      const y = data[s + t + 1];
      const py = LG[base + y];
      loss -= Math.log(py > 1e-8 ? py : 1e-8);
      LG[base + y] = py - 1; // dy = p − onehot(y)
    }
    // Gradients (fresh for this chunk).
    this.grads.fill(0);
    const { dWx, dbh, dby } = this;
    for (let t = 0; t < L; t++) {
      const base = t * V;
      for (let o = 0; o < V; o++) dby[o] += LG[base + o];
    }
    // G[t] = Wyᵀ·dy_t (A = WyT), dWy[o][j] = Σ_t dy_t[o] h_t[j] (A = DYᵀ, B = Hsᵀ).
    G.fill(0, 0, L * Hp);
    gemm(4 * off.WyT, 4 * V, 4 * off.LG, 4 * V, 4 * off.G, B4, 4 * Hp, H, L, V);
    if (L < this.bptt) {
      // a short (last) chunk: clear the columns the transposes below do not overwrite
      this.DYT.fill(0);
      this.HsT.fill(0);
      this.HpT.fill(0);
      this.DZT.fill(0);
    }
    transpose(4 * off.LG, L, V, 4 * V, 4 * off.DYT, 4 * Lp);
    transpose(4 * (off.Hs + Hp), L, H, 4 * Hp, 4 * off.HsT, 4 * Lp);
    transpose(4 * off.Hs, L, H, 4 * Hp, 4 * off.HpT, 4 * Lp);
    gemm(4 * off.DYT, 4 * Lp, 4 * off.HsT, 4 * Lp, 4 * off.dWy, 4 * Hp, B4, V, H, Lp);
    // Backward through time: dz_t = (G_t + dh_next) ⊙ (1 − h_t²), dh_next = Whᵀ·dz_t.
    dhNext.fill(0);
    for (let t = L - 1; t >= 0; t--) {
      const cur = (t + 1) * Hp;
      const g = t * Hp;
      for (let i = 0; i < H; i++) {
        const h = Hs[cur + i];
        DZ[g + i] = (G[g + i] + dhNext[i]) * (1 - h * h);
      }
      if (t > 0) {
        dhNext.fill(0);
        gemm(4 * off.WhT, 4 * Hp, 4 * (off.DZ + g), 0, 4 * off.dhNext, B4, 0, H, 1, Hp);
      }
    }
    for (let t = 0; t < L; t++) {
      const g = t * Hp;
      const x = data[s + t];
      for (let i = 0; i < H; i++) {
        const d = DZ[g + i];
        dbh[i] += d;
        dWx[i * V + x] += d;
      }
    }
    transpose(4 * off.DZ, L, H, 4 * Hp, 4 * off.DZT, 4 * Lp);
    gemm(4 * off.DZT, 4 * Lp, 4 * off.HpT, 4 * Lp, 4 * off.dWh, 4 * Hp, B4, H, H, Lp);
    // Clip (global L2 norm) and update.
    const grads = this.grads;
    const params = this.params;
    const masked = this.masked;
    if (masked) for (let k = 0; k < masked.length; k++) grads[masked[k]] = 0;
    const norm = Math.sqrt(this.k.sumsq(4 * off.grads, grads.length));
    const scale = norm > CLIP ? CLIP / norm : 1;
    if (this.optimizer === "sgd") {
      const step = lr * scale;
      this.k.axpy(4 * off.params, 4 * off.grads, params.length, step);
    } else {
      const m1 = this.m1!;
      const m2 = this.m2!;
      const b1 = 0.9, b2 = 0.999, eps = 1e-8;
      const tt = ++this.adamT;
      const c1 = 1 / (1 - b1 ** tt);
      const c2 = 1 / (1 - b2 ** tt);
      for (let k = 0; k < params.length; k++) {
        const gk = grads[k] * scale;
        const a = (m1[k] = b1 * m1[k] + (1 - b1) * gk);
        const b = (m2[k] = b2 * m2[k] + (1 - b2) * gk * gk);
        params[k] -= (lr * a * c1) / (Math.sqrt(b * c2) + eps);
      }
    }
    if (masked) for (let k = 0; k < masked.length; k++) params[masked[k]] = 0;
    this.refreshTransposes();
    return loss;
  }

  /** Eval bpc: a fresh pass from h = 0 over the whole data with the current weights (loss clamp 1e−8). */
  evalBpc(): number {
    return bpcOf(this.toModel(this.params), this.data);
  }

  private toModel(p: Float32Array): Model {
    const { H, Hp } = this;
    const o = { Wh: H * V, bh: H * V + H * Hp, Wy: H * V + H * Hp + Hp, by: H * V + H * Hp + Hp + V * Hp };
    const Wh = new Float32Array(H * H);
    const Wy = new Float32Array(V * H);
    for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) Wh[i * H + j] = p[o.Wh + i * Hp + j];
    for (let r = 0; r < V; r++) for (let j = 0; j < H; j++) Wy[r * H + j] = p[o.Wy + r * Hp + j];
    return { H, Wx: p.slice(0, H * V), Wh, bh: p.slice(o.bh, o.bh + H), Wy, by: p.slice(o.by, o.by + V) };
  }

  /** The model after the best epoch so far (the initial model before any epoch). */
  best(): Model {
    return this.toModel(this.bestParams);
  }

  /** The model as it is now. */
  current(): Model {
    return this.toModel(this.params);
  }
}

/**
 * bpc of a model over data from h = 0 in double arithmetic with the training loss's clamp
 * (−log2 max(p, 1e−8)), as the trainer's eval column. (The report's float32-faithful bpc is in lib/rnn.ts.)
 */
export function bpcOf(model: Model, data: Uint8Array): number {
  const { H, Wx, Wh, bh, Wy, by } = model;
  let h = new Float64Array(H);
  let hn = new Float64Array(H);
  let sum = 0;
  const lg = new Float64Array(V);
  for (let t = 0; t + 1 < data.length; t++) {
    const x = data[t];
    for (let i = 0; i < H; i++) {
      let acc = bh[i] + Wx[i * V + x];
      for (let j = 0; j < H; j++) acc += Wh[i * H + j] * h[j];
      hn[i] = Math.tanh(acc);
    }
    [h, hn] = [hn, h];
    let M = -Infinity;
    for (let o = 0; o < V; o++) {
      let acc = by[o];
      for (let j = 0; j < H; j++) acc += Wy[o * H + j] * h[j];
      lg[o] = acc;
      if (acc > M) M = acc;
    }
    let S = 0;
    for (let o = 0; o < V; o++) S += Math.exp(lg[o] - M);
    const p = Math.exp(lg[data[t + 1]] - M) / S;
    sum -= Math.log(p > 1e-8 ? p : 1e-8);
  }
  return sum / ((data.length - 1) * LN2);
}

/** Whether epoch e is a line of the reference log: 1–10, every 10 to 100, every 100 to 1000, then every 1000 (and the last). */
export function isLogEpoch(e: number, E: number): boolean {
  return e <= 10 || (e <= 100 && e % 10 === 0) || (e <= 1000 && e % 100 === 0) || e % 1000 === 0 || e === E;
}

/** The column header of the log. */
export const LOG_HEADER = "   epoch  train_bpc   eval_bpc       lr";

/** A log line in the reference trainer's format: `%8d %10.4f %10.4f %8.6f` and " *" for a new best. */
export function logLine(r: EpochResult, evalBpc: number): string {
  return sprintf("%8d %10.4f %10.4f %8.6f%s", r.epoch, r.trainBpc, evalBpc, r.lr, r.best ? " *" : "");
}
