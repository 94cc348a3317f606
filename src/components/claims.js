// Pure view helpers for the claims ledger (data/claims.json): data in, element out.
import {html} from "htl";
import {el} from "./dom.js";

import {badge as verdictBadge, VERDICT_LABEL, VERDICT_ORDER} from "./verdict.js";
export {VERDICT_LABEL, VERDICT_ORDER};
export const CHAPTER_LABEL = {model: "Model", q1: "Q1 Boolean", q2: "Q2 Offsets", q3: "Q3 Neurons", q4: "Q4 Saturation", q5: "Q5 Redux", q6: "Q6 Justification", q7: "Q7 Algebra"};

/** The verdict badge, short form; `id` ties it to its ledger row (data-claim). */
export const badge = (verdict, title, id) => verdictBadge(verdict, {title, short: true, id});

/** Counts per verdict with badges (informative verdicts first). */
export function tally(counts) {
  return html`<span class="claims-tally">${VERDICT_ORDER.map((v, i) => html`${i ? html` &nbsp; ` : ""}${badge(v)} ${counts[v] ?? 0}`)}</span>`;
}

/**
 * Verdicts per chapter as stacked bars in plain HTML, in reading order (Model, Q1 … Q7). Each bar
 * links to the ledger filtered to its chapter (?chapter=…); the numbers are written next to it.
 * `byChapter` is {chapter: {verdict: n}} (claims.json has it; verdictsBy(table) counts it).
 */
export function chapterChart({chapters: order, byChapter}, {href = (c) => `?chapter=${c}`} = {}) {
  const chapters = (order ?? Object.keys(byChapter)).map((c) => [c, byChapter[c]]).filter(([, k]) => k);
  const total = (k) => VERDICT_ORDER.reduce((a, v) => a + (k[v] ?? 0), 0);
  const max = Math.max(1, ...chapters.map(([, k]) => total(k)));
  return el("figure", {class: "chapter-bars"},
    el("div", {class: "chapter-bars-legend"}, VERDICT_ORDER.map((v) => el("span", null, el("i", {class: `swatch ${v}`}), VERDICT_LABEL[v]))),
    el("table", null,
      el("caption", {class: "sr-only"}, "Claims per chapter by verdict"),
      el("thead", {class: "sr-only"}, el("tr", null, el("th", null, "chapter"), el("th", null, "verdicts"), el("th", null, "counts"))),
      el("tbody", null, chapters.map(([chapter, k]) => {
        const name = CHAPTER_LABEL[chapter] ?? chapter;
        return el("tr", null,
          el("th", {scope: "row"}, el("a", {href: href(chapter), "data-chapter": chapter}, name)),
          el("td", {class: "bar-cell"}, el("a", {class: "bar", href: href(chapter), "data-chapter": chapter, "aria-label": `${name}: show its claims`}, VERDICT_ORDER.filter((v) => k[v]).map((v) =>
            el("span", {class: `seg ${v}`, style: `width: ${(100 * k[v]) / max}%`, title: `${name}: ${k[v]} ${VERDICT_LABEL[v]}`})))),
          el("td", {class: "num counts"}, VERDICT_ORDER.map((v, i) => [i ? " · " : "", el("span", {title: VERDICT_LABEL[v]}, k[v] ?? 0)])));
      }))));
}

/** The lower-case text the search box looks in: claim, quote, values, id and the neurons named (h54). */
export const searchText = (r) => `${r.claim} ${r.quote} ${r.measured} ${r.paper} ${r.id} ${(r.neurons ?? []).map((j) => `h${j}`).join(" ")}`.toLowerCase();

/** The ledger's sortable columns: the column of frame() each sorts by (paper order: `order`). */
export const SORTS = {
  paper: {label: "paper order", key: "order"},
  verdict: {label: "verdict", key: "verdict_rank"},
  chapter: {label: "chapter", key: "chapter_rank"},
  claim: {label: "claim", key: "claim_key"}
};

