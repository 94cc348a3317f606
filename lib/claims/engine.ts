/**
 * The one verdict system: each registry row (lib/claims/registry.ts) measured on one model
 * (lib/claims/measures.ts) and judged by its rule. Verdicts are never typed in.
 *
 *  holds / differs   — the measured value is / is not within the rule (using the bootstrap 95 %
 *                      interval where the value comes from sampled positions, and beating the
 *                      chance baseline where the row asks for it);
 *  construction      — holds, but the layout, the method or the corpus fixes the value (says why);
 *  unreproducible    — differs, and no model of this layout on this corpus can reach it (says why);
 *  na                — not computable: the measure is undefined here (says why).
 */
import { bootstrap, fmt, type Measured, MEASURES, Missing, NotReady, type Results } from "./measures.ts";
import { CHAPTERS, type Chapter, CLAIMS, type ClaimSpec, type Rule, SECTIONS, type SectionId, type Unit } from "./registry.ts";

export type { Results } from "./measures.ts";
export type Verdict = "holds" | "differs" | "construction" | "unreproducible" | "na";
export const VERDICTS: readonly Verdict[] = ["holds", "differs", "construction", "unreproducible", "na"];
/** Verdicts that say something about the weights (the headline counts only these). */
export const INFORMATIVE: readonly Verdict[] = ["holds", "differs"];

/** Below this many predictions every measured (not fixed) claim is "not computable". */
export const MIN_PREDICTIONS = 32;

export interface LedgerRow {
  id: string;
  chapter: Chapter;
  /** Ledger group: the first location. */
  section: SectionId;
  /** Every place in the paper (section titles). */
  location: string[];
  quote: string;
  claim: string;
  paper: string;
  /** The measured value as shown. */
  measured: string;
  value: number | number[] | null;
  /** The rule in words. */
  rule: string;
  verdict: Verdict;
  /** Why this verdict: the comparison, the construction, or what is undefined. */
  reason: string;
  /** How far off, in the claim's unit ("46× smaller", "−0.6 points"). */
  distance: string;
  baseline: { value: number; how: string } | null;
  interval: [number, number] | null;
  /** What a sampled value is measured on. */
  sample: string | null;
  neurons: number[];
  keys: string[];
  chart: string;
  method: string;
  note?: string;
}

export interface Ledger {
  rows: LedgerRow[];
  counts: Record<Verdict, number>;
  byChapter: Record<string, Record<Verdict, number>>;
  sections: { id: SectionId; title: string; rows: number }[];
  chapters: Chapter[];
}

// ---- rules ----------------------------------------------------------------------------------------

const f = (v: number) => fmt(v, 6);
const fmtT = (t: number | readonly number[]) => (Array.isArray(t) ? `[${(t as number[]).map(f).join(", ")}]` : f(t as number));

export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case "abs":
      return `within ±${f(rule.tol)} of ${fmtT(rule.target)}`;
    case "rel":
      return `within ±${f(100 * rule.tol)} % of ${fmtT(rule.target)}`;
    case "factor":
      return `within a factor ${f(rule.factor)} of ${fmtT(rule.target)}`;
    case "atLeast":
      return `${rule.strict ? ">" : "≥"} ${f(rule.min)}`;
    case "atMost":
      return `${rule.strict ? "<" : "≤"} ${f(rule.max)}`;
    case "range":
      return `in [${f(rule.lo)}, ${f(rule.hi)}]`;
    case "eq":
      return `exactly ${fmtT(rule.target)}`;
    case "all":
      return rule.parts.map(describeRule).join("; and ");
    case "none":
      return "not judged";
  }
}

type Scalar = Exclude<Rule, { kind: "all" } | { kind: "none" }>;
const targetAt = (r: Scalar, i: number): number | undefined => {
  if (!("target" in r)) return undefined;
  const t = r.target;
  return typeof t === "number" ? t : t[i];
};

