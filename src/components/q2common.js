// Shared view helpers for the Q2–Q5 chapters: verdict badges, claim boxes and the claims table.
// Pure: data in, element out.
import {el} from "./dom.js";

import {badge} from "./verdict.js";
export {badge};

/** Number formatting that survives null/NaN. */
export function fmt(v, digits = 4) {
  return v === null || v === undefined || !Number.isFinite(+v) ? "—" : (+v).toFixed(digits);
}

/** Method link for a claim's anchor (chapter-level anchors on the method page). */
export function methodHref(anchor) {
  const chapter = String(anchor ?? "").split("-")[0];
  return `./method#${chapter}`;
}

/** One claim as a box: the paper's words and value, the measured value, the verdict and its rule. */
export function claimBox(c) {
  if (!c) return document.createTextNode("");
  return el("div", {class: "claim"},
    el("div", {class: "paper"}, `Paper (${c.where}): “${c.quote}” — `, el("strong", null, c.paper)),
    el("div", null, "Measured: ", el("strong", null, c.measured), " ", badge(c.verdict)),
    el("div", {style: "font-size: 12px; color: var(--theme-foreground-muted)"}, `Verdict rule: ${c.rule}. ${c.note ?? ""} `, el("a", {href: methodHref(c.method)}, "method")));
}

/** All claims of a chapter as a table. */
export function claimsTable(claims) {
  if (!claims?.length) return el("p", null, el("em", null, "No claims."));
  return el("table", {class: "claims-table", style: "max-width: none"},
    el("thead", null, el("tr", null, ["where", "paper says", "paper value", "measured here", "verdict"].map((h) => el("th", null, h)))),
    el("tbody", null, claims.map((c) => el("tr", null,
      el("td", null, c.where), el("td", null, `“${c.quote}”`), el("td", null, c.paper), el("td", null, c.measured),
      el("td", {title: c.rule}, badge(c.verdict))))));
}

/** Printable byte as the reference prints it ('.' outside 32–126), quoted. */
export function byteLabel(o) {
  return o >= 32 && o <= 126 ? `'${String.fromCharCode(o)}'` : `0x${o.toString(16).padStart(2, "0")}`;
}
