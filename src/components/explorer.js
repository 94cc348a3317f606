// Shared by the explorer pages (text view, playground, neuron pages): the engine loader, byte
// display and colour scales. Pure helpers: data in, values or elements out.
import {html} from "htl";

/**
 * Imports the bundled build-time engine (data/engine.js, made by data-loaders/engine.ts from
 * lib/rnn.ts + lib/f32.ts) from a Blob URL. `attachment` is FileAttachment("data/engine.js").
 */
export async function loadEngine(attachment) {
  const code = await attachment.text();
  const url = URL.createObjectURL(new Blob([code], {type: "text/javascript"}));
  try {
    return await import(/* webpackIgnore: true */ url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The model in the raw float32 layout, parsed by the engine (same parser as the build). */
export async function loadModel(engine, attachment) {
  return engine.parseRawModel(new Uint8Array(await attachment.arrayBuffer()), "weights.bin");
}

/** A byte as one visible glyph for the coloured text: printable ASCII as is, others as symbols. */
export function glyph(b) {
  if (b === 10) return "↵";
  if (b === 9) return "⇥";
  if (b === 32) return "\u00a0";
  if (b >= 33 && b <= 126) return String.fromCharCode(b);
  return "·";
}

/** A byte as a short label: 'a', '\n', 0xC3. */
export function byteLabel(b) {
  if (b === 10) return "'\\n'";
  if (b === 9) return "'\\t'";
  if (b === 32) return "' '";
  if (b >= 33 && b <= 126) return `'${String.fromCharCode(b)}'`;
  return `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** Background for a surprisal in bits: transparent at 0, saturated red at ≥ max bits. */
export function bitsColor(bits, max = 8) {
  const a = Math.max(0, Math.min(1, bits / max)) ** 0.6;
  // purple (the report's accent), not red: red-orange reads as a verdict ("differs") in this report
  return `rgba(150, 90, 210, ${(0.7 * a).toFixed(3)})`; // black text keeps ≥ 7:1 on the darkest shade
}

/** Background for an activation in [−1, 1]: blue for negative, orange for positive. */
export function activationColor(v) {
  const a = Math.min(1, Math.abs(v));
  return v >= 0 ? `rgba(242, 142, 44, ${(0.85 * a).toFixed(3)})` : `rgba(66, 105, 208, ${(0.85 * a).toFixed(3)})`;
}

/** Background for a sign: orange for h ≥ 0 (bit 1), blue for h < 0 (figure.js POSITIVE / NEGATIVE). */
export function signColor(s) {
  return s > 0 ? "rgba(242, 142, 44, 0.7)" : "rgba(66, 105, 208, 0.7)";
}

/** A small legend: a row of swatches with labels. */
export function legend(items) {
  return html`<div class="ex-legend">${items.map(([color, label]) => html`<span><i style="background:${color}"></i>${label}</span>`)}</div>`;
}

/** Decodes the Int8 base64 rows of neurons.json: value/127 per (t, j), T×H. */
export function decodeInt8(b64) {
  const s = atob(b64);
  const out = new Int8Array(s.length);
  for (let k = 0; k < s.length; k++) out[k] = (s.charCodeAt(k) << 24) >> 24;
  return out;
}

export const fmt = (v, d = 3) => (v == null || !Number.isFinite(v) ? "—" : v.toFixed(d));
