/**
 * The one place where the population and compare features read the claims ledger and the chapter
 * results. Everything else in lib/population works on `ModelAnalysis` only, so the ledger can be
 * re-pointed (to a new claims engine) here without touching the rest.
 *
 * Every chapter builder (data-loaders/qN.ts) runs on the model, its output goes through the
 * same JSON round trip as the site's files (so the ledger judges exactly what a page would show),
 * and the claims engine (lib/claims/engine.ts through data-loaders/claims.ts) judges it. Chapter
 * outputs are NOT shared with the site build's loaders (they belong to other weights).
 */
import { buildChapters, CHAPTER_BUILDERS, CHAPTER_IDS, type ChapterId, type Chapters, ledgerFrom } from "../../data-loaders/claims.ts";
import { precomputedReport, toJson } from "../../data-loaders/common.ts";
import type { LedgerRow, Verdict } from "../claims/engine.ts";
import type { Run } from "../io.ts";

export type { Verdict };
export type Value = number | number[] | null;

export interface ClaimRow {
  id: string;
  /** The claim in short, the paper's value, the chapter, the measured value as shown. */
  claim: string;
  paper: string;
  chapter: string;
  measured: string;
  verdict: Verdict;
  value: Value;
  /** Whether the claim names a particular neuron (hN) of the paper's model. */
  neuronIdentity: boolean;
}

/** Per-neuron roles the chapters measure (for "the same neurons in the same roles"). */
export interface Roles {
  H: number;
  /** Neurons in knockout order (largest Δbpc first; Q3). */
  knockoutOrder: number[] | null;
  /** Most volatile neuron (most sign flips; Q4). */
  mostVolatile: number | null;
  /** Neuron with the smallest mean margin (Q1). */
  smallestMargin: number | null;
  /** The routing backbone chain (Q6 / X6), e.g. [54, 121, 78]. */
  backbone: number[] | null;
  /** The neuron that dominates most sampled predictions (Q6 / X6). */
  topDriver: number | null;
}

export interface ModelAnalysis {
  rows: ClaimRow[];
  roles: Roles;
  /** Chapters that failed, with why (their claims are "not computable"). */
  errors: Record<string, string>;
}

const NEURON_NAME = /\bh\d+\b/;

const int = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) ? v : null);
const ints = (v: unknown): number[] | null => (Array.isArray(v) && v.every((x) => Number.isInteger(x)) ? (v as number[]) : null);

function roles(H: number, ch: Partial<Record<ChapterId, any>>): Roles {
  const safe = <T>(f: () => T): T | null => {
    try {
      return f() ?? null;
    } catch {
      return null;
    }
  };
  return {
    H,
    knockoutOrder: safe(() => ints(ch.q3.order)),
    mostVolatile: safe(() => int(ch.q4.most.j)),
    smallestMargin: safe(() => int(ch.q1.margins.order[0])),
    backbone: safe(() => ints(ch.q6.routing.backbone.chain)),
    topDriver: safe(() => int(ch.q6.routing.drivers[0].j)),
  };
}

/** Runs every chapter on `run` and evaluates the claims ledger on the results. */
export function analyseModel(run: Run): ModelAnalysis {
  const chapters: Partial<Record<ChapterId, any>> = {};
  const errors: Record<string, string> = {};
  for (const q of CHAPTER_IDS) {
    try {
      chapters[q] = JSON.parse(toJson(CHAPTER_BUILDERS[q](run)));
    } catch (e) {
      errors[q] = (e as Error).message;
    }
  }
  return analysisFrom(run, chapters, errors);
}

/**
 * The model in hand's analysis in a site build: read from the report archive the build computes
 * alongside (when there is one: nothing computed twice), else computed here.
 */
export function inHandAnalysis(run: Run): ModelAnalysis {
  const files = precomputedReport();
  if (files) return analysisFromReport(run.model.H, files);
  const { chapters, errors } = buildChapters(run);
  return analysisFrom(run, chapters, errors);
}

/** The analysis of a model whose chapters are already computed (as `sat-rnn analyze` has them). */
export function analysisFrom(run: Run, chapters: Partial<Record<ChapterId, unknown>>, errors: Record<string, string> = {}): ModelAnalysis {
  return { rows: ledgerRows(run, chapters, errors), roles: roles(run.model.H, chapters as Partial<Record<ChapterId, any>>), errors };
}

/**
 * The analysis of the model in hand from the report's own files (claims.json and the chapters, as
 * data-loaders/report.ts writes them): what a build already computed is read, not recomputed.
 */
export function analysisFromReport(H: number, files: Map<string, string>): ModelAnalysis {
  const data = (name: string) => {
    const text = files.get(name);
    return text === undefined ? undefined : JSON.parse(text).data;
  };
  const ledger = data("claims.json");
  if (!ledger) throw new Error("the report has no claims.json");
  const chapters = Object.fromEntries(CHAPTER_IDS.map((q) => [q, data(`${q}.json`)]).filter(([, d]) => d !== undefined));
  return { rows: claimRows(ledger.rows), roles: roles(H, chapters), errors: ledger.chapterErrors ?? {} };
}

/** The ledger's rows for one model, reduced to what the population and compare pages need. */
export function ledgerRows(run: Run, chapters: Partial<Record<ChapterId, unknown>>, errors: Record<string, string> = {}): ClaimRow[] {
  return claimRows(ledgerFrom(run, chapters as Chapters, errors).rows);
}

function claimRows(rows: LedgerRow[]): ClaimRow[] {
  return rows.map((r) => ({
    id: r.id,
    claim: r.claim,
    paper: r.paper,
    chapter: r.chapter,
    measured: r.measured,
    verdict: r.verdict,
    value: r.value,
    neuronIdentity: r.neurons.length > 0 || NEURON_NAME.test(`${r.claim} ${r.paper}`),
  }));
}
