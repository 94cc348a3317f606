// The one way a verdict is shown: every chapter, the ledger and the home page use these.
// Verdicts are computed in the loaders ("holds" | "differs" | "na"); pages only draw them.
import {html} from "htl";

export const VERDICT_LABEL = {holds: "holds", differs: "differs", na: "not computable"};

/** A verdict badge; `short` writes "n/a" for not computable (tables, tallies). */
export function badge(verdict, {title, short = false} = {}) {
  const label = short && verdict === "na" ? "n/a" : VERDICT_LABEL[verdict] ?? verdict;
  return html`<span class="verdict ${verdict}" title=${title ?? VERDICT_LABEL[verdict] ?? verdict}>${label}</span>`;
}

/** A chapter's claims table: the paper's words, the paper's value, the measured value, verdict and rule. */
export function claimsTable(claims) {
  return html`<table class="claims">
    <thead><tr><th>the paper says</th><th>paper</th><th>measured here</th><th>verdict</th></tr></thead>
    <tbody>${claims.map(
      (c) => html`<tr id=${"claim-" + c.id}>
        <td><q>${c.claim}</q></td><td>${c.paper}</td><td>${c.measured}</td>
        <td>${badge(c.verdict)}<br><small>${c.rule}</small></td></tr>`,
    )}</tbody></table>`;
}
