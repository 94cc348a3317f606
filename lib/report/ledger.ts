/**
 * The claims ledger: the catalogue (lib/report/catalogue.ts) evaluated on one model's chapter
 * results. Each row carries the paper's value, the measured value, the tolerance and the verdict,
 * computed here with `judge` — never typed in.
 */
import { CATALOGUE, type Chapter, type ClaimDef, type Results, runMeasure, SECTIONS, type SectionId, towardOf } from "./catalogue.ts";
import { describeRule, judge, type Measure, type Verdict } from "./verdict.ts";

export interface LedgerRow {
  id: string;
  section: SectionId;
  /** Where in the paper, e.g. "§1 Overview of results". */
  where: string;
  chapter: Chapter;
  /** Verbatim text of the synthesis. */
  snippet: string;
  /** The snippet for reading: LaTeX markup turned into plain symbols, table tabs into " · ". */
  quote: string;
  claim: string;
  paper: string;
  /** Measured value as shown, and the number(s) the verdict was computed from. */
  measured: string;
  value: Measure;
  method: string;
  /** Link to the method page section, e.g. "./method#q1-margins". */
  methodHref: string;
  /** Link to the chart that shows it, e.g. "./q1#margins". */
  chart: string;
  tolerance: string;
  verdict: Verdict;
  /** The comparison that decided the verdict, or why it could not be computed. */
  reason: string;
  note?: string;
  /** Open questions: what this project measured toward it. */
  toward?: string;
}

export interface Ledger {
  rows: LedgerRow[];
  counts: Record<Verdict, number>;
  byChapter: Record<string, Record<Verdict, number>>;
  sections: { id: SectionId; title: string; rows: number }[];
}

const LATEX: [RegExp, string][] = [
  [/\\text\{--\}/g, "–"],
  [/\\text\{([^}]*)\}/g, "$1"],
  [/\\times/g, "×"],
  [/\\dots/g, "…"],
  [/\\rightarrow/g, "→"],
  [/\\leftarrow/g, "←"],
  [/\\sim\s*/g, "~"],
  [/\\cdot/g, "·"],
  [/\\sum/g, "Σ"],
  [/\\rho/g, "ρ"],
  [/\\phi/g, "φ"],
  [/\\pm/g, "±"],
  [/\\Delta/g, "Δ"],
  [/\\%/g, "%"],
  [/\\([{}])/g, "$1"],
  [/\^\{([^}]*)\}/g, "^$1"],
  [/\$/g, ""],
  [/\t/g, " · "],
];
/** Plain-text rendering of a synthesis snippet (the text file keeps some LaTeX). */
export function plainQuote(s: string): string {
  let out = s;
  for (const [re, to] of LATEX) out = out.replace(re, to);
  return out;
}

const sectionTitle = (id: SectionId) => SECTIONS.find((s) => s.id === id)!.title;

/** Evaluates one claim on the results. */
export function evaluate(def: ClaimDef, R: Results): LedgerRow {
  const m = runMeasure(def, R);
  const j = judge(def.rule, m.value, m.reason ?? "not computable");
  const reason = j.verdict !== "na" && m.reason ? `${j.reason} (${m.reason})` : j.reason;
  const value = Array.isArray(m.value) ? m.value.map((v) => (Number.isFinite(v) ? Number(v.toPrecision(8)) : v)) : typeof m.value === "number" && Number.isFinite(m.value) ? Number(m.value.toPrecision(8)) : m.value;
  return {
    id: def.id,
    section: def.section,
    where: sectionTitle(def.section),
    chapter: def.chapter,
    snippet: def.snippet,
    quote: plainQuote(def.snippet),
    claim: def.claim,
    paper: def.paper,
    measured: m.shown,
    value,
    method: def.method,
    methodHref: `./method#${def.methodAnchor}`,
    chart: def.chart,
    tolerance: describeRule(def.rule),
    verdict: j.verdict,
    reason,
    ...(def.note ? { note: def.note } : {}),
    ...(def.section === "open" ? { toward: towardOf(def, R, m) } : {}),
  };
}

export function buildLedger(R: Results, catalogue: ClaimDef[] = CATALOGUE): Ledger {
  const rows = catalogue.map((d) => evaluate(d, R));
  const zero = (): Record<Verdict, number> => ({ holds: 0, differs: 0, na: 0 });
  const counts = zero();
  const byChapter: Record<string, Record<Verdict, number>> = {};
  for (const r of rows) {
    counts[r.verdict]++;
    (byChapter[r.chapter] ??= zero())[r.verdict]++;
  }
  return { rows, counts, byChapter, sections: SECTIONS.map((s) => ({ id: s.id, title: s.title, rows: rows.filter((r) => r.section === s.id).length })) };
}
