// The sign raster of Q4: every neuron's sign at every step, as one Plot raster image (T×H cells is
// too many for SVG) with axes (x = step, y = neuron) and a legend. Hovering shows the step, the
// neuron and its sign. Pure: data in, element out.
import * as Plot from "@observablehq/plot";
import {el} from "./dom.js";
import {SERIES, figure} from "./figure.js";

/** Decodes the loader's hex rows: bit (j mod 4) of hex digit ⌊j/4⌋ is 1 when h_t[j] ≥ 0. */
export function signAt(raster, t, j) {
  const v = parseInt(raster[t][j >> 2], 16);
  return (v >> (j & 3)) & 1;
}

const POS = "h ≥ 0", NEG = "h < 0";

/**
 * raster: array of hex strings (one per step); H neurons; order: neuron order for the rows.
 * Returns a numbered figure (x = step, y = neuron row) and a readout line under it.
 */
export function signRaster(raster, H, {width = 800, order = null, from = 0, to = raster.length, title, caption} = {}) {
  const T = Math.max(1, Math.min(to, raster.length) - from);
  const rows = order ?? Array.from({length: H}, (_, j) => j);
  const values = new Array(T * rows.length);
  for (let r = 0; r < rows.length; r++) for (let t = 0; t < T; t++) values[r * T + t] = signAt(raster, from + t, rows[r]) ? POS : NEG;
  const step = rows.length > 64 ? 16 : rows.length > 16 ? 8 : 1;
  const ticks = Array.from({length: Math.ceil(rows.length / step)}, (_, k) => k * step + 0.5);
  const chart = figure({
    width, height: Math.max(160, Math.min(700, 3 * rows.length + 70)), marginLeft: 50,
    x: {label: "position t", domain: [from, from + T]},
    y: {label: order ? "neuron (most flips first)" : "neuron", domain: [0, rows.length], reverse: true, ticks, tickFormat: (v) => `h${rows[Math.floor(v)]}`},
    color: {legend: true, domain: [POS, NEG], range: [SERIES[0], SERIES[1]]},
    marks: [Plot.raster(values, {width: T, height: rows.length, x1: from, x2: from + T, y1: 0, y2: rows.length, imageRendering: "pixelated"})]
  }, {title, caption});
  const info = el("div", {style: "font: 12px var(--monospace); min-height: 1.4em", "aria-live": "polite"}, "Hover the raster for a neuron's sign at a step.");
  const svg = chart.querySelector("svg[aria-label]") ?? chart.querySelector("svg");
  const plot = chart.querySelector("figure") ?? chart.firstChild;
  svg?.addEventListener("pointermove", (e) => {
    const sx = plot.scale?.("x"), sy = plot.scale?.("y");
    if (!sx || !sy) return;
    const box = svg.getBoundingClientRect();
    const k = svg.viewBox?.baseVal?.width ? svg.viewBox.baseVal.width / box.width : 1;
    const t = Math.floor(sx.invert((e.clientX - box.left) * k));
    const r = Math.floor(sy.invert((e.clientY - box.top) * k));
    if (t < from || t >= from + T || r < 0 || r >= rows.length) return;
    const j = rows[r];
    const s = signAt(raster, t, j);
    const prev = t > 0 ? signAt(raster, t - 1, j) : s;
    info.textContent = `t = ${t}, h${j}: ${s ? POS : NEG}${t > 0 && prev !== s ? " (flipped at this step)" : ""}`;
  });
  chart.append(info);
  return chart;
}
