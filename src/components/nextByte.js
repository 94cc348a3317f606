// The playground's next-byte distribution and text continuation. No Plot: HTML bars, so the page's
// first load stays light. Pure: data in, values or elements out.
import {el} from "./dom.js";

/** mulberry32: a small seeded generator (same seed → same continuation in every browser). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The distribution of the byte after `bytes` (length ≥ 1) and the state that produces it: the
 * engine's forward pass over bytes + one placeholder byte, read at the last position.
 */
export function nextByteDistribution(engine, model, bytes) {
  if (!bytes.length) return null;
  const ext = new Uint8Array(bytes.length + 1);
  ext.set(bytes);
  const tr = engine.forward(model, ext);
  const t = tr.T - 1;
  return {probs: tr.probs.slice(t * 256, (t + 1) * 256), h: tr.h.slice(t * model.H, (t + 1) * model.H)};
}

/**
 * Continues from state h (after the last byte) with distribution probs: n bytes, each the most
 * probable next byte (greedy) or drawn from the model's distribution with the seeded generator.
 * Returns the bytes and the probability the model gave each chosen byte.
 */
export function continueText(engine, model, {probs, h}, n, {mode = "greedy", seed = 1} = {}) {
  const H = model.H;
  const rand = rng(seed);
  let P = probs;
  let hPrev = Float32Array.from(h);
  const z = new Float32Array(H);
  const out = [];
  const pChosen = [];
  for (let i = 0; i < n; i++) {
    let b = 0;
    if (mode === "greedy") {
      for (let o = 1; o < 256; o++) if (P[o] > P[b]) b = o;
    } else {
      const u = rand();
      let acc = 0;
      b = 255;
      for (let o = 0; o < 256; o++) if ((acc += P[o]) > u) { b = o; break; }
    }
    out.push(b);
    pChosen.push(P[b]);
    const hNext = new Float32Array(H);
    engine.step(model, hPrev, b, z, hNext);
    P = engine.softmax(engine.readoutLogits(model, hNext));
    hPrev = hNext;
  }
  return {bytes: Uint8Array.from(out), p: pChosen};
}

/** The k most probable next bytes as labelled bars, with the uniform 1/256 marked. */
export function nextByteBars(probs, {k = 10, byteLabel}) {
  const idx = Array.from({length: 256}, (_, o) => o).sort((a, b) => probs[b] - probs[a] || a - b).slice(0, k);
  const max = Math.max(probs[idx[0]], 1e-12);
  const bits = (p) => -Math.log2(Math.max(p, 1e-30));
  return el("table", {class: "pg-next", "aria-label": `the ${k} most probable next bytes`},
    el("thead", null, el("tr", null, el("th", null, "next byte"), el("th", null, "P"), el("th", null, "bits if it comes"), el("th", null, ""))),
    el("tbody", null, idx.map((o) => el("tr", {"data-byte": o},
      el("td", null, byteLabel(o)), el("td", {class: "num"}, probs[o].toFixed(4)), el("td", {class: "num"}, bits(probs[o]).toFixed(2)),
      el("td", null, el("span", {class: "bar", style: `width:${Math.max(1, Math.round(160 * probs[o] / max))}px`}))))));
}
