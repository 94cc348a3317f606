/**
 * Open question 2 (synthesis §7): the cycle length of the Boolean ("sign-only") dynamics for a
 * fixed input. For every byte value x that occurs in the analysed bytes, the sign-only map
 * s ↦ bstep(s, x) (Q1 §C5, exact float32 F-sums) is iterated from a few starts, and cycles are
 * found with Brent's method on the bit-packed state (constant memory: two packed states).
 *
 * Starts per input: the f32 run's sign state just before x is first consumed (the state the
 * model is actually in when it reads x; zero state → all bits 1 if x is the first byte), then
 * RANDOM_STARTS states of rand()&1 bits from glibc srand(42) (a fresh stream per input).
 *
 * Budget: BUDGET steps of the map in total (every call of bstep counts, the tail search too).
 * It is shared out in rounds: each unresolved orbit gets an equal share of what is left, so
 * orbits that close early leave their share to the ones still running. An orbit still open when
 * the budget is spent is reported as "no cycle within N steps" (N its own step count, a lower
 * bound on tail + period).
 */
import { GlibcRand } from "../../f32.ts";
import type { Run } from "../../io.ts";
import type { Model } from "../../model.ts";
import type { Kernel } from "../../kernel.ts";
import { boolKernel, bstep } from "../q1/bool.ts";

/** Total steps of the sign-only map the whole search may take (printed on the page). */
export const BUDGET = 1_000_000;
/** Random starts per input byte, besides the corpus start. */
export const RANDOM_STARTS = 2;
/** Cycles up to this period get a canonical id (their smallest packed state), to count distinct attractors. */
export const CANONICAL_MAX_PERIOD = 4096;

/** Bits of a 0/1 state packed into 32-bit words (bit j of word j>>5; Int32 words keep V8 on small integers). */
export function pack(s: Uint8Array, out: Int32Array = new Int32Array((s.length + 31) >>> 5)): Int32Array {
  out.fill(0);
  for (let j = 0; j < s.length; j++) if (s[j]) out[j >>> 5] |= 1 << (j & 31);
  return out;
}

function unpack(w: Int32Array, out: Uint8Array): Uint8Array {
  for (let j = 0; j < out.length; j++) out[j] = (w[j >>> 5] >>> (j & 31)) & 1;
  return out;
}

