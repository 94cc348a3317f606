// Pure view helpers for the claims ledger (data/claims.json): data in, element out.
import {html} from "htl";
import {el} from "./dom.js";

import {badge as verdictBadge, VERDICT_LABEL} from "./verdict.js";
export {VERDICT_LABEL};
export const CHAPTER_LABEL = {model: "Model", q1: "Q1 Boolean", q2: "Q2 Offsets", q3: "Q3 Neurons", q4: "Q4 Saturation", q5: "Q5 Redux", q6: "Q6 Justification", q7: "Q7 Algebra"};

/** The verdict badge, short form ("n/a"). */
export const badge = (verdict, title) => verdictBadge(verdict, {title, short: true});

/** "X hold · Y differ · Z not computable" with badges. */
export function tally(counts) {
  return html`<span class="claims-tally">${badge("holds")} ${counts.holds} &nbsp; ${badge("differs")} ${counts.differs} &nbsp; ${badge("na")} ${counts.na}</span>`;
}

/**
 * Verdicts per chapter as stacked bars in plain HTML: the chart at the top of the ledger needs no
 * scales or axes, and drawing it without Plot keeps Plot off the ledger page's first load.
 * Each segment's tooltip gives its count; the numbers are also written next to the bar.
 */
export function chapterChart(ledger) {
  const chapters = Object.entries(ledger.byChapter);
  const max = Math.max(1, ...chapters.map(([, k]) => (k.holds ?? 0) + (k.differs ?? 0) + (k.na ?? 0)));
  const verdicts = ["holds", "differs", "na"];
  return el("figure", {class: "chapter-bars"},
    el("div", {class: "chapter-bars-legend"}, verdicts.map((v) => el("span", null, el("i", {class: `swatch ${v}`}), VERDICT_LABEL[v]))),
    el("table", null,
      el("caption", {class: "sr-only"}, "Claims per chapter by verdict"),
      el("thead", {class: "sr-only"}, el("tr", null, el("th", null, "chapter"), el("th", null, "verdicts"), el("th", null, "counts"))),
      el("tbody", null, chapters.map(([chapter, k]) => {
        const name = CHAPTER_LABEL[chapter] ?? chapter;
        return el("tr", null,
          el("th", {scope: "row"}, name),
          el("td", {class: "bar-cell"}, el("div", {class: "bar", "aria-hidden": "true"}, verdicts.filter((v) => k[v]).map((v) =>
            el("span", {class: `seg ${v}`, style: `width: ${(100 * k[v]) / max}%`, title: `${name}: ${k[v]} ${VERDICT_LABEL[v]}`})))),
          el("td", {class: "num counts"}, verdicts.map((v, i) => [i ? " · " : "", el("span", {title: VERDICT_LABEL[v]}, k[v] ?? 0)])));
      }))));
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

const LEDGER_COLUMNS = ["claim (the paper's words)", "paper", "measured", "tolerance", "verdict", "links"];

/** One ledger row. */
function ledgerRow(r) {
  return el("tr", {id: `claim-${r.id}`, class: `v-${r.verdict}`},
    el("td", {class: "ledger-first"},
      el("div", {class: "ledger-claim"}, r.claim),
      el("div", {class: "ledger-quote"}, `“${r.quote}”`),
      r.note && el("div", {class: "ledger-note"}, r.note),
      r.toward && el("div", {class: "ledger-note"}, el("b", null, "Measured toward it:"), " ", r.toward)),
    el("td", {class: "num", "data-label": "paper"}, r.paper),
    el("td", {class: "num", "data-label": "measured"}, r.measured),
    el("td", {class: "ledger-tol", "data-label": "tolerance"}, r.tolerance),
    el("td", {"data-label": "verdict"}, badge(r.verdict, r.reason), el("div", {class: "ledger-reason"}, r.verdict === "na" ? r.reason : "")),
    el("td", {class: "ledger-links", "data-label": "see"},
      el("a", {href: r.chart}, "chart"), el("br"),
      el("a", {href: r.methodHref, title: r.method}, "method"), el("br"),
      el("span", {class: "muted"}, (CHAPTER_LABEL[r.chapter] ?? r.chapter).split(" ")[0])));
}

/**
 * The ledger, grouped by the paper's sections, each row linking to its chart and method. One
 * table per section, so that the browser lays out only the sections on screen (the wrappers have
 * `content-visibility: auto`); fixed column widths keep the columns aligned across sections.
 */
export function ledgerTable(rows, sections) {
  if (!rows.length) return el("p", null, el("em", null, "No claim matches these filters."));
  const groups = sections.map((s) => ({...s, rows: rows.filter((r) => r.section === s.id)})).filter((g) => g.rows.length);
  return el("div", {class: "ledger-wrap"}, groups.map((g) =>
    el("section", {class: "ledger-section", "aria-label": g.title},
      el("table", {class: "ledger"},
        el("caption", null, g.title, " ", el("span", {class: "muted"}, `(${g.rows.length})`)),
        el("colgroup", null, LEDGER_COLUMNS.map((_, i) => el("col", {class: `ledger-col-${i}`}))),
        el("thead", null, el("tr", null, LEDGER_COLUMNS.map((c) => el("th", {scope: "col"}, c)))),
        el("tbody", null, g.rows.map(ledgerRow))))));
}

let revealed = false;

/**
 * Scrolls to the row the URL names (./claims#claim-<id>, as the home page's live numbers link),
 * once per page load. The browser looks for that target when the page loads, before the ledger is
 * drawn by script, so it would otherwise stay at the top.
 */
export function revealTarget(root) {
  if (revealed || !location.hash.startsWith("#claim-")) return root;
  revealed = true;
  requestAnimationFrame(() => {
    const row = root.querySelector(`[id="${CSS.escape(decodeURIComponent(location.hash.slice(1)))}"]`);
    if (!row) return;
    row.classList.add("ledger-target");
    row.scrollIntoView({block: "start"});
  });
  return root;
}

/** The chapters' own claim rows (companion papers etc.), computed by each chapter's loader. */
export function chapterClaimsTable(claims) {
  if (!claims.length) return el("p", null, el("em", null, "No chapter claims."));
  return el("div", {class: "ledger-wrap"}, el("table", {class: "ledger"},
    el("thead", null, el("tr", null, ["chapter", "claim", "paper", "measured", "verdict"].map((c) => el("th", null, c)))),
    el("tbody", null, claims.map((c) => el("tr", null,
      el("td", null, el("a", {href: `./${c.chapter}`}, (CHAPTER_LABEL[c.chapter] ?? c.chapter).split(" ")[0])),
      el("td", null, c.claim), el("td", {class: "num"}, c.paper), el("td", {class: "num"}, c.measured),
      el("td", null, badge(c.verdict, c.rule)))))));
}

/** Initial filter values from the page URL (?chapter=q1&verdict=differs&section=overview). */
export function filtersFromUrl(search) {
  const p = new URLSearchParams(search);
  return {chapter: p.get("chapter") ?? "all", verdict: p.get("verdict") ?? "all", section: p.get("section") ?? "all"};
}
