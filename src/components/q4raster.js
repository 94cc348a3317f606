// The sign raster of Q4: every neuron's sign at every step, as one Plot raster image (T×H cells is
// too many for SVG) with axes (x = step, y = neuron) and a legend. Hovering shows the step, the
// neuron and its sign. Pure: data in, element out.
import * as Plot from "@observablehq/plot";
import {el} from "./dom.js";
import {ACCENT, NEGATIVE, POSITIVE, figure} from "./figure.js";
import {setFocus, tagNeurons} from "./focus.js";

/** Decodes the loader's hex rows: bit (j mod 4) of hex digit ⌊j/4⌋ is 1 when h_t[j] ≥ 0. */
export function signAt(raster, t, j) {
  const v = parseInt(raster[t][j >> 2], 16);
  return (v >> (j & 3)) & 1;
}

const POS = "h ≥ 0", NEG = "h < 0";

/**
 * raster: array of hex strings (one per step); H neurons; order: neuron order for the rows; focus: the
 * page's highlighted neuron (its row is framed in the accent colour and named on the axis, the other
 * rows are veiled; clicking a row highlights its neuron).
 * Returns a numbered figure (x = step, y = neuron row) and a readout line under it. The cells are
 * one canvas ImageData (T×H pixels, a few ms) placed in the Plot frame as an image: Plot's own
 * raster mark maps every cell through its colour scale and took seconds on a phone-class CPU.
 */
export function signRaster(raster, H, {width = 800, order = null, focus = null, from = 0, to = raster.length, title, caption} = {}) {
  const T = Math.max(1, Math.min(to, raster.length) - from);
  const rows = order ?? Array.from({length: H}, (_, j) => j);
  const canvas = document.createElement("canvas");
  canvas.width = T;
  canvas.height = Math.max(1, rows.length);
  const ctx = canvas.getContext("2d");
  if (ctx) {
    const img = ctx.createImageData(T, canvas.height);
    const px = img.data;
    const [P, N] = [hexRgb(POSITIVE), hexRgb(NEGATIVE)];
    for (let r = 0; r < rows.length; r++) {
      for (let t = 0; t < T; t++) {
        const c = signAt(raster, from + t, rows[r]) ? P : N;
        const o = 4 * (r * T + t);
        px[o] = c[0]; px[o + 1] = c[1]; px[o + 2] = c[2]; px[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }
  const step = rows.length > 64 ? 16 : rows.length > 16 ? 8 : 1;
  const fr = focus === null ? -1 : rows.indexOf(focus);
  // the highlighted row is named on the axis; the regular ticks next to it make way
  const ticks = [...Array.from({length: Math.ceil(rows.length / step)}, (_, k) => k * step + 0.5).filter((v) => fr < 0 || Math.abs(v - fr - 0.5) >= 5), ...(fr < 0 ? [] : [fr + 0.5])].sort((a, b) => a - b);
  const veil = fr < 0 ? [] : [{y1: 0, y2: fr}, {y1: fr + 1, y2: rows.length}].filter((v) => v.y2 > v.y1);
  const framed = fr < 0 ? [] : [{j: focus, y1: fr, y2: fr + 1}];
  const [mt, mr, mb, ml] = [24, 10, 36, 50];
  const height = Math.max(160, Math.min(700, 3 * rows.length + mt + mb));
  const chart = figure({
    width, height, marginTop: mt, marginRight: mr, marginBottom: mb, marginLeft: ml,
    x: {label: "position t", domain: [from, from + T]},
    y: {label: order ? "neuron (most flips first)" : "neuron", domain: [0, rows.length], reverse: true, ticks, tickFormat: (v) => `h${rows[Math.floor(v)]}`},
    marks: [
      Plot.image([0], {x: from + T / 2, y: rows.length / 2, width: width - ml - mr, height: height - mt - mb, src: canvas.toDataURL(), preserveAspectRatio: "none", imageRendering: "pixelated"}),
      Plot.rect(veil, {x1: from, x2: from + T, y1: "y1", y2: "y2", fill: "var(--theme-background)", fillOpacity: 0.55}),
      Plot.rect(framed, {x1: from, x2: from + T, y1: "y1", y2: "y2", fill: "none", stroke: ACCENT, strokeWidth: 2.5, insetTop: -1.5, insetBottom: -1.5, render: tagNeurons(framed, (r) => r.j, focus)}),
      Plot.frame({strokeOpacity: 0.3})
    ]
  }, {title, caption});
  const key = el("div", {class: "ex-legend q4-key"},
    el("span", null, el("i", {style: `background:${POSITIVE}`}), POS), el("span", null, el("i", {style: `background:${NEGATIVE}`}), NEG));
  chart.prepend(key);
  const info = el("div", {style: "font: 12px var(--monospace); min-height: 1.4em", "aria-live": "polite"}, focus === null ? "Hover the raster for a neuron's sign at a step; click a row to highlight its neuron." : `h${focus}: ${flipsOf(raster, focus, from, from + T)} flips in the steps shown. Hover for a neuron's sign at a step.`);
  const svg = chart.querySelector("svg[aria-label]") ?? chart.querySelector("svg");
  const cellAt = (e) => {
    const box = svg.getBoundingClientRect();
    const k = width / box.width; // the svg scales down on narrow screens
    const x = (e.clientX - box.left) * k, y = (e.clientY - box.top) * k;
    const t = from + Math.floor(((x - ml) / (width - ml - mr)) * T);
    const r = Math.floor(((y - mt) / (height - mt - mb)) * rows.length);
    return t < from || t >= from + T || r < 0 || r >= rows.length ? null : {t, j: rows[r]};
  };
  // clicking a row highlights its neuron on the whole page (tick labels say their neuron themselves)
  svg?.addEventListener("click", (e) => {
    if (e.target.closest?.("[data-neuron]")) return;
    const c = cellAt(e);
    if (c) setFocus(c.j);
  });
  svg?.addEventListener("pointermove", (e) => {
    const c = cellAt(e);
    if (!c) return;
    const {t, j} = c;
    const s = signAt(raster, t, j);
    const prev = t > 0 ? signAt(raster, t - 1, j) : s;
    info.textContent = `t = ${t}, h${j}: ${s ? POS : NEG}${t > 0 && prev !== s ? " (flipped at this step)" : ""}`;
  });
  chart.append(info);
  return chart;
}

/** Sign changes of neuron j between steps from and to (exclusive). */
function flipsOf(raster, j, from, to) {
  let n = 0;
  for (let t = from + 1; t < to; t++) if (signAt(raster, t, j) !== signAt(raster, t - 1, j)) n++;
  return n;
}

function hexRgb(h) {
  return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
}
