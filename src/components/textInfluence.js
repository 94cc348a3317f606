// The text view's influence underline. Pure: data in, values out. No Plot here: this module is on
// the page's first screen (the stacked strips, which use Plot, are in neuronStrips.js).

/**
 * The text loader's influence field ({D, scale, delta: base64 Int16, t-major}) as an accessor:
 * at(t, d) = Δ_d(t) in bits (d = 1: the byte just read, data[t]); top(t, k) = the k offsets with
 * the largest |Δ|.
 */
export function decodeInfluence(inf) {
  const bin = atob(inf.delta);
  const bytes = new Uint8Array(bin.length);
  for (let k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
  const q = new Int16Array(bytes.buffer);
  const {D, scale} = inf;
  const at = (t, d) => q[t * D + d - 1] / scale;
  const top = (t, k = 3) => {
    const out = [];
    for (let d = 1; d <= D && d <= t + 1; d++) out.push({d, delta: at(t, d)});
    return out.filter((o) => o.delta !== 0).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, k);
  };
  return {D, at, top};
}

/** Underline colour of an influence: blue when the byte helped (Δ > 0), orange when it hurt. */
export function influenceColor(delta, max) {
  const a = Math.min(1, Math.abs(delta) / Math.max(max, 1e-9)) ** 0.7;
  return delta >= 0 ? `rgba(47, 99, 170, ${(0.15 + 0.85 * a).toFixed(3)})` : `rgba(230, 120, 20, ${(0.15 + 0.85 * a).toFixed(3)})`;
}

/**
 * The marks for textStrip.mark(): bytes data[t − d + 1], d = 1 … D, underlined by |Δ_d(t)|
 * relative to the largest at this t; bytes with |Δ| < 1 % of it are left plain.
 */
export function influenceMarks(inf, t, T) {
  if (t >= T) return [];
  let max = 0;
  for (let d = 1; d <= inf.D && d <= t + 1; d++) max = Math.max(max, Math.abs(inf.at(t, d)));
  const marks = [];
  for (let d = 1; d <= inf.D && d <= t + 1; d++) {
    const v = inf.at(t, d);
    if (Math.abs(v) >= 0.01 * max && v !== 0) marks.push([t - d + 1, influenceColor(v, max)]);
  }
  return marks;
}
