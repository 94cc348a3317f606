/**
 * One small JSON file per neuron page (site: data/neuron/<j>.json, extracted by Framework from
 * the archive data/neuron.tar) plus the neuron index's table (data/neuron/index.json). A page then
 * loads ~10 KB instead of five whole chapter files (~1.2 MB on the sat-rnn), which is most of
 * what it took to become interactive.
 *
 * Nothing here is a new analysis: the per-neuron statistics are neurons.ts's, and the chapter
 * quantities (Q2 offsets, Q3 knockout, Q4 volatility, Q6 appearances, ledger rows) are read from
 * the chapters' outputs as their own files hold them (common.ts sharedData: computed once per
 * build). This file only selects neuron j's share of each.
 */
import type { Run } from "../lib/io.ts";
import claims from "./claims.ts";
import { sharedData, toJson } from "./common.ts";
import justify from "./justify.ts";
import openQuestions from "./openQuestions.ts";
import { neuronStats, quantizeActivation } from "./neurons.ts";
import q2 from "./q2.ts";
import q3 from "./q3.ts";
import q4 from "./q4.ts";

/** Driver positions listed per neuron page (the rest are counted). */
export const MAX_DRIVER_POSITIONS = 200;

/** The flat Q6 justification arrays this file reads (see justify.ts for the layout). */
interface Justification {
  T: number;
  K: number;
  S: number;
  neuron: number[];
  src: number[];
}

/** Q6 appearances of neuron j over every position: kept, driver (rank 1), hop-1 source of a kept neuron. */
export function appearances(J: Justification, j: number) {
  const { T, K, S } = J;
  const r = { kept: 0, driver: 0, hop1: 0, driverAt: [] as number[] };
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < K; i++) {
      if (J.neuron[t * K + i] === j) {
        r.kept++;
        if (i === 0) {
          r.driver++;
          r.driverAt.push(t);
        }
      }
      for (let s = 0; s < S; s++) if (J.src[(t * K + i) * S + s] === j) r.hop1++;
    }
  }
  return r;
}

/** Ledger rows that name neuron j (the registry's `neurons`), or whose measured value names it as "h<j>". */
export function claimsNaming<R extends object>(rows: R[], j: number): R[] {
  const re = new RegExp(`\\bh${j}\\b`);
  const text = (c: Record<string, unknown>) => [c.claim, c.quote, c.paper, c.measured].filter((v) => v != null).join(" ");
  return rows.filter((c) => ((c as { neurons?: number[] }).neurons ?? []).includes(j) || re.test(text(c as Record<string, unknown>)));
}

/** Every neuron's page data and the index table, from the run and the chapters' outputs. */
export function neuronPages(run: Run) {
  const { H, T, h } = run.trace;
  const Q2 = sharedData("q2", q2, run);
  const Q3 = sharedData("q3", q3, run);
  const Q4 = sharedData("q4", q4, run);
  const J = sharedData<Justification>("justify", justify, run);
  const ledger = sharedData("claims", claims, run);
  const stats = neuronStats(run);
  // the Open questions page's oq3: the byte features that best predict each neuron's sign
  const OQ3 = sharedData<{ oq3: { neurons: { j: number; pos: number; baseline: number; text: string; single: { acc: number }; conj: { acc: number } | null }[] } }>("open-questions", openQuestions, run).oq3;
  const rank = (j: number) => (Q3.order as number[]).indexOf(j) + 1;
  const text = Array.from(run.data);
  const pages = stats.map((n) => {
    const j = n.j;
    // h_t[j] over the corpus, as neurons.ts stores the whole matrix
    const act = Array.from({ length: T }, (_, t) => quantizeActivation(h[t * H + j]));
    const app = appearances(J, j);
    return {
      j,
      H,
      T,
      text,
      act,
      stats: n,
      knockout: { delta: Q3.delta[j], rank: rank(j) },
      volatility: { cls: Q4.cls[j], flips: Q4.flips[j], dwellMode: Q4.dwellMode[j] },
      offsets: { D: Q2.D, positions: Q2.positions.length, N: Q2.N.slice(j * Q2.D, (j + 1) * Q2.D), dom: Q2.dom[j], total: Q2.total[j] },
      justification: { T: J.T, K: J.K, kept: app.kept, driver: app.driver, hop1: app.hop1, driverAt: app.driverAt.slice(0, MAX_DRIVER_POSITIONS) },
      claims: claimsNaming(ledger.rows, j),
      explanation: (() => {
        const e = OQ3.neurons.find((x) => x.j === j);
        return e ? { text: e.text, accuracy: Math.max(e.single.acc, e.conj?.acc ?? 0), baseline: e.baseline } : null;
      })(),
    };
  });
  const index = pages.map((p) => ({
    j: p.j,
    delta: p.knockout.delta,
    rank: p.knockout.rank,
    flips: p.volatility.flips,
    cls: p.volatility.cls,
    dwell: p.stats.meanDwell,
    pos: p.stats.pctPositive,
    absH: p.stats.meanAbsH,
    margin: p.stats.marginMean,
    wy: p.stats.wyNorm,
    dom: p.offsets.dom,
    driver: p.justification.driver,
    kept: p.justification.kept,
  }));
  return { H, T, pages, index };
}

/** The archive's files: <j>.json for each neuron and index.json, each with the input fingerprint. */
export default function build(run: Run): Map<string, string> {
  const { H, T, pages, index } = neuronPages(run);
  const files = new Map<string, string>();
  const fingerprint = run.fingerprint;
  files.set("index.json", toJson({ fingerprint, data: { H, T, rows: index } }));
  for (const p of pages) files.set(`${p.j}.json`, toJson({ fingerprint, data: p }));
  return files;
}
