/**
 * Claims across a population: for every claim of the ledger, on how many models it holds, the
 * measured values, and a classification.
 *
 * - robust: the same verdict on ≥ 90 % of the models (ROBUST_SHARE);
 * - initialisation-bound: a claim that names a neuron of the paper's model (hN) and is not robust,
 *   whose neuron identity recurs between models that share their initialisation seed (in at least
 *   half of such pairs) but at most half as often between models with different seeds. The identity
 *   of a model is the claim's measured value when it is a neuron index (or indices), else whether
 *   the claim holds (the named neuron plays the claimed role);
 * - model-specific: neither;
 * - not judged: "not computable" on every model (e.g. the open questions).
 *
 * The same recurrence test is applied to the neuron roles of lib/population/ledger.ts (top knockout
 * neuron, most volatile, smallest margin, backbone chain, top driver).
 */
import type { ModelAnalysis, Roles, Value, Verdict } from "./ledger.ts";

export const ROBUST_SHARE = 0.9;
export const RECUR_SHARE = 0.5;

export type Classification = "robust" | "model-specific" | "initialisation-bound" | "not judged";

export interface Member {
  name: string;
  seed: number;
  order: number;
  bpc: number;
  analysis: ModelAnalysis;
}

export interface Recurrence {
  /** Pairs of models sharing an initialisation seed, and how many of them agree on the identity. */
  sameSeedPairs: number;
  sameSeedRecur: number;
  crossSeedPairs: number;
  crossSeedRecur: number;
}

export interface ClaimRobustness extends Partial<Recurrence> {
  id: string;
  claim: string;
  paper: string;
  chapter: string;
  neuronIdentity: boolean;
  holds: number;
  differs: number;
  /** Held by construction / out of reach for any model of the layout (lib/claims classes). */
  construction: number;
  unreproducible: number;
  na: number;
  total: number;
  /** Measured value and verdict per model (population order). */
  values: Value[];
  verdicts: Verdict[];
  /** The most common verdict and its share of the models. */
  majority: Verdict;
  share: number;
  classification: Classification;
  /** The model in hand, when given. */
  inHand?: { value: Value; verdict: Verdict; measured: string };
}

export interface RoleRobustness extends Recurrence {
  role: keyof Omit<Roles, "H">;
  label: string;
  /** Per model: the neuron(s) in the role (knockout: the top neuron). */
  values: (number | number[] | null)[];
  inHand?: number | number[] | null;
  classification: "recurs with the seed" | "recurs across seeds" | "does not recur" | "undetermined";
}

export interface Robustness {
  models: { name: string; seed: number; order: number; bpc: number; H: number; errors: string[] }[];
  /** Claim id → its robustness (in ledger order). */
  claims: Record<string, ClaimRobustness>;
  counts: Record<Classification, number>;
  roles: RoleRobustness[];
  /** Whether any two models share an initialisation seed (else initialisation-bound cannot be told). */
  sharedSeeds: boolean;
}

const ROLE_LABELS: [keyof Omit<Roles, "H">, string][] = [
  ["knockoutOrder", "top knockout neuron (Q3)"],
  ["mostVolatile", "most volatile neuron (Q4)"],
  ["smallestMargin", "smallest mean margin (Q1)"],
  ["topDriver", "top driver of the sampled predictions (Q6)"],
  ["backbone", "routing backbone chain (Q6)"],
];

const key = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
const isNeuronValue = (v: Value) => (typeof v === "number" ? Number.isInteger(v) : Array.isArray(v) && v.length > 0 && v.every((x) => Number.isInteger(x)));

/** Pairwise agreement of identities, split by whether the two models share their init seed. */
export function recurrence(seeds: number[], ids: (string | null)[]): Recurrence {
  const r: Recurrence = { sameSeedPairs: 0, sameSeedRecur: 0, crossSeedPairs: 0, crossSeedRecur: 0 };
  for (let a = 0; a < seeds.length; a++) {
    for (let b = a + 1; b < seeds.length; b++) {
      const agree = ids[a] !== null && ids[a] === ids[b];
      if (seeds[a] === seeds[b]) {
        r.sameSeedPairs++;
        if (agree) r.sameSeedRecur++;
      } else {
        r.crossSeedPairs++;
        if (agree) r.crossSeedRecur++;
      }
    }
  }
  return r;
}

