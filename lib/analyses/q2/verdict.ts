/** Rounding helpers for compact chapter JSON (shared by data-loaders/q2.ts … q5.ts). Verdicts live in lib/claims. */

/** Round to 6 significant digits for compact JSON. */
export function r6(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}

export function r6a(a: ArrayLike<number>): number[] {
  return Array.from(a, r6);
}