function equal(a: Int32Array, b: Int32Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** a < b as unsigned multi-word numbers (most significant word last). */
function less(a: Int32Array, b: Int32Array): boolean {
  for (let k = a.length - 1; k >= 0; k--) if (a[k] !== b[k]) return a[k] < b[k];
  return false;
}

/**
 * The fixed-input map on packed states, counting its steps: with wasm SIMD, the forward pass's
 * kernel fed the spins ±1 (its pre-activation is exactly bstep's F-sum, see q1/bool.ts boolKernel),
 * read straight into the packed words; otherwise bstep.
 */
class PackedMap {
  steps = 0;
  private a: Uint8Array;
  private b: Uint8Array;
  private k: Kernel | null;
  constructor(private model: Model, private x: number) {
    this.a = new Uint8Array(model.H);
    this.b = new Uint8Array(model.H);
    this.k = boolKernel(model);
  }
  /** state ← F_x(state), in place. */
  step(state: Int32Array): void {
    this.steps++;
    const H = this.model.H;
    const k = this.k;
    if (k) {
      const h = k.h;
      // the kernel's h already holds this state's spins when this state was the last one stepped
      if (kernelOwner !== state) for (let j = 0; j < H; j++) h[j] = (state[j >>> 5] >>> (j & 31)) & 1 ? 1 : -1;
      k.preact(this.x);
      const z = k.z;
      const W = state.length;
      for (let w = 0; w < W; w++) {
        let v = 0;
        const base = w << 5;
        const end = Math.min(32, H - base);
        for (let b = 0; b < end; b++) {
          if (z[base + b] >= 0) {
            v |= 1 << b;
            h[base + b] = 1;
          } else h[base + b] = -1;
        }
        state[w] = v;
      }
      kernelOwner = state;
      return;
    }
    unpack(state, this.a);
    bstep(this.model, this.a, this.x, this.b);
    pack(this.b, state);
  }
}

export interface Orbit {
  start: "corpus" | "random";
  /** Tail length μ (steps before the cycle is entered), or null when no cycle was found. */
  tail: number | null;
  /** Period λ ≥ 1, or null. */
  period: number | null;
  /** Steps of the map this orbit used (Brent + tail search); for an open orbit the lower bound on μ + λ. */
  steps: number;
  /** Canonical cycle id (hex of the smallest state on the cycle), when period ≤ CANONICAL_MAX_PERIOD. */
  cycleId: string | null;
}

export interface InputCycles {
  x: number;
  /** Occurrences of x in the analysed bytes. */
  count: number;
  orbits: Orbit[];
  /** Distinct cycles reached (by canonical id; cycles too long to canonicalise count as distinct). */
  attractors: number;
  /** Whether some orbit ends on a fixed point (period 1). */
  fixedPoint: boolean;
}

export interface CycleResult {
  H: number;
  budget: number;
  stepsUsed: number;
  randomStarts: number;
  inputs: InputCycles[];
  /** Orbits in total, with a cycle found, and open (no cycle within their steps). */
  orbits: number;
  closed: number;
  open: number;
  /** Inputs with at least one fixed point, and the fixed points (input byte, packed state in hex). */
  fixedPoints: { x: number; state: string }[];
  maxPeriod: number | null;
  maxTail: number | null;
  /** Smallest step count among open orbits (the weakest lower bound), or null. */
  minOpenSteps: number | null;
}

/**
 * The packed state whose spins the kernel's h holds (set by PackedMap.step, cleared at the start
 * and end of every search: other code writes the shared kernel in between). A state array is only
 * ever changed by step while it is the owner.
 */
let kernelOwner: Int32Array | null = null;

/** Resumable Brent search from one start (hare/tortoise as packed states). */
class Brent {
  hare: Int32Array;
  tort: Int32Array;
  power = 1;
  lam = 1;
  done = false;
  period = 0;
  constructor(readonly start: Int32Array, readonly map: PackedMap) {
    this.tort = start.slice();
    this.hare = start.slice();
    map.step(this.hare);
  }
  /** Runs up to `n` steps; true when the cycle is found. */
  run(n: number): boolean {
    const { map } = this;
    for (let k = 0; k < n && !this.done; k++) {
      if (equal(this.tort, this.hare)) {
        this.done = true;
        this.period = this.lam;
        break;
      }
      if (this.power === this.lam) {
        this.tort.set(this.hare);
        this.power *= 2;
        this.lam = 0;
      }
      map.step(this.hare);
      this.lam++;
    }
    if (!this.done && equal(this.tort, this.hare)) {
      this.done = true;
      this.period = this.lam;
    }
    return this.done;
  }
}

function hex(w: Int32Array): string {
  let s = "";
  for (let k = w.length - 1; k >= 0; k--) s += (w[k] >>> 0).toString(16).padStart(8, "0");
  return s;
}

/** Tail μ given the period λ: one walker λ ahead, both advance until they meet. */
function tailOf(start: Int32Array, period: number, map: PackedMap): number {
  const a = start.slice();
  const b = start.slice();
  for (let k = 0; k < period; k++) map.step(b);
  let mu = 0;
  while (!equal(a, b)) {
    map.step(a);
    map.step(b);
    mu++;
  }
  return mu;
}

/** Smallest state on the cycle through `on` (period λ). */
function canonical(on: Int32Array, period: number, map: PackedMap): string {
  const s = on.slice();
  let best = s.slice();
  for (let k = 1; k < period; k++) {
    map.step(s);
    if (less(s, best)) best = s.slice();
  }
  return hex(best);
}

export interface CycleOptions {
  budget?: number;
  randomStarts?: number;
  /** Input bytes to study (default: every byte value occurring in the analysed bytes). */
  inputs?: number[];
}

export function fixedInputCycles(run: Run, opts: CycleOptions = {}): CycleResult {
  const { model, data, trace } = run;
  const H = model.H;
  const budget = opts.budget ?? BUDGET;
  const R = opts.randomStarts ?? RANDOM_STARTS;
  const count = new Int32Array(256);
  for (const b of data) count[b]++;
  const xs = opts.inputs ?? Array.from({ length: 256 }, (_, b) => b).filter((b) => count[b] > 0);

  interface Job {
    x: number;
    start: "corpus" | "random";
    s0: Int32Array;
    map: PackedMap;
    brent: Brent;
    orbit?: Orbit;
  }
  const jobs: Job[] = [];
  const s = new Uint8Array(H);
  for (const x of xs) {
    // the state before x is first consumed: h_{t−1} of the f32 run (h_{−1} = 0 → bits 1)
    const t = data.indexOf(x);
    if (t > 0 && t - 1 < trace.T) for (let j = 0; j < H; j++) s[j] = trace.h[(t - 1) * H + j] >= 0 ? 1 : 0;
    else s.fill(1);
    const starts: { start: Job["start"]; s0: Int32Array }[] = [{ start: "corpus", s0: pack(s) }];
    const rng = new GlibcRand(42 + x);
    for (let r = 0; r < R; r++) {
      for (let j = 0; j < H; j++) s[j] = rng.rand() & 1;
      starts.push({ start: "random", s0: pack(s) });
    }
    for (const st of starts) {
      const map = new PackedMap(model, x);
      jobs.push({ x, ...st, map, brent: new Brent(st.s0, map) });
    }
  }

  kernelOwner = null;
  const used = () => jobs.reduce((a, j) => a + j.map.steps, 0);
  const finish = (j: Job) => {
    const period = j.brent.period;
    const tail = tailOf(j.s0, period, j.map);
    // a state on the cycle: the walker after μ steps
    const on = j.s0.slice();
    for (let k = 0; k < tail; k++) j.map.step(on);
    const cycleId = period <= CANONICAL_MAX_PERIOD ? canonical(on, period, j.map) : null;
    j.orbit = { start: j.start, tail, period, steps: j.map.steps, cycleId };
  };
  // Rounds: each open orbit gets an equal share of the remaining budget.
  for (;;) {
    const open = jobs.filter((j) => !j.orbit);
    const left = budget - used();
    if (!open.length || left < open.length) break;
    const share = Math.max(1, Math.floor(left / open.length));
    for (const j of open) {
      if (j.brent.run(share)) finish(j);
    }
  }
  for (const j of jobs) if (!j.orbit) j.orbit = { start: j.start, tail: null, period: null, steps: j.map.steps, cycleId: null };
  kernelOwner = null;

  const fixedPoints: CycleResult["fixedPoints"] = [];
  const inputs: InputCycles[] = xs.map((x) => {
    const mine = jobs.filter((j) => j.x === x);
    const orbits = mine.map((j) => j.orbit!);
    const ids = new Set<string>();
    let anon = 0;
    for (const o of orbits) if (o.period !== null) o.cycleId ? ids.add(o.cycleId) : anon++;
    const fps = [...new Set(orbits.filter((o) => o.period === 1).map((o) => o.cycleId!))];
    for (const f of fps) fixedPoints.push({ x, state: f });
    return { x, count: count[x], orbits, attractors: ids.size + anon, fixedPoint: fps.length > 0 };
  });
  const all = inputs.flatMap((i) => i.orbits);
  const closed = all.filter((o) => o.period !== null);
  const openO = all.filter((o) => o.period === null);
  return {
    H,
    budget,
    stepsUsed: used(),
    randomStarts: R,
    inputs,
    orbits: all.length,
    closed: closed.length,
    open: openO.length,
    fixedPoints,
    maxPeriod: closed.length ? Math.max(...closed.map((o) => o.period!)) : null,
    maxTail: closed.length ? Math.max(...closed.map((o) => o.tail!)) : null,
    minOpenSteps: openO.length ? Math.min(...openO.map((o) => o.steps)) : null,
  };
}

/** Byte as shown on the page: printable ASCII quoted, others as hex. */
export function byteLabel(b: number): string {
  if (b === 32) return "' '";
  if (b === 10) return "'\\n'";
  if (b > 32 && b < 127) return `'${String.fromCharCode(b)}'`;
  return `0x${b.toString(16).padStart(2, "0")}`;
}

/** The computed one-sentence answer. */
export function cyclesAnswer(r: CycleResult): string {
  const nIn = r.inputs.length;
  const allClosed = r.inputs.filter((i) => i.orbits.every((o) => o.period !== null)).length;
  const fpInputs = r.inputs.filter((i) => i.fixedPoint).length;
  const periods = r.inputs.flatMap((i) => i.orbits.map((o) => o.period)).filter((p): p is number => p !== null);
  const parts: string[] = [];
  parts.push(`With the input held fixed, ${r.closed} of ${r.orbits} orbits (${nIn} input bytes × ${1 + r.randomStarts} starts) reach a cycle within the ${r.budget.toLocaleString("en-US")}-step budget`);
  if (periods.length) {
    const pmin = Math.min(...periods);
    parts.push(`: periods ${pmin === r.maxPeriod ? `all ${pmin}` : `${pmin}–${r.maxPeriod}`}, tails up to ${r.maxTail} steps; ${fpInputs} of ${nIn} inputs have a fixed point`);
  }
  let s = parts.join("");
  if (r.open) s += `; ${r.open} orbits found no cycle within ${r.minOpenSteps!.toLocaleString("en-US")} steps (a lower bound on tail + period)`;
  else s += `; every input's dynamics close (${allClosed} of ${nIn})`;
  return s + ".";
}
