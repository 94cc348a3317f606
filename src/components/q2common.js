// Shared view helpers for the Q2–Q5 chapters: verdict badges, claim boxes and the claims table.
// Pure: data in, element out.
import {html} from "htl";

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
  if (!c) return html``;
  return html`<div class="claim">
    <div class="paper">Paper (${c.where}): “${c.quote}” — <strong>${c.paper}</strong></div>
    <div>Measured: <strong>${c.measured}</strong> ${badge(c.verdict)}</div>
    <div style="font-size: 12px; color: var(--theme-foreground-muted)">Verdict rule: ${c.rule}. ${c.note ?? ""} <a href="${methodHref(c.method)}">method</a></div>
  </div>`;
}

/** All claims of a chapter as a table. */
export function claimsTable(claims) {
  if (!claims?.length) return html`<p><em>No claims.</em></p>`;
  return html`<table class="claims-table" style="max-width: none">
    <thead><tr><th>where</th><th>paper says</th><th>paper value</th><th>measured here</th><th>verdict</th></tr></thead>
    <tbody>${claims.map((c) => html`<tr>
      <td>${c.where}</td><td>“${c.quote}”</td><td>${c.paper}</td><td>${c.measured}</td><td title="${c.rule}">${badge(c.verdict)}</td>
    </tr>`)}</tbody>
  </table>`;
}

/** Printable byte as the reference prints it ('.' outside 32–126), quoted. */
export function byteLabel(o) {
  return o >= 32 && o <= 126 ? `'${String.fromCharCode(o)}'` : `0x${o.toString(16).padStart(2, "0")}`;
}
