// The sign raster of Q4: every neuron's sign at every step, drawn on a canvas (T×H cells is too many
// for SVG). Hovering shows the step, the neuron and its sign. Pure: data in, element out.
import {html} from "htl";

/** Decodes the loader's hex rows: bit (j mod 4) of hex digit ⌊j/4⌋ is 1 when h_t[j] ≥ 0. */
export function signAt(raster, t, j) {
  const v = parseInt(raster[t][j >> 2], 16);
  return (v >> (j & 3)) & 1;
}

/**
 * raster: array of hex strings (one per step); H neurons; order: neuron order for the rows.
 * Returns a figure with a canvas (x = step, y = neuron) and a readout line.
 */
export function signRaster(raster, H, {width = 800, order = null, from = 0, to = raster.length} = {}) {
  const T = Math.max(0, Math.min(to, raster.length) - from);
  const rows = order ?? Array.from({length: H}, (_, j) => j);
  const cw = Math.max(1, Math.floor(width / Math.max(1, T)));
  const ch = Math.max(2, Math.min(5, Math.floor(640 / Math.max(1, H))));
  // One pixel per cell, stretched by CSS: a single putImageData instead of a fillRect per cell.
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, T);
  canvas.height = Math.max(1, rows.length);
  canvas.style.width = `${Math.max(1, T * cw)}px`;
  canvas.style.aspectRatio = `${Math.max(1, T * cw)} / ${Math.max(1, rows.length * ch)}`;
  canvas.style.maxWidth = "100%";
  canvas.style.imageRendering = "pixelated";
  const ctx = canvas.getContext("2d");
  if (ctx && T > 0 && rows.length > 0) {
    const img = ctx.createImageData(T, rows.length);
    const px = img.data; // RGBA
    const POS = [0x2b, 0x6c, 0xb0], NEG = [0xc4, 0x43, 0x2b]; // h ≥ 0, h < 0
    for (let t = 0; t < T; t++) {
      for (let r = 0; r < rows.length; r++) {
        const c = signAt(raster, from + t, rows[r]) ? POS : NEG;
        const o = 4 * (r * T + t);
        px[o] = c[0]; px[o + 1] = c[1]; px[o + 2] = c[2]; px[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }
  const info = html`<div style="font: 12px var(--monospace); min-height: 1.4em">Hover the raster: blue = h ≥ 0, red = h < 0.</div>`;
  canvas.addEventListener("mousemove", (e) => {
    const rect = canvas.getBoundingClientRect();
    const t = Math.floor(((e.clientX - rect.left) / rect.width) * T);
    const r = Math.floor(((e.clientY - rect.top) / rect.height) * rows.length);
    if (t < 0 || t >= T || r < 0 || r >= rows.length) return;
    const j = rows[r];
    const s = signAt(raster, from + t, j);
    const prev = from + t > 0 ? signAt(raster, from + t - 1, j) : s;
    info.textContent = `t = ${from + t}, h${j}: ${s ? "h ≥ 0" : "h < 0"}${from + t > 0 && prev !== s ? " (flipped at this step)" : ""}`;
  });
  return html`<figure style="max-width: 100%">${canvas}${info}</figure>`;
}