/**
 * The ledger's filtering and sorting as Arquero verbs. `aq` is Arquero itself: pages pass
 * arquero/dist/arquero.min.js (the browser bundle, pitfalls §2), the unit tests the Node package.
 */
export function ledgerVerbs(aq) {
  return {
    /**
     * The ledger rows (claims.json) as one Arquero table: every key any row has is a column (arrays
     * such as location and neurons stay arrays), plus `order` (paper order, 0 …), the sort keys
     * (verdict_rank and chapter_rank: reading order; claim_key: lower case) and `search`. The
     * expressions are Arquero's, compiled from their text (`d` a row, `$` the params, `op` its
     * functions: never called as plain JavaScript, so `op` needs no import).
     */
    frame(rows) {
      const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      return aq.from(rows, names).params({verdicts: VERDICT_ORDER, chapters: Object.keys(CHAPTER_LABEL)}).derive({
        order: () => op.row_number() - 1,
        verdict_rank: (d, $) => op.indexof($.verdicts, d.verdict),
        chapter_rank: (d, $) => op.indexof($.chapters, d.chapter),
        claim_key: (d) => op.lower(d.claim),
        search: aq.escape(searchText)
      });
    },
    /** Rows of chapter, verdict, paper section (any of the row's locations) and containing the text. */
    filter(t, {chapter = "all", verdict = "all", section = "all", text = ""} = {}, sections = []) {
      const title = sections.find((s) => s.id === section)?.title ?? null;
      return t.params({chapter, verdict, section, title, q: text.trim().toLowerCase()}).filter((d, $) =>
        ($.chapter === "all" || d.chapter === $.chapter) &&
        ($.verdict === "all" || d.verdict === $.verdict) &&
        ($.section === "all" || d.section === $.section || ($.title != null && op.includes(d.location, $.title))) &&
        ($.q === "" || op.includes(d.search, $.q)));
    },
    /** Sorted by a SORTS key, ties in paper order; "desc" reverses both (paper order desc: last claim first). */
    sort(t, sort = "paper", dir = "asc") {
      const by = (k) => (dir === "desc" ? aq.desc(k) : k);
      const key = SORTS[sort]?.key ?? "order";
      return t.orderby(by(key), by("order"));
    }
  };
}

/** Rows per value of `key` (verdict by default), from `groupby(key).count()`: {value: n}. */
export function countBy(t, key = "verdict") {
  return Object.fromEntries(t.groupby(key).count().objects().map((o) => [o[key], o.count]));
}

/** Verdict counts per value of `key` (chapter by default): {chapter: {verdict: n}}. */
export function verdictsBy(t, key = "chapter") {
  const out = {};
  for (const o of t.groupby(key, "verdict").count().objects()) (out[o[key]] ??= {})[o.verdict] = o.count;
  return out;
}

const LEDGER_COLUMNS = [["claim", "claim (the paper's words)"], [null, "paper"], [null, "measured"], [null, "off by"], ["verdict", "verdict"], ["chapter", "links"]];

/** One ledger row. */
function ledgerRow(r) {
  const extra = [
    r.interval && `95 % interval ${fmtN(r.interval[0])}–${fmtN(r.interval[1])}${r.sample ? ` (${r.sample})` : ""}`,
    r.baseline && `chance ${fmtN(r.baseline.value)}: ${r.baseline.how}`
  ].filter(Boolean);
  return el("tr", {id: `claim-${r.id}`, class: `v-${r.verdict}`},
    el("td", {class: "ledger-first"},
      el("div", {class: "ledger-claim"}, r.claim),
      el("div", {class: "ledger-quote"}, `“${r.quote}”`),
      el("div", {class: "ledger-note"}, r.location.join(" · ")),
      r.note && el("div", {class: "ledger-note"}, r.note)),
    el("td", {class: "num", "data-label": "paper"}, r.paper),
    el("td", {class: "num", "data-label": "measured"}, r.measured, extra.length ? el("div", {class: "ledger-note"}, extra.join("; ")) : null),
    el("td", {class: "num", "data-label": "off by"}, r.distance),
    el("td", {"data-label": "verdict"}, badge(r.verdict, r.reason, r.id),
      r.verdict === "holds" || r.verdict === "differs" ? null : el("div", {class: "ledger-reason"}, r.reason),
      el("div", {class: "ledger-tol"}, `rule: ${r.rule}`)),
    el("td", {class: "ledger-links", "data-label": "see"},
      el("a", {href: r.chart}, "chart"), el("br"),
      el("a", {href: r.method}, "method"), el("br"),
      el("span", {class: "muted"}, (CHAPTER_LABEL[r.chapter] ?? r.chapter).split(" ")[0])));
}
function sortButton(key, label, mark, onSort) {
  const b = el("button", {type: "button", class: "sort", "data-sort": key}, label, mark);
  b.addEventListener("click", () => onSort(key));
  return b;
}
const fmtN = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toPrecision(2));

