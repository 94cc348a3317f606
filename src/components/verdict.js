// The one way a verdict and a claim are shown: every chapter, neuron page, the ledger and the home
// page use these. Verdicts come from the claims ledger (data/claims.json, lib/claims); pages only
// draw them. Every badge of a ledger row carries data-claim="<id>" (the site test checks that each
// shown verdict equals the ledger's).
import {el} from "./dom.js";

export const VERDICT_LABEL = {
  holds: "holds",
  differs: "differs",
  construction: "holds by construction",
  unreproducible: "not reproducible",
  na: "not computable"
};
const SHORT = {construction: "by construction", unreproducible: "not reproducible"};
export const VERDICT_ORDER = ["holds", "differs", "construction", "unreproducible", "na"];

/** A verdict badge; `short` writes the short label (tables, tallies); `id` ties it to a ledger row. */
export function badge(verdict, {title, short = false, id} = {}) {
  const label = short && SHORT[verdict] ? SHORT[verdict] : VERDICT_LABEL[verdict] ?? verdict;
  return el("span", {class: `verdict ${verdict}`, title: title ?? VERDICT_LABEL[verdict] ?? verdict, "data-claim": id}, label);
}

/** The badge of a ledger row (data-claim set; the reason as tooltip). */
export function badgeOf(row, {short = false} = {}) {
  if (!row) return el("span", {class: "verdict na"}, "not in the ledger");
  return badge(row.verdict, {title: row.reason, short, id: row.id});
}

/** Ledger rows of a chapter (and the model rows) by the page's key, plus `byId`. */
export function claimsFor(ledger, chapter) {
  const rows = ledger.rows.filter((r) => r.chapter === chapter || r.chapter === "model");
  const out = {byId: Object.fromEntries(rows.map((r) => [r.id, r])), rows: ledger.rows.filter((r) => r.chapter === chapter)};
  for (const r of rows) for (const k of r.keys ?? []) if (r.chapter === chapter || !(k in out)) out[k] = r;
  return out;
}

/** Ledger rows naming neuron j. */
export function claimsOfNeuron(ledger, j) {
  return ledger.rows.filter((r) => (r.neurons ?? []).includes(j));
}

const fmtI = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toPrecision(2));

/** One claim as a card: the paper's words and value, the measured value, how far off, the verdict and why. */
export function claimCard(row) {
  if (!row) return el("span");
  // the interval and the chance level, unless the verdict's reason already gives them
  const said = (w) => String(row.reason ?? "").includes(w);
  const extra = [
    row.interval && !said("interval") && `95 % interval ${fmtI(row.interval[0])}–${fmtI(row.interval[1])}${row.sample ? ` (${row.sample})` : ""}`,
    row.baseline && !said("chance") && `chance ${fmtI(row.baseline.value)} (${row.baseline.how})`
  ].filter(Boolean);
  return el("div", {class: `claim-card v-${row.verdict}`, id: `claim-${row.id}`},
    el("div", {class: "claim-card-head"}, badgeOf(row), " ", el("span", {class: "claim-card-claim"}, row.claim)),
    el("div", {class: "claim-card-body"},
      el("span", null, "Paper: ", el("strong", null, row.paper)), " · ",
      el("span", null, "measured: ", el("strong", null, row.measured)), " · ",
      el("span", null, "off by ", el("strong", null, row.distance))),
    extra.length ? el("div", {class: "claim-card-note"}, extra.join(" · ")) : null,
    el("div", {class: "claim-card-note"}, row.reason, " · ", el("a", {href: `./claims#claim-${row.id}`}, "ledger"), " · ", el("a", {href: row.method}, "method")));
}

/** Several cards. */
export function claimCards(rows) {
  return el("div", {class: "claim-cards"}, rows.filter(Boolean).map(claimCard));
}

/** A chapter's (or a neuron's) ledger rows as a table: paper, measured, how far off, verdict. */
export function claimsTable(rows) {
  if (!rows?.length) return el("p", null, el("em", null, "No claims."));
  return el("div", {class: "claims-wrap"}, el("table", {class: "claims"},
    el("thead", null, el("tr", null, ["the paper says", "paper", "measured here", "off by", "verdict"].map((h) => el("th", null, h)))),
    el("tbody", null, rows.map((c) => el("tr", null,
      el("td", null, el("q", null, c.claim)), el("td", null, c.paper), el("td", null, c.measured), el("td", {class: "num"}, c.distance),
      el("td", null, badgeOf(c), el("br"), el("small", null, el("a", {href: `./claims#claim-${c.id}`}, "ledger"))))))));
}

/** A chapter's (or neuron's) bottom line from its ledger rows: informative verdicts first, then the rest. */
/** "1 holds", "2 hold": a count and its verb, agreeing. */
export const agree = (k, verb) => `${k} ${k === 1 ? `${verb}s` : verb}`;

export function verdictSummary(rows) {
  const n = (v) => rows.filter((r) => r.verdict === v).length;
  const informative = n("holds") + n("differs");
  const rest = [
    n("construction") && `${agree(n("construction"), "hold")} by construction`,
    n("unreproducible") && `${n("unreproducible")} cannot be reproduced by any model of this layout`,
    n("na") && `${n("na")} cannot be computed here`
  ].filter(Boolean);
  return el("span", {class: "verdict-summary"},
    `Of ${informative} informative claim${informative === 1 ? "" : "s"}, `, el("strong", null, agree(n("holds"), "hold")), " and ",
    el("strong", null, agree(n("differs"), "differ")), " on this model",
    rest.length ? `; ${rest.join(", ")} (not counted)` : "", ".");
}