/** Whether the identity recurs only when the seed is shared. */
export function seedBound(r: Recurrence): boolean {
  if (r.sameSeedPairs === 0) return false;
  const same = r.sameSeedRecur / r.sameSeedPairs;
  const cross = r.crossSeedPairs ? r.crossSeedRecur / r.crossSeedPairs : 0;
  return same >= RECUR_SHARE && cross <= same / 2;
}

export function robustness(members: Member[], inHand?: ModelAnalysis | null): Robustness {
  if (members.length === 0) throw new Error("robustness: the population has no models");
  const seeds = members.map((m) => m.seed);
  const sharedSeeds = new Set(seeds).size < seeds.length;
  const ids = members[0].analysis.rows.map((r) => r.id);
  // claims present in any model, in the first model's (ledger) order
  for (const m of members) for (const r of m.analysis.rows) if (!ids.includes(r.id)) ids.push(r.id);
  const hand = new Map(inHand?.rows.map((r) => [r.id, r]) ?? []);
  const claims: Record<string, ClaimRobustness> = {};
  const counts: Record<Classification, number> = { robust: 0, "model-specific": 0, "initialisation-bound": 0, "not judged": 0 };
  for (const id of ids) {
    const rows = members.map((m) => m.analysis.rows.find((r) => r.id === id) ?? null);
    const first = rows.find((r) => r)!;
    const verdicts: Verdict[] = rows.map((r) => r?.verdict ?? "na");
    const values: Value[] = rows.map((r) => r?.value ?? null);
    const tally: Record<Verdict, number> = { holds: 0, differs: 0, construction: 0, unreproducible: 0, na: 0 };
    for (const v of verdicts) tally[v]++;
    const majority = (Object.keys(tally) as Verdict[]).reduce((a, b) => (tally[b] > tally[a] ? b : a));
    const share = tally[majority] / members.length;
    const c: ClaimRobustness = {
      id,
      claim: first.claim,
      paper: first.paper,
      chapter: first.chapter,
      neuronIdentity: first.neuronIdentity,
      ...tally,
      total: members.length,
      values,
      verdicts,
      majority,
      share: Number(share.toFixed(4)),
      classification: "model-specific",
    };
    if (tally.na === members.length) c.classification = "not judged";
    else if (share >= ROBUST_SHARE) c.classification = "robust";
    else if (first.neuronIdentity) {
      const identity = rows.map((r) => (!r ? null : isNeuronValue(r.value) ? key(r.value) : r.verdict === "holds" ? "holds" : null));
      const rec = recurrence(seeds, identity);
      Object.assign(c, rec);
      if (seedBound(rec)) c.classification = "initialisation-bound";
    }
    const h = hand.get(id);
    if (h) c.inHand = { value: h.value, verdict: h.verdict, measured: h.measured };
    counts[c.classification]++;
    claims[id] = c;
  }
  const roles: RoleRobustness[] = ROLE_LABELS.map(([role, label]) => {
    const pick = (R: Roles | undefined) => {
      const v = R?.[role] ?? null;
      return role === "knockoutOrder" ? ((v as number[] | null)?.[0] ?? null) : (v as number | number[] | null);
    };
    const values = members.map((m) => pick(m.analysis.roles));
    const rec = recurrence(seeds, values.map(key));
    const present = values.filter((v) => v !== null).length;
    const classification: RoleRobustness["classification"] =
      present < 2
        ? "undetermined"
        : seedBound(rec)
          ? "recurs with the seed"
          : rec.crossSeedPairs && rec.crossSeedRecur / rec.crossSeedPairs >= RECUR_SHARE
            ? "recurs across seeds"
            : "does not recur";
    return { role, label, values, ...(inHand ? { inHand: pick(inHand.roles) } : {}), ...rec, classification };
  });
  return {
    models: members.map((m) => ({ name: m.name, seed: m.seed, order: m.order, bpc: m.bpc, H: m.analysis.roles.H, errors: Object.keys(m.analysis.errors) })),
    claims,
    counts,
    roles,
    sharedSeeds,
  };
}
