/**
 * Pure page helpers from src/components: number formatting, and the claims ledger's filters, sort,
 * tallies and grouping by section as Arquero verbs (on hand-made rows; jsdom for the drawn table).
 * @vitest-environment jsdom
 */
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JS module of the site
import { int } from "../src/components/format.js";
// @ts-expect-error: a plain JS module of the site
import { figure, plottedRows, toCsv } from "../src/components/figure.js";
// @ts-expect-error: a plain JS module of the site
import { conclusionStatus } from "../src/components/home.js";
import * as Plot from "@observablehq/plot";
// @ts-expect-error: a plain JS module of the site
import { chapterChart, countBy, filtersFromUrl, filtersToSearch, ledgerTable, ledgerVerbs, verdictsBy } from "../src/components/claims.js";

describe("int (counts without Intl)", () => {
  it("groups thousands like toLocaleString('en-US') and rounds", () => {
    for (const v of [0, 7, 999, 1000, 12345, 130944, 1234567, -1234567, 999999.5, 16384.4])
      expect(int(v)).toBe(Math.round(v).toLocaleString("en-US"));
    expect(int(-0.4)).toBe("0");
  });
  it("writes a dash for missing values", () => {
    for (const v of [null, undefined, NaN, Infinity]) expect(int(v)).toBe("—");
  });
});

describe("the bottom line's status of a conclusion, from its claims' verdicts", () => {
  const rows = (...vs: string[]) => vs.map((verdict, i) => ({ id: `r${i}`, verdict }));
  it("never flatters: an unreachable part counts against it, an untestable one keeps it from surviving outright", () => {
    expect(conclusionStatus(rows("holds", "holds"))).toBe("survives");
    expect(conclusionStatus(rows("holds", "construction"))).toBe("survives");
    expect(conclusionStatus(rows("holds", "na"))).toBe("testable");
    expect(conclusionStatus(rows("holds", "unreproducible", "na", "na"))).toBe("partly"); // the demo model's "traceable"
    expect(conclusionStatus(rows("holds", "differs"))).toBe("partly");
    expect(conclusionStatus(rows("differs", "na"))).toBe("fails");
    expect(conclusionStatus(rows("unreproducible"))).toBe("fails");
    expect(conclusionStatus(rows("na", "construction"))).toBe("untested");
  });
});

describe("every figure's plotted data as CSV", () => {
  it("toCsv: columns in first-seen order, quoting, empty cells for missing and non-finite values", () => {
    expect(toCsv([{ d: 1, pct: 99.5 }, { d: 2, pct: NaN, note: 'a "b", c' }, { d: 3, pct: null }])).toBe('d,pct,note\n1,99.5,\n2,,"a ""b"", c"\n3,,\n');
    expect(toCsv(Float32Array.from([0.5, 2]))).toBe("value\n0.5\n2\n");
    expect(toCsv([{ j: [1, 2] }])).toBe('j\n"[1,2]"\n');
  });
  it("plottedRows: the largest data array among the marks, nested lists included", () => {
    const rows = [{ x: 1, y: 2 }, { x: 2, y: 3 }, { x: 3, y: 1 }];
    expect(plottedRows([Plot.ruleY([0]), [Plot.line(rows, { x: "x", y: "y" }), Plot.text([{ x: 1 }], { x: "x" })]])).toBe(rows);
    expect(plottedRows([Plot.frame()])).toBe(null);
    // as long, more columns: the series' rows, not its chance line
    const chance = rows.map(({ x }) => ({ x }));
    expect(plottedRows([Plot.line(chance, { x: "x", y: "x" }), Plot.line(rows, { x: "x", y: "y" })])).toBe(rows);
  });
  it("figure(): the caption ends with the plotted-data link, and the file holds the marks' rows", () => {
    const rows = [{ d: 1, pct: 10 }, { d: 2, pct: 20 }];
    const f = figure({ marks: [Plot.line(rows, { x: "d", y: "pct" }), Plot.ruleY([0])] }, { title: "Alignment per offset", caption: "What to see." });
    const a = f.querySelector("figcaption a.fig-data") as HTMLAnchorElement;
    expect(a.textContent).toBe("plotted data (CSV)");
    expect(a.getAttribute("download")).toBe("alignment-per-offset.csv");
    expect(f.querySelector("figcaption")!.textContent).toMatch(/^Alignment per offset\. What to see\. plotted data \(CSV\)$/);
  });
});

