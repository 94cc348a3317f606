/**
 * This model vs another, claim by claim: verdicts that flip, the measured values that change most,
 * per-neuron role changes (knockout rank, backbone membership) and the bits paid at each position of
 * the same text. Both models are analysed on the same bytes.
 */
import type { ModelAnalysis, Value, Verdict } from "./ledger.ts";

export interface Side {
  modelFile: string;
  modelSha256: string;
  H: number;
  bpc: number;
}

export interface ClaimPair {
  id: string;
  claim: string;
  paper: string;
  chapter: string;
  a: { verdict: Verdict; value: Value; measured: string };
  b: { verdict: Verdict; value: Value; measured: string };
}

export interface ValueChange extends ClaimPair {
  /** Largest |b − a| / max(|a|, |b|) over the parts of the value (0 … 1; 1 = sign change or from 0). */
  change: number;
}

export interface NeuronRole {
  j: number;
  /** 1-based knockout rank (Q3) in each model, and b − a. */
  rankA: number | null;
  rankB: number | null;
  rankChange: number | null;
  backboneA: boolean;
  backboneB: boolean;
  roleA: string[];
  roleB: string[];
}

export interface Comparison {
  a: Side;
  b: Side;
  claims: number;
  flipped: ClaimPair[];
  /** Claims with a measured number in both models, largest relative change first. */
  changes: ValueChange[];
  neurons: NeuronRole[];
  /** Bits paid at each prediction by each model (same bytes). */
  bits: { a: number[]; b: number[] };
}

const relChange = (a: Value, b: Value): number | null => {
  const xs = typeof a === "number" ? [a] : a;
  const ys = typeof b === "number" ? [b] : b;
  if (!xs || !ys || xs.length !== ys.length || xs.length === 0) return null;
  let worst = 0;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k];
    const y = ys[k];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    const d = Math.max(Math.abs(x), Math.abs(y));
    const c = d === 0 ? 0 : Math.abs(y - x) / d;
    if (c > worst) worst = c;
  }
  return worst;
};

function roleNames(R: ModelAnalysis["roles"], j: number): string[] {
  const out: string[] = [];
  if (R.knockoutOrder?.[0] === j) out.push("top knockout");
  if (R.mostVolatile === j) out.push("most volatile");
  if (R.smallestMargin === j) out.push("smallest margin");
  if (R.topDriver === j) out.push("top driver");
  return out;
}

export function compareModels(a: { side: Side; analysis: ModelAnalysis; bits: ArrayLike<number> }, b: { side: Side; analysis: ModelAnalysis; bits: ArrayLike<number> }): Comparison {
  const rowsB = new Map(b.analysis.rows.map((r) => [r.id, r]));
  const pairs: ClaimPair[] = [];
  for (const ra of a.analysis.rows) {
    const rb = rowsB.get(ra.id);
    if (!rb) continue;
    pairs.push({
      id: ra.id,
      claim: ra.claim,
      paper: ra.paper,
      chapter: ra.chapter,
      a: { verdict: ra.verdict, value: ra.value, measured: ra.measured },
      b: { verdict: rb.verdict, value: rb.value, measured: rb.measured },
    });
  }
  const flipped = pairs.filter((p) => p.a.verdict !== p.b.verdict);
  const changes: ValueChange[] = [];
  for (const p of pairs) {
    const c = relChange(p.a.value, p.b.value);
    if (c !== null && c > 0) changes.push({ ...p, change: Number(c.toPrecision(6)) });
  }
  changes.sort((x, y) => y.change - x.change || x.id.localeCompare(y.id));
  const Ra = a.analysis.roles;
  const Rb = b.analysis.roles;
  const rank = (order: number[] | null, j: number) => {
    const k = order ? order.indexOf(j) : -1;
    return k < 0 ? null : k + 1;
  };
  const neurons: NeuronRole[] = [];
  for (let j = 0; j < Math.max(Ra.H, Rb.H); j++) {
    const rankA = j < Ra.H ? rank(Ra.knockoutOrder, j) : null;
    const rankB = j < Rb.H ? rank(Rb.knockoutOrder, j) : null;
    neurons.push({
      j,
      rankA,
      rankB,
      rankChange: rankA !== null && rankB !== null ? rankB - rankA : null,
      backboneA: Boolean(Ra.backbone?.includes(j)),
      backboneB: Boolean(Rb.backbone?.includes(j)),
      roleA: roleNames(Ra, j),
      roleB: roleNames(Rb, j),
    });
  }
  const r6 = (v: number) => Number(v.toPrecision(6));
  return { a: a.side, b: b.side, claims: pairs.length, flipped, changes, neurons, bits: { a: Array.from(a.bits, r6), b: Array.from(b.bits, r6) } };
}
