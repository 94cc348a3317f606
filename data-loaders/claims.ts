/**
 * The claims ledger (site: data/claims.json; `sat-rnn analyze`: claims.json): every claim of the
 * synthesis evaluated on the model in hand, plus the small chart series the home page needs.
 * Reads each chapter's output as the site stores it (in a site build, the chapter loaders' own
 * output; nothing is computed twice); verdicts come from lib/claims (never typed in).
 */
import type { Run } from "../lib/io.ts";
import { type Ledger, type LedgerRow, ledgerOf, type Premeasured, premeasure, type Results } from "../lib/claims/engine.ts";
import { CLAIMS, PAPER_TABLES } from "../lib/claims/registry.ts";
import { sharedData } from "./common.ts";
import q1 from "./q1.ts";
import q2 from "./q2.ts";
import q3 from "./q3.ts";
import q4 from "./q4.ts";
import q5 from "./q5.ts";
import q6 from "./q6.ts";
import q7 from "./q7.ts";
import q7all from "./q7all.ts";

export const CHAPTER_BUILDERS = { q1, q2, q3, q4, q5, q6, q7 } as const;
export type ChapterId = keyof typeof CHAPTER_BUILDERS;
export const CHAPTER_IDS = Object.keys(CHAPTER_BUILDERS) as ChapterId[];
/** Every chapter's output, as its JSON file holds it. */
export type Chapters = Omit<Results, "fingerprint">;

const r6 = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Number(v.toPrecision(6)) : null);

/** Histogram of log10 |z| over all neuron-steps (for the home page's step 2 chart). */
function marginHistogram(run: Run) {
  const z = run.trace.z;
  const lo = -4;
  const hi = 3;
  const step = 0.1;
  const nb = Math.round((hi - lo) / step);
  const counts = new Array(nb).fill(0);
  let below1 = 0;
  for (let i = 0; i < z.length; i++) {
    const a = Math.abs(z[i]);
    if (a < 1) below1++;
    let b = Math.floor((Math.log10(Math.max(a, 1e-30)) - lo) / step);
    if (b < 0) b = 0;
    if (b >= nb) b = nb - 1;
    counts[b]++;
  }
  return { lo, step, counts, total: z.length, pctBelow1: r6((100 * below1) / Math.max(1, z.length)) };
}

function homeData(run: Run, ch: Chapters) {
  const safe = <T>(f: () => T): T | null => {
    try {
      return f();
    } catch {
      return null;
    }
  };
  const { q3, q5, q6 } = ch;
  return {
    step1: safe(() => ({
      baseline: r6(q5!.baseline),
      wx: q5!.fractions.filter((f) => f[0] === "Wx").map((f) => [f[1], r6(f[4])]),
      wh: q5!.fractions.filter((f) => f[0] === "Wh").map((f) => [f[1], r6(f[4])]),
      wxZeroable: q5!.wxZeroable,
      tol: q5!.zeroableTol,
    })),
    step2: safe(() => marginHistogram(run)),
    step3: safe(() => ({ baseline: r6(q3!.baseline), subset: q3!.subset.map((s) => [s[0], r6(s[1])]), paperK: PAPER_TABLES.minimal[1].k })),
    step4: safe(() => ({
      predictions: q6!.routingAll.predictions,
      drivers: q6!.routingAll.drivers.slice(0, 12),
      hop1Wh: r6(q6!.explanation.hop1Wh),
      neuronsMean: r6(q6!.explanation.neuronsMean),
    })),
    backbone: safe(() => ({
      // the paper's neurons and its driver count ("h54 dominates 7/12"), from the claims registry;
      // neurons: only those this model has
      paper: {
        neurons: PAPER_TABLES.q6Neurons.filter((j) => j < run.model.H),
        driver: PAPER_TABLES.q6Backbone[0],
        drives: parseInt(CLAIMS.find((c) => c.id === "h54-driver")!.paper, 10),
      },
      predictions: q6!.routing.predictions,
      drivers: q6!.routing.drivers.slice(0, 8),
      chain: q6!.routing.backbone,
      driverChains: q6!.routing.driverChains,
      allDrivers: q6!.routingAll.drivers.slice(0, 8),
      allPredictions: q6!.routingAll.predictions,
      allBackbone: q6!.routingAll.backbone,
    })),
    minimal: safe(() =>
      q5!.paperTable.map((t) => ({
        label: t.label,
        paperBpc: t.bpc,
        paperDelta: t.delta,
        paperParams: t.params,
        bpc: r6(t.measuredBpc),
        delta: r6(t.measuredDelta),
        params: t.measuredParams,
        liveParams: Number.isFinite(t.liveParams) ? t.liveParams : null,
      })),
    ),
  };
}

const premeasured = new WeakMap<Run, Premeasured>();

/**
 * Takes now the ledger's measures that read none of the `pending` chapters (a helper thread is
 * computing those): at 64 KB the bootstrap intervals over every position (Q6, Q7) are ~6 s that
 * need not wait for it. ledgerFrom then measures only the rest. A chapter that fails here is left
 * to ledgerFrom, which reports it.
 */
export function premeasureLedger(run: Run, pending: readonly string[]): void {
  const chapters: Record<string, unknown> = {};
  const waiting = new Set(pending);
  for (const q of [...CHAPTER_IDS, "q7all" as const]) {
    if (waiting.has(q)) continue;
    try {
      chapters[q] = sharedData(q, q === "q7all" ? q7all : CHAPTER_BUILDERS[q], run);
    } catch {
      waiting.add(q);
    }
  }
  premeasured.set(run, premeasure({ fingerprint: run.fingerprint, ...chapters }, waiting));
}

/** The ledger from chapter outputs already built (shared by the loader and `sat-rnn analyze`). */
export function ledgerFrom(run: Run, chapters: Chapters, errors: Record<string, string> = {}) {
  // Q7 over every prediction (the claims' measure; the chapter page keeps the tools' samples).
  let all = chapters.q7all;
  if (!all) {
    try {
      all = sharedData("q7all", q7all, run);
    } catch (e) {
      errors.q7all = (e as Error).message;
    }
  }
  const L: Ledger = ledgerOf({ fingerprint: run.fingerprint, ...chapters, q7all: all }, undefined, premeasured.get(run));
  return {
    H: run.model.H,
    T: run.trace.T,
    ...L,
    chapterErrors: errors,
    home: homeData(run, chapters),
  };
}

/** The ledger's typed rows for one run (computes every chapter). For other consumers (population, compare). */
export function ledgerFor(run: Run): LedgerRow[] {
  return ledgerFrom(run, buildChapters(run).chapters).rows;
}

/**
 * Every chapter's output (as its JSON file holds it: the ledger judges exactly the numbers the
 * chapter pages show); a chapter that fails leaves its claims "not computable".
 */
export function buildChapters(run: Run): { chapters: Chapters; errors: Record<string, string> } {
  const chapters: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const q of CHAPTER_IDS) {
    try {
      chapters[q] = sharedData(q, CHAPTER_BUILDERS[q], run);
    } catch (e) {
      errors[q] = (e as Error).message;
    }
  }
  return { chapters: chapters as Chapters, errors };
}

export default function build(run: Run) {
  const { chapters, errors } = buildChapters(run);
  return ledgerFrom(run, chapters, errors);
}
