// Numbered figures. Every chart of the report goes through figure(): Plot's ariaLabel and
// ariaDescription give the SVG an accessible name and description, and a <figcaption> says what
// to see. Figures are numbered per page by a CSS counter (style.css), in reading order.
import * as Plot from "@observablehq/plot";
import {el} from "./dom.js";

/**
 * figure(plotOptions, {title, caption, id}) → <figure class="fig"> holding Plot.plot(plotOptions).
 * `title` names the chart (aria-label), `caption` says what to see (aria-description and figcaption).
 */
export function figure(options, {title, caption, id} = {}) {
  return wrapFigure(Plot.plot({...options, ariaLabel: title, ariaDescription: caption}), {title, caption, id});
}

/** The same figure frame around any chart element (a hand-made SVG, a canvas, an HTML strip). */
export function wrapFigure(node, {title, caption, id} = {}) {
  watchFigures();
  if (title && node instanceof Element) {
    const svg = node.matches("svg") ? node : null;
    if (svg && !svg.hasAttribute("aria-label")) svg.setAttribute("aria-label", title);
    if (!svg && !node.hasAttribute("aria-label") && node.getAttribute("role") === "img") node.setAttribute("aria-label", title);
  }
  return el("figure", {class: "fig", id},
    node,
    title || caption ? el("figcaption", {class: "fig-caption"}, title ? el("strong", null, `${title}. `) : null, caption ?? "") : null);
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