/**
 * The ledger (an Arquero table, filtered and sorted), grouped by the paper's sections in their order
 * when sorted by paper order, else as one table. Column headers with a sort key are buttons:
 * `onSort(key)` is called with the column's key.
 */
export function ledgerTable(t, sections, {sort = "paper", dir = "asc", onSort} = {}) {
  if (!t.numRows()) return el("p", null, el("em", null, "No claim matches these filters."));
  const head = () => el("thead", null, el("tr", null, LEDGER_COLUMNS.map(([key, label]) => el("th", {scope: "col", "aria-sort": key && key === sort ? (dir === "asc" ? "ascending" : "descending") : null},
    key && onSort ? sortButton(key, label, key === sort ? (dir === "asc" ? " ▲" : " ▼") : "", onSort) : label))));
  const table = (caption, rs) => el("table", {class: "ledger"},
    caption ? el("caption", null, caption, " ", el("span", {class: "muted"}, `(${rs.length})`)) : null,
    el("colgroup", null, LEDGER_COLUMNS.map((_, i) => el("col", {class: `ledger-col-${i}`}))),
    head(),
    el("tbody", null, rs.map(ledgerRow)));
  if (sort !== "paper") return el("div", {class: "ledger-wrap"}, el("section", {class: "ledger-section", "aria-label": "sorted"}, table(null, t.objects())));
  // one group per section, rows in the table's order (paper order, or reversed)
  const groups = t.groupby("section").objects({grouped: "map"});
  return el("div", {class: "ledger-wrap"}, sections.filter((s) => groups.has(s.id)).map((s) =>
    el("section", {class: "ledger-section", "aria-label": s.title}, table(s.title, groups.get(s.id)))));
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
    // Sections above it are laid out only when near the screen (content-visibility), so their real
    // height can move the row after the first scroll: scroll again until it stays in view.
    let tries = 0;
    const settle = () => {
      row.scrollIntoView({block: "start"});
      const y = row.getBoundingClientRect().top;
      if (++tries < 10 && (y < 0 || y > 120)) setTimeout(settle, 80);
      else if (tries < 3) setTimeout(settle, 150);
    };
    settle();
  });
  return root;
}

/** Initial filter values from the page URL (?chapter=q1&verdict=differs&section=overview). */
export function filtersFromUrl(search) {
  const p = new URLSearchParams(search);
  return {chapter: p.get("chapter") ?? "all", verdict: p.get("verdict") ?? "all", section: p.get("section") ?? "all", text: p.get("q") ?? "", sort: p.get("sort") ?? "paper", dir: p.get("dir") === "desc" ? "desc" : "asc"};
}

/** The URL query for filters (defaults left out), so a filtered ledger can be shared. */
export function filtersToSearch({chapter = "all", verdict = "all", section = "all", text = "", sort = "paper", dir = "asc"} = {}) {
  const p = new URLSearchParams();
  if (chapter !== "all") p.set("chapter", chapter);
  if (verdict !== "all") p.set("verdict", verdict);
  if (section !== "all") p.set("section", section);
  if (text) p.set("q", text);
  if (sort !== "paper") p.set("sort", sort);
  if (dir !== "asc") p.set("dir", dir);
  const q = p.toString();
  return q ? `?${q}` : "";
}
