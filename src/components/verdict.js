// The one way a verdict is shown: every chapter, the ledger and the home page use these.
// Verdicts are computed in the loaders ("holds" | "differs" | "na"); pages only draw them.
import {el} from "./dom.js";

export const VERDICT_LABEL = {holds: "holds", differs: "differs", na: "not computable"};

/** A verdict badge; `short` writes "n/a" for not computable (tables, tallies). */
export function badge(verdict, {title, short = false} = {}) {
  const label = short && verdict === "na" ? "n/a" : VERDICT_LABEL[verdict] ?? verdict;
  return el("span", {class: `verdict ${verdict}`, title: title ?? VERDICT_LABEL[verdict] ?? verdict}, label);
}

/** A chapter's claims table: the paper's words, the paper's value, the measured value, verdict and rule. */
export function claimsTable(claims) {
  return el("table", {class: "claims"},
    el("thead", null, el("tr", null, el("th", null, "the paper says"), el("th", null, "paper"), el("th", null, "measured here"), el("th", null, "verdict"))),
    el("tbody", null, claims.map((c) => el("tr", {id: `claim-${c.id}`},
      el("td", null, el("q", null, c.claim)), el("td", null, c.paper), el("td", null, c.measured),
      el("td", null, badge(c.verdict), el("br"), el("small", null, c.rule))))));
}