// A small ledger in paper order: the keys claims.json rows have (some only on some rows).
const row = (id: string, chapter: string, section: string, verdict: string, claim: string, extra: object = {}) => ({
  id, chapter, section, verdict, claim, quote: `quote of ${id}`, paper: "1", measured: "2", distance: "2×", location: [`§${section}`],
  reason: "r", rule: "rule", rule_kind: "x", chart: `./${chapter}#c`, method: "./method#m", ...extra,
});
const ROWS = [
  row("a", "q1", "s1", "holds", "Bravo claim"),
  row("b", "q2", "s1", "differs", "alpha claim", { neurons: [54, 7] }),
  row("c", "q1", "s2", "na", "Charlie", { location: ["§s2", "Overview"], note: "a note" }),
  row("d", "model", "s2", "holds", "delta W_h claim", { interval: [0.1, 0.2], sample: "1000 positions" }),
  row("e", "q2", "s3", "construction", "echo"),
];
const SECTIONS = [{ id: "s1", title: "First" }, { id: "s2", title: "Second" }, { id: "s3", title: "Overview" }];
const V = ledgerVerbs(aq);
const T = V.frame(ROWS);
const ids = (t: any) => t.array("id").join("");

describe("claims ledger with Arquero verbs", () => {
  it("frames every key of any row as a column, arrays kept, with paper order", () => {
    expect(T.numRows()).toBe(5);
    for (const k of ["neurons", "note", "interval", "sample", "order", "search"]) expect(T.columnNames()).toContain(k);
    expect(Array.from(T.array("order"))).toEqual([0, 1, 2, 3, 4]);
    expect(T.get("location", 2)).toEqual(["§s2", "Overview"]);
    expect(T.get("neurons", 0)).toBeUndefined();
  });

  it("filters by chapter, verdict, section (or a location naming it) and text", () => {
    expect(ids(V.filter(T, {}))).toBe("abcde");
    expect(ids(V.filter(T, { chapter: "q1" }))).toBe("ac");
    expect(ids(V.filter(T, { verdict: "holds" }))).toBe("ad");
    expect(ids(V.filter(T, { chapter: "q1", verdict: "holds" }))).toBe("a");
    expect(ids(V.filter(T, { section: "s2" }, SECTIONS))).toBe("cd");
    // section s3 is titled "Overview": row c names it among its locations
    expect(ids(V.filter(T, { section: "s3" }, SECTIONS))).toBe("ce");
    expect(ids(V.filter(T, { text: "  ALPHA " }))).toBe("b"); // case and spaces ignored
    expect(ids(V.filter(T, { text: "h54" }))).toBe("b"); // the neurons named
    expect(ids(V.filter(T, { text: "quote of d" }))).toBe("d");
    expect(ids(V.filter(T, { text: "w_h" }))).toBe("d");
    expect(ids(V.filter(T, { chapter: "q2", text: "zzz" }))).toBe("");
    // quotes and regex characters in the text are plain text (params, not code)
    expect(ids(V.filter(T, { text: `"); (` }))).toBe("");
  });

  it("sorts by verdict, chapter and claim, ascending and descending, ties in paper order", () => {
    expect(ids(V.sort(T))).toBe("abcde");
    expect(ids(V.sort(T, "paper", "desc"))).toBe("edcba");
    expect(ids(V.sort(T, "verdict"))).toBe("adbec"); // holds, differs, construction, …, na
    expect(ids(V.sort(T, "verdict", "desc"))).toBe("cebda");
    expect(ids(V.sort(T, "chapter"))).toBe("dacbe"); // model, q1, q2
    expect(ids(V.sort(T, "claim"))).toBe("bacde"); // case-insensitive
    expect(ids(V.sort(T, "claim", "desc"))).toBe("edcab");
    expect(ids(V.sort(V.filter(T, { chapter: "q2" }), "verdict", "desc"))).toBe("eb");
  });

  it("counts verdicts, and verdicts per chapter or section, with groupby().count()", () => {
    expect(countBy(T)).toEqual({ holds: 2, differs: 1, na: 1, construction: 1 });
    expect(countBy(V.filter(T, { chapter: "q1" }))).toEqual({ holds: 1, na: 1 });
    expect(countBy(V.filter(T, { text: "nothing" }))).toEqual({});
    expect(verdictsBy(T)).toEqual({ q1: { holds: 1, na: 1 }, q2: { differs: 1, construction: 1 }, model: { holds: 1 } });
    expect(verdictsBy(T, "section")).toEqual({ s1: { holds: 1, differs: 1 }, s2: { na: 1, holds: 1 }, s3: { construction: 1 } });
  });

  it("draws one table per section in paper order, or one sorted table with aria-sort", () => {
    const grouped = ledgerTable(V.sort(T), SECTIONS);
    const captions = [...grouped.querySelectorAll("caption")].map((c) => c.textContent);
    expect(captions).toEqual(["First (2)", "Second (2)", "Overview (1)"]);
    expect([...grouped.querySelectorAll("tbody tr")].map((r) => r.id)).toEqual(["claim-a", "claim-b", "claim-c", "claim-d", "claim-e"]);
    const reversed = ledgerTable(V.sort(T, "paper", "desc"), SECTIONS);
    expect([...reversed.querySelectorAll("tbody tr")].map((r) => r.id)).toEqual(["claim-b", "claim-a", "claim-d", "claim-c", "claim-e"]);
    const only = ledgerTable(V.filter(T, { chapter: "q1" }), SECTIONS);
    expect([...only.querySelectorAll("caption")].map((c) => c.textContent)).toEqual(["First (1)", "Second (1)"]);
    const sorts: string[] = [];
    const sorted = ledgerTable(V.sort(T, "verdict", "desc"), SECTIONS, { sort: "verdict", dir: "desc", onSort: (k: string) => sorts.push(k) });
    expect(sorted.querySelectorAll("table")).toHaveLength(1);
    expect([...sorted.querySelectorAll("tbody tr")].map((r) => r.id.slice(6)).join("")).toBe("cebda");
    const th = [...sorted.querySelectorAll("th[aria-sort]")];
    expect(th.map((e) => e.getAttribute("aria-sort"))).toEqual(["descending"]);
    (sorted.querySelector("button.sort[data-sort=claim]") as HTMLButtonElement).click();
    expect(sorts).toEqual(["claim"]);
    expect(ledgerTable(V.filter(T, { text: "nothing" }), SECTIONS).textContent).toBe("No claim matches these filters.");
  });

  it("draws the chapter bars from verdictsBy: one linked row per chapter with counts in verdict order", () => {
    const fig = chapterChart({ chapters: ["model", "q1", "q2", "q3"], byChapter: verdictsBy(T) });
    const rows = [...fig.querySelectorAll("tbody tr")];
    expect(rows.map((r) => r.querySelector("a")!.getAttribute("href"))).toEqual(["?chapter=model", "?chapter=q1", "?chapter=q2"]);
    expect(rows.map((r) => r.querySelector("td.counts")!.textContent)).toEqual(["1 · 0 · 0 · 0 · 0", "1 · 0 · 0 · 0 · 1", "0 · 1 · 1 · 0 · 0"]);
    expect(rows[1].querySelectorAll(".seg")).toHaveLength(2);
  });

  it("keeps filters and sort in the URL (defaults left out)", () => {
    const f = { chapter: "q6", verdict: "differs", section: "all", text: "h54", sort: "verdict", dir: "desc" };
    expect(filtersToSearch(f)).toBe("?chapter=q6&verdict=differs&q=h54&sort=verdict&dir=desc");
    expect(filtersFromUrl(filtersToSearch(f))).toEqual(f);
    expect(filtersToSearch(filtersFromUrl(""))).toBe("");
  });
});