/** The accepted region [lo, hi] of a scalar rule for part i (eq: a point). */
function region(r: Scalar, i: number): [number, number] {
  const t = targetAt(r, i) ?? 0;
  switch (r.kind) {
    case "abs":
      return [t - r.tol - 1e-12 * Math.abs(t), t + r.tol + 1e-12 * Math.abs(t)];
    case "rel":
      return [t - r.tol * Math.abs(t), t + r.tol * Math.abs(t)];
    case "factor":
      return t >= 0 ? [t / r.factor, t * r.factor] : [t * r.factor, t / r.factor];
    case "atLeast":
      return [r.strict ? r.min + Number.EPSILON * Math.max(1, Math.abs(r.min)) : r.min, Infinity];
    case "atMost":
      return [-Infinity, r.strict ? r.max - Number.EPSILON * Math.max(1, Math.abs(r.max)) : r.max];
    case "range":
      return [r.lo, r.hi];
    case "eq":
      return [t, t];
  }
}
const accepts = (r: Scalar, m: number, i: number) => {
  const [lo, hi] = region(r, i);
  return r.kind === "factor" && (targetAt(r, i) ?? 0) === 0 ? m === 0 : m >= lo && m <= hi;
};

/** Whether `rule` accepts `value` (or, with an interval, whether the interval reaches the accepted region). */
export function ruleHolds(rule: Rule, value: number | number[], interval?: [number, number] | null): boolean {
  if (rule.kind === "none") return false;
  if (rule.kind === "all") {
    const vs = Array.isArray(value) ? value : [value];
    return rule.parts.length === vs.length && rule.parts.every((p, i) => ruleHolds(p, vs[i]));
  }
  const vs = Array.isArray(value) ? value : [value];
  if ("target" in rule && typeof rule.target !== "number" && rule.target.length !== vs.length) return false;
  const ok = vs.every((m, i) => accepts(rule, m, i));
  if (ok || !interval || vs.length !== 1) return ok;
  const [lo, hi] = region(rule, 0);
  return interval[0] <= hi && interval[1] >= lo;
}

// ---- distance -------------------------------------------------------------------------------------

/** The point of the accepted region nearest to m (the paper's value for abs/rel/factor/eq). */
function reference(r: Scalar, m: number, i: number): number {
  const t = targetAt(r, i);
  if (t !== undefined) return t;
  const [lo, hi] = region(r, i);
  return m < lo ? lo : m > hi ? hi : m;
}
const sgn = (v: number, d = 3) => `${v >= 0 ? "+" : "−"}${fmt(Math.abs(v), d)}`;
function distanceOne(unit: Unit, r: Scalar, m: number, i: number): string {
  const ref = reference(r, m, i);
  const d = m - ref;
  const inside = accepts(r, m, i);
  if (inside && !("target" in r)) return "in range";
  switch (unit) {
    case "neuron":
      return m === ref ? "same neuron" : `${m < 0 ? "none" : `h${m}`}, not h${ref}`;
    case "ratio": {
      if (m === 0 && ref !== 0) return "0 (none)";
      if (ref === 0 || Math.sign(m) !== Math.sign(ref)) return `${sgn(d)}`;
      const q = m / ref;
      if (Math.abs(q - 1) < 0.01) return d === 0 ? "on target" : sgn(d, 3);
      return q >= 1 ? `${fmt(q, 3)}× larger` : `${fmt(1 / q, 3)}× smaller`;
    }
    case "points":
      return d === 0 ? (r.kind === "abs" || r.kind === "eq" ? "on target" : "in range") : `${sgn(d)} points`;
    case "bpc":
      return d === 0 && !("target" in r) ? "in range" : `${sgn(d, 3)} bpc`;
    case "count":
      // counts of different things (neurons, weights, positions): the two numbers say what is off
      return d === 0 ? "exact" : `${sgn(d, 4)} (${fmt(m, 4)} vs ${fmt(ref, 4)})`;
    case "steps":
      return d === 0 ? "on target" : `${sgn(d)} steps`;
    case "offset":
      return d === 0 ? "in range" : `${sgn(d)} in d`;
    case "none":
      return "—";
  }
}
export function distanceOf(rule: Rule, unit: Unit, value: number | number[] | null): string {
  if (value === null || rule.kind === "none") return "—";
  const vs = Array.isArray(value) ? value : [value];
  if (rule.kind === "all") {
    const bad = rule.parts.findIndex((p, i) => !ruleHolds(p, vs[i]));
    const k = bad < 0 ? 0 : bad;
    const p = rule.parts[k];
    return p.kind === "all" || p.kind === "none" ? "—" : distanceOne(unit, p, vs[k], 0);
  }
  if (vs.length === 1) return distanceOne(unit, rule, vs[0], 0);
  if (unit === "neuron") return vs.map((m) => (m < 0 ? "none" : `h${m}`)).join(", ") + (vs.every((m, i) => accepts(rule, m, i)) ? " (same)" : ` (paper ${("target" in rule && typeof rule.target !== "number" ? rule.target : []).map((j) => `h${j}`).join(", ")})`);
  const off = vs.map((m, i) => (accepts(rule, m, i) ? null : i)).filter((i): i is number => i !== null);
  if (!off.length) return "every part on target";
  const i = off[0];
  return `${off.length} of ${vs.length} parts off; first: ${distanceOne(unit, rule, vs[i], i)}`;
}

