// Pure view helpers for the claims ledger (data/claims.json): data in, element out.
import * as Plot from "@observablehq/plot";
import {html} from "htl";

import {badge as verdictBadge, VERDICT_LABEL} from "./verdict.js";
export {VERDICT_LABEL};
export const CHAPTER_LABEL = {model: "Model", q1: "Q1 Boolean", q2: "Q2 Offsets", q3: "Q3 Neurons", q4: "Q4 Saturation", q5: "Q5 Redux", q6: "Q6 Justification", q7: "Q7 Algebra"};

/** The verdict badge, short form ("n/a"). */
export const badge = (verdict, title) => verdictBadge(verdict, {title, short: true});

/** "X hold · Y differ · Z not computable" with badges. */
export function tally(counts) {
  return html`<span class="claims-tally">${badge("holds")} ${counts.holds} &nbsp; ${badge("differs")} ${counts.differs} &nbsp; ${badge("na")} ${counts.na}</span>`;
}

/** Stacked bars: verdicts per chapter. Clicking is not needed; the table below filters. */
export function chapterChart(ledger, {width = 640} = {}) {
  width = Math.max(260, width || 0); // Framework\'s width can be 0 before layout
  const data = [];
  for (const [chapter, k] of Object.entries(ledger.byChapter)) for (const v of ["holds", "differs", "na"]) if (k[v]) data.push({chapter: CHAPTER_LABEL[chapter] ?? chapter, verdict: v, n: k[v]});
  return Plot.plot({
    width,
    height: 40 + 26 * Object.keys(ledger.byChapter).length,
    marginLeft: 120,
    x: {label: "claims", grid: true},
    y: {label: null, domain: Object.keys(ledger.byChapter).map((c) => CHAPTER_LABEL[c] ?? c)},
    color: {domain: ["holds", "differs", "na"], range: ["var(--holds)", "var(--differs)", "var(--na)"], legend: true, tickFormat: (v) => VERDICT_LABEL[v]},
    marks: [
      Plot.barX(data, {y: "chapter", x: "n", fill: "verdict", order: ["holds", "differs", "na"], tip: true, title: (d) => `${d.chapter}: ${d.n} ${VERDICT_LABEL[d.verdict]}`}),
      Plot.ruleX([0]),
    ],
  });
}

/** Filters rows by chapter, verdict, section and free text (claim, snippet, measured). */
export function filterRows(rows, {chapter = "all", verdict = "all", section = "all", text = ""} = {}) {
  const q = text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (chapter === "all" || r.chapter === chapter) &&
      (verdict === "all" || r.verdict === verdict) &&
      (section === "all" || r.section === section) &&
      (!q || `${r.claim} ${r.snippet} ${r.quote} ${r.measured} ${r.paper} ${r.id}`.toLowerCase().includes(q)),
  );
}

/** The ledger table, grouped by the paper's sections, each row linking to its chart and method. */
export function ledgerTable(rows, sections) {
  if (!rows.length) return html`<p><em>No claim matches these filters.</em></p>`;
  const groups = sections.map((s) => ({...s, rows: rows.filter((r) => r.section === s.id)})).filter((g) => g.rows.length);
  return html`<div class="ledger-wrap"><table class="ledger">
    <thead><tr><th>claim (the paper's words)</th><th>paper</th><th>measured</th><th>tolerance</th><th>verdict</th><th>links</th></tr></thead>
    ${groups.map(
      (g) => html`<tbody>
        <tr class="ledger-section"><th colspan="6">${g.title} <span class="muted">(${g.rows.length})</span></th></tr>
        ${g.rows.map(
          (r) => html`<tr id=${`claim-${r.id}`} class=${`v-${r.verdict}`}>
            <td class="ledger-first"><div class="ledger-claim">${r.claim}</div><div class="ledger-quote">“${r.quote}”</div>${r.note ? html`<div class="ledger-note">${r.note}</div>` : ""}${r.toward ? html`<div class="ledger-note"><b>Measured toward it:</b> ${r.toward}</div>` : ""}</td>
            <td class="num" data-label="paper">${r.paper}</td>
            <td class="num" data-label="measured">${r.measured}</td>
            <td class="ledger-tol" data-label="tolerance">${r.tolerance}</td>
            <td data-label="verdict">${badge(r.verdict, r.reason)}<div class="ledger-reason">${r.verdict === "na" ? r.reason : ""}</div></td>
            <td class="ledger-links" data-label="see"><a href=${r.chart}>chart</a><br><a href=${r.methodHref} title=${r.method}>method</a><br><span class="muted">${(CHAPTER_LABEL[r.chapter] ?? r.chapter).split(" ")[0]}</span></td>
          </tr>`,
        )}
      </tbody>`,
    )}
  </table></div>`;
}

/** The chapters' own claim rows (companion papers etc.), computed by each chapter's loader. */
export function chapterClaimsTable(claims) {
  if (!claims.length) return html`<p><em>No chapter claims.</em></p>`;
  return html`<div class="ledger-wrap"><table class="ledger">
    <thead><tr><th>chapter</th><th>claim</th><th>paper</th><th>measured</th><th>verdict</th></tr></thead>
    <tbody>${claims.map(
      (c) => html`<tr>
        <td><a href=${`./${c.chapter}`}>${(CHAPTER_LABEL[c.chapter] ?? c.chapter).split(" ")[0]}</a></td>
        <td>${c.claim}</td><td class="num">${c.paper}</td><td class="num">${c.measured}</td>
        <td>${badge(c.verdict, c.rule)}</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

/** Initial filter values from the page URL (?chapter=q1&verdict=differs&section=overview). */
export function filtersFromUrl(search) {
  const p = new URLSearchParams(search);
  return {chapter: p.get("chapter") ?? "all", verdict: p.get("verdict") ?? "all", section: p.get("section") ?? "all"};
}
