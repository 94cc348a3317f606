// Numbered figures. Every chart of the report goes through figure(): Plot's ariaLabel and
// ariaDescription give the SVG an accessible name and description, and a <figcaption> says what
// to see. Figures are numbered per page by a CSS counter (style.css), in reading order.
import * as Plot from "@observablehq/plot";
import {el} from "./dom.js";

/**
 * figure(plotOptions, {title, caption, id, data}) → <figure class="fig"> holding Plot.plot(plotOptions).
 * `title` names the chart (aria-label), `caption` says what to see (aria-description and figcaption).
 * The caption ends with a link to the plotted data as CSV: `data` (rows), else the largest data
 * array among the marks (what the chart draws, made into a file only when the link is used).
 */
export function figure(options, {title = options.ariaLabel, caption = options.ariaDescription, id, data} = {}) {
  return wrapFigure(Plot.plot({...options, ariaLabel: title, ariaDescription: caption}), {title, caption, id, data: data ?? plottedRows(options.marks)});
}

/** The largest data array among Plot marks (nested mark lists included; of two as long, the one with more columns), or null. */
export function plottedRows(marks) {
  let best = null;
  const width = (d) => (d[0] !== null && typeof d[0] === "object" ? Object.keys(d[0]).length : 1);
  const visit = (m) => {
    if (Array.isArray(m)) return m.forEach(visit);
    const d = m?.data;
    if (!d || typeof d === "string" || typeof d.length !== "number" || d.length === 0) return;
    // a frame's [null] or a lone reference value (ruleY([0])) is not the figure's data
    if (d.length < 2 && (d[0] === null || d[0] === undefined || typeof d[0] !== "object")) return;
    if (best && (d.length < best.length || (d.length === best.length && width(d) <= width(best)))) return;
    best = d;
  };
  visit(marks ?? []);
  return best;
}

const csvCell = (v) => {
  if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) return "";
  const s = typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Rows (objects, or plain values: one column "value") as CSV text; columns in first-seen order. */
export function toCsv(rows) {
  const list = Array.from(rows, (r) => (r !== null && typeof r === "object" && !Array.isArray(r) ? r : {value: r}));
  const cols = [];
  const seen = new Set();
  for (const r of list) for (const k of Object.keys(r)) if (!seen.has(k)) seen.add(k), cols.push(k);
  return [cols.map(csvCell).join(","), ...list.map((r) => cols.map((k) => csvCell(r[k])).join(","))].join("\n") + "\n";
}

const slug = (s) => String(s ?? "figure").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "figure";

/** "plotted data (CSV)": the file is made when the link is used, so figures stay cheap to draw. */
function csvLink(rows, title) {
  const a = el("a", {class: "fig-data", download: `${slug(title)}.csv`, href: "#", title: `the ${rows.length} rows this figure draws, as CSV`}, "plotted data (CSV)");
  a.addEventListener("click", () => {
    if (a.dataset.ready) return;
    a.href = URL.createObjectURL(new Blob([toCsv(rows)], {type: "text/csv"}));
    a.dataset.ready = "1";
  });
  return a;
}

/** The same figure frame around any chart element (a hand-made SVG, a canvas, an HTML strip). */
export function wrapFigure(node, {title, caption, id, data} = {}) {
  watchFigures();
  if (title && node instanceof Element) {
    const svg = node.matches("svg") ? node : null;
    if (svg && !svg.hasAttribute("aria-label")) svg.setAttribute("aria-label", title);
    if (!svg && !node.hasAttribute("aria-label") && node.getAttribute("role") === "img") node.setAttribute("aria-label", title);
  }
  return el("figure", {class: "fig", id},
    node,
    title || caption || data?.length ? el("figcaption", {class: "fig-caption"}, title ? el("strong", null, `${title}. `) : null, caption ?? "", data?.length ? [" ", csvLink(data, title)] : null) : null);
}

/** Colours with one meaning each. Red/orange and blue are the verdict colours (style.css) and are
 * used for nothing else; a highlighted neuron or the paper's pick is drawn in ACCENT. */
export const ACCENT = "var(--accent)";
/** Series colours for categories without a verdict meaning (Observable's tableau10 without its red). */
export const SERIES = ["#4e79a7", "#f28e2c", "#59a14f", "#b07aa1", "#76b7b2", "#edc949", "#9c755f", "#bab0ab"];
/** The sign of an activation or pre-activation, the same on every page (Q1, Q4, text view, neuron
 * pages): orange for ≥ 0 (bit 1), blue for < 0. */
export const POSITIVE = "#f28e2c";
export const NEGATIVE = "#4269d0";
/** Plain numbers for dimensionless quantities (margins, bits, fractions): never SI prefixes. */
export const plain = (x) => (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(0) : String(+x.toPrecision(6)));

/**
 * Numbers the page's figures in document order (data-n on each caption, shown by style.css).
 * Charts are drawn lazily and redrawn when their inputs change, so the numbering follows every
 * change of the page, batched to one pass per frame.
 */
let watching = false;
function watchFigures() {
  if (watching || typeof document === "undefined") return;
  watching = true;
  let queued = false;
  const number = () => {
    queued = false;
    let n = 0;
    for (const cap of document.querySelectorAll("figure.fig > figcaption.fig-caption")) {
      const v = String(++n);
      if (cap.getAttribute("data-n") !== v) cap.setAttribute("data-n", v);
    }
  };
  const root = document.getElementById("observablehq-main") ?? document.body;
  new MutationObserver(() => {
    if (!queued) (queued = true), requestAnimationFrame(number);
  }).observe(root, {childList: true, subtree: true});
  queued = true;
  requestAnimationFrame(number);
}