// ---- judging ----------------------------------------------------------------------------------------

const sectionTitle = (id: SectionId) => SECTIONS.find((s) => s.id === id)?.title ?? id;
const r8 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(8)) : v);

function measureOf(spec: ClaimSpec, R: Results, pre?: Premeasured): Measured {
  const taken = pre?.get(spec.measure);
  if (taken) return taken;
  try {
    return MEASURES[spec.measure as keyof typeof MEASURES](R);
  } catch (e) {
    if (e instanceof NotReady) throw e;
    const why = e instanceof Missing ? e.message : `measurement failed: ${(e as Error).message}`;
    return { value: null, shown: "not computable", reason: why };
  }
}

const finite = (v: Measured["value"]): v is number | number[] => v !== null && (Array.isArray(v) ? v.length > 0 && v.every(Number.isFinite) : Number.isFinite(v));

/** One registry row measured and judged. */
export function evaluate(spec: ClaimSpec, R: Results, pre?: Premeasured): LedgerRow {
  let m = measureOf(spec, R, pre);
  const rule = spec.rule as Rule;
  const short = R.fingerprint.predictions < MIN_PREDICTIONS && !spec.fixed;
  if (short && m.value !== null) m = { value: null, shown: "too short to measure", reason: `too short to measure: ${R.fingerprint.predictions} prediction(s); a measured claim needs at least ${MIN_PREDICTIONS}` };
  let verdict: Verdict;
  let reason: string;
  const ruleText = describeRule(rule);
  if (rule.kind === "none") {
    verdict = "na";
    reason = rule.reason;
  } else if (!finite(m.value)) {
    verdict = "na";
    reason = m.reason ?? "the measured value is undefined on this model and corpus";
  } else {
    const shown = Array.isArray(m.value) ? `[${m.value.map((v) => fmt(v, 6)).join(", ")}]` : fmt(m.value, 6);
    const pointIn = ruleHolds(rule, m.value);
    const reaches = !pointIn && ruleHolds(rule, m.value, m.interval);
    const iv = m.interval ? ` (95 % interval ${fmt(m.interval[0], 4)}–${fmt(m.interval[1], 4)}${m.sample ? ` over ${m.sample}` : ""})` : "";
    reason = `measured ${shown}${iv} is ${pointIn ? "" : "not "}${ruleText}`;
    const inRule = pointIn;
    let ok = inRule;
    let aboveChance = true;
    if (spec.chance && m.baseline && typeof m.value === "number") {
      const lo = m.interval ? m.interval[0] : m.value;
      aboveChance = lo > m.baseline.value;
      reason += `; ${aboveChance ? "above" : "not above"} chance (${fmt(m.baseline.value, 4)}, ${m.baseline.how})`;
      ok = ok && aboveChance;
    }
    if (reaches && aboveChance) {
      verdict = "na";
      reason = `undecided on this sample: ${reason}, but the interval reaches it`;
    } else if (spec.fixed) {
      verdict = ok ? "construction" : "unreproducible";
      reason = `${ok ? "holds by construction" : "no model of this layout can reach it"}: ${spec.fixed.why} (${reason})`;
    } else verdict = ok ? "holds" : "differs";
  }
  const value = m.value === null ? null : Array.isArray(m.value) ? m.value.map(r8) : r8(m.value);
  return {
    id: spec.id,
    chapter: spec.chapter,
    section: spec.locations[0],
    location: spec.locations.map(sectionTitle),
    quote: spec.quote,
    claim: spec.claim,
    paper: spec.paper,
    measured: m.shown,
    value,
    rule: ruleText,
    verdict,
    reason,
    distance: verdict === "na" ? "—" : belowChance(spec, m) ?? distanceOf(rule, spec.unit, value),
    baseline: m.baseline ? { value: r8(m.baseline.value), how: m.baseline.how } : null,
    interval: m.interval ? [r8(m.interval[0]), r8(m.interval[1])] : null,
    sample: m.sample ?? null,
    neurons: [...spec.neurons],
    keys: [...(spec.keys ?? [])],
    chart: spec.chart,
    method: `./method#${spec.method}`,
    ...(spec.note ? { note: spec.note } : {}),
  };
}

