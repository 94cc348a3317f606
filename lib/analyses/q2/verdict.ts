/**
 * Claim rows for the Q2–Q5 chapters: the paper's value (a labelled constant), the measured value
 * and a verdict computed from them with a stated tolerance. Shared by data-loaders/q2.ts … q5.ts.
 */
export type Verdict = "holds" | "differs" | "na";

export interface Claim {
  id: string;
  /** Where in the paper. */
  where: string;
  /** The paper's words. */
  quote: string;
  /** The paper's value, as printed. */
  paper: string;
  /** The measured value, formatted, and the raw number when there is one. */
  measured: string;
  value: number | null;
  verdict: Verdict;
  /** How the verdict is decided. */
  rule: string;
  /** Link anchor into the method page / note. */
  method: string;
  note?: string;
}

/** |measured − paper| ≤ tol → holds; non-finite measured → na. */
export function within(measured: number, paper: number, tol: number): Verdict {
  if (!Number.isFinite(measured)) return "na";
  return Math.abs(measured - paper) <= tol ? "holds" : "differs";
}

export function verdictOf(ok: boolean | null): Verdict {
  return ok === null ? "na" : ok ? "holds" : "differs";
}

/** Round to 6 significant digits for compact JSON. */
export function r6(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}

export function r6a(a: ArrayLike<number>): number[] {
  return Array.from(a, r6);
}
