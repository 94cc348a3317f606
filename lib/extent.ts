/**
 * Extremes of long arrays without spreading them into arguments: `Math.max(...a)` throws
 * "Maximum call stack size exceeded" once `a` has ~10⁵ elements (a 64 KB corpus gives millions
 * of per-position values). NaN elements are skipped; an empty (or all-NaN) array gives null.
 */
export function maxOf(a: ArrayLike<number>): number | null {
  let m = -Infinity;
  let any = false;
  for (let k = 0; k < a.length; k++) {
    const v = a[k];
    if (v === v) {
      any = true;
      if (v > m) m = v;
    }
  }
  return any ? m : null;
}

export function minOf(a: ArrayLike<number>): number | null {
  let m = Infinity;
  let any = false;
  for (let k = 0; k < a.length; k++) {
    const v = a[k];
    if (v === v) {
      any = true;
      if (v < m) m = v;
    }
  }
  return any ? m : null;
}