/** When a row fails only on chance, its distance is the gap to chance. */
function belowChance(spec: ClaimSpec, m: Measured): string | null {
  if (!spec.chance || !m.baseline || typeof m.value !== "number") return null;
  const lo = m.interval ? m.interval[0] : m.value;
  if (lo > m.baseline.value) return null;
  if (!ruleHolds(spec.rule as Rule, m.value)) return null;
  return `${sgn(m.value - m.baseline.value)} vs chance${m.interval ? " (interval reaches chance)" : ""}`;
}

const zero = (): Record<Verdict, number> => ({ holds: 0, differs: 0, construction: 0, unreproducible: 0, na: 0 });

/** Measures taken before the ledger (premeasure), by measure name. */
export type Premeasured = Map<string, Measured>;

/**
 * The measures of `specs` that read no chapter of `pending`, taken now: a report computes the
 * ledger's bootstrap intervals over every position (Q6, Q7) on one thread while the other
 * finishes its chapters. A measure is a function of the chapters alone, so it is the same value
 * taken now or in ledgerOf; one that reads a pending chapter is left for ledgerOf.
 */
export function premeasure(R: Omit<Results, "pending">, pending: Iterable<string>, specs: readonly ClaimSpec[] = CLAIMS): Premeasured {
  const partial: Results = { ...R, pending: new Set(pending) };
  const out: Premeasured = new Map();
  for (const spec of specs) {
    if (out.has(spec.measure)) continue;
    try {
      out.set(spec.measure, measureOf(spec, partial));
    } catch (e) {
      if (!(e instanceof NotReady)) throw e;
    }
  }
  return out;
}

/** The ledger: every registry row judged on these chapter results (`pre`: measures already taken). */
export function ledgerOf(R: Results, specs: readonly ClaimSpec[] = CLAIMS, pre?: Premeasured): Ledger {
  const rows = specs.map((s) => evaluate(s, R, pre));
  const counts = zero();
  const byChapter: Record<string, Record<Verdict, number>> = {};
  for (const c of CHAPTERS) byChapter[c] = zero();
  for (const r of rows) {
    counts[r.verdict]++;
    byChapter[r.chapter][r.verdict]++;
  }
  return { rows, counts, byChapter, sections: SECTIONS.map((s) => ({ id: s.id, title: s.title, rows: rows.filter((r) => r.section === s.id).length })), chapters: [...CHAPTERS] };
}

export { bootstrap };
