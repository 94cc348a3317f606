/**
 * The claims ledger's verdict function. A rule states how a measured value is compared with the
 * paper's value; `judge` applies it. Verdicts are never typed in: a claim's verdict is always
 * `judge(rule, measured)` at build time, so other weights get other verdicts.
 *
 * Measured values are numbers (or arrays of numbers, one per part of a compound claim); a null
 * measured value means "not computable" and must come with a reason.
 */
export type Verdict = "holds" | "differs" | "na";

export type Rule =
  /** |m − target| ≤ tol (elementwise when target is an array). */
  | { kind: "abs"; target: number | number[]; tol: number }
  /** |m − target| ≤ tol · |target|. */
  | { kind: "rel"; target: number | number[]; tol: number }
  /** target / factor ≤ m ≤ target · factor (same sign as target). */
  | { kind: "factor"; target: number | number[]; factor: number }
  /** m ≥ min (m > min when strict). */
  | { kind: "atLeast"; min: number; strict?: boolean }
  /** m ≤ max (m < max when strict). */
  | { kind: "atMost"; max: number; strict?: boolean }
  /** lo ≤ m ≤ hi for every element. */
  | { kind: "range"; lo: number; hi: number }
  /** Exactly equal (counts, neuron indices, chains). */
  | { kind: "eq"; target: number | number[] }
  /** Compound claim: measured is an array, part i is judged by parts[i]; holds only if all hold. */
  | { kind: "all"; parts: Rule[] }
  /** Not judged (an open question, or a claim no analysis can decide): always "na". */
  | { kind: "none"; reason: string };

export type Measure = number | number[] | null;

export interface Judgement {
  verdict: Verdict;
  /** Why: the comparison that decided it, or why it could not be decided. */
  reason: string;
}

const fmt = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e7)) return v.toExponential(2);
  return String(Number(v.toPrecision(6)));
};
const fmtT = (t: number | number[]) => (Array.isArray(t) ? `[${t.map(fmt).join(", ")}]` : fmt(t));

/** Human-readable tolerance of a rule, e.g. "±0.0005", "±10 %", "≥ 99.9". */
export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case "abs":
      return `within ±${fmt(rule.tol)} of ${fmtT(rule.target)}`;
    case "rel":
      return `within ±${fmt(100 * rule.tol)} % of ${fmtT(rule.target)}`;
    case "factor":
      return `within a factor ${fmt(rule.factor)} of ${fmtT(rule.target)}`;
    case "atLeast":
      return `${rule.strict ? ">" : "≥"} ${fmt(rule.min)}`;
    case "atMost":
      return `${rule.strict ? "<" : "≤"} ${fmt(rule.max)}`;
    case "range":
      return `in [${fmt(rule.lo)}, ${fmt(rule.hi)}]`;
    case "eq":
      return `exactly ${fmtT(rule.target)}`;
    case "all":
      return rule.parts.map(describeRule).join("; and ");
    case "none":
      return "not judged";
  }
}

function one(rule: Rule, m: number, target: number | undefined): boolean {
  switch (rule.kind) {
    case "abs":
      return Math.abs(m - target!) <= rule.tol + 1e-12 * Math.abs(target!);
    case "rel":
      return Math.abs(m - target!) <= rule.tol * Math.abs(target!);
    case "factor": {
      const t = target!;
      if (t === 0) return m === 0;
      const q = m / t;
      return q > 0 && q >= 1 / rule.factor && q <= rule.factor;
    }
    case "atLeast":
      return rule.strict ? m > rule.min : m >= rule.min;
    case "atMost":
      return rule.strict ? m < rule.max : m <= rule.max;
    case "range":
      return m >= rule.lo && m <= rule.hi;
    case "eq":
      return m === target;
    default:
      return false;
  }
}

/** Applies a rule to a measured value. Non-finite or missing measurements are "na". */
export function judge(rule: Rule, measured: Measure, whyMissing = "no measured value"): Judgement {
  if (rule.kind === "none") return { verdict: "na", reason: rule.reason };
  if (measured === null || measured === undefined) return { verdict: "na", reason: whyMissing };
  if (rule.kind === "all") {
    if (!Array.isArray(measured) || measured.length !== rule.parts.length) return { verdict: "na", reason: "compound claim measured incompletely" };
    const js = rule.parts.map((p, i) => judge(p, measured[i], whyMissing));
    const na = js.find((j) => j.verdict === "na");
    if (na) return na;
    const bad = js.findIndex((j) => j.verdict === "differs");
    return bad < 0 ? { verdict: "holds", reason: js.map((j) => j.reason).join("; ") } : { verdict: "differs", reason: `part ${bad + 1}: ${js[bad].reason}` };
  }
  const ms = Array.isArray(measured) ? measured : [measured];
  if (ms.length === 0 || ms.some((m) => typeof m !== "number" || !Number.isFinite(m))) return { verdict: "na", reason: whyMissing === "no measured value" ? "measured value is not finite" : whyMissing };
  const hasT = rule.kind === "abs" || rule.kind === "rel" || rule.kind === "factor" || rule.kind === "eq";
  const targets = hasT ? (rule as { target: number | number[] }).target : undefined;
  if (Array.isArray(targets) && targets.length !== ms.length) return { verdict: "na", reason: "measured value has the wrong number of parts" };
  const ok = ms.every((m, i) => one(rule, m, Array.isArray(targets) ? targets[i] : (targets as number | undefined)));
  const shown = Array.isArray(measured) ? `[${ms.map(fmt).join(", ")}]` : fmt(measured);
  return { verdict: ok ? "holds" : "differs", reason: `measured ${shown} is ${ok ? "" : "not "}${describeRule(rule)}` };
}
