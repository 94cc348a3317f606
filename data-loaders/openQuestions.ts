/**
 * "Open questions" page data (issue 15): the paper's five open questions (synthesis §7), each
 * answered by an experiment on the weights and corpus in hand.
 * - oq2 cycles of the sign-only map under a fixed input (lib/analyses/oq/cycles.ts)
 * - oq3 neurons explained by byte features (lib/analyses/oq/features.ts); the routing backbone
 *   is read from Q6's output
 * - oq4 alignment with 2/3/4-gram statistics (lib/analyses/oq/alignment.ts) on Q7's attribution
 *   sample, read from Q7's output (the perturbation sweep is not run twice)
 * - oq5 weight-only neuron rankings (lib/analyses/oq/rankings.ts)
 * - oq1 training the redux directly: too slow for a build, so it is an explicit command
 *   (`sat-rnn experiment train-redux`); its results are included when a results file for these
 *   exact inputs is found (TRAIN_REDUX_DIRS), otherwise the page says how to produce them.
 * Every entry has a computed `answer` sentence and the numbers behind it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { alignmentAnswer, alignmentOf } from "../lib/analyses/oq/alignment.ts";
import { BUDGET, byteLabel, cyclesAnswer, fixedInputCycles } from "../lib/analyses/oq/cycles.ts";
import { featureExplanations, featuresAnswer } from "../lib/analyses/oq/features.ts";
import { rankings, rankingsAnswer } from "../lib/analyses/oq/rankings.ts";
import { type ReduxChoice, type TrainRedux, trainReduxAnswer } from "../lib/analyses/oq/trainRedux.ts";
import { hoPositions, MAX_D } from "../lib/analyses/q7/algebraic.ts";
import { PROJECT_ROOT, type Run } from "../lib/io.ts";
import { sharedJson, toJson } from "./common.ts";
import { PAPER_TABLES } from "../lib/claims/registry.ts";
import q6 from "./q6.ts";
import q7 from "./q7.ts";

/** The paper's open questions and the backbone they name: the claims registry's (the paper's values live only there). */
export const PAPER = { ...PAPER_TABLES.openQuestions, backbone: PAPER_TABLES.backbone };

/** Where train-redux results are looked for: $SAT_RNN_EXPERIMENTS, data/experiments/, data/demo/. */
export function trainReduxDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = [join(PROJECT_ROOT, "data/experiments"), join(PROJECT_ROOT, "data/demo")];
  return env.SAT_RNN_EXPERIMENTS ? [env.SAT_RNN_EXPERIMENTS, ...dirs] : dirs;
}

/** The first train-redux result (train-redux*.json) made for exactly these inputs, or null. */
export function findTrainRedux(run: Run, dirs = trainReduxDirs()): { file: string; result: TrainRedux } | null {
  const fp = run.fingerprint;
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => /^train-redux.*\.json$/.test(x)).sort()) {
      try {
        const r = JSON.parse(readFileSync(join(dir, f), "utf8")) as TrainRedux;
        const g = r.fingerprint;
        if (g && g.modelSha256 === fp.modelSha256 && g.corpusSha256 === fp.corpusSha256 && g.corpusBytes === fp.corpusBytes) return { file: join(dir, f), result: r };
      } catch {
        // not a results file: ignored
      }
    }
  }
  return null;
}

/**
 * The redux the train-redux experiment trains, in the paper's proportions (synthesis §3: "20
 * neurons + 36% of W_h" of 128): k = round(20·H/128) readout neurons (at least 1) and the 36% of
 * W_h entries with the largest |w| (threshold = the |W_h| value at the 64th percentile). Q5's own
 * "zeroable" redux is not used: on a model where nothing can be pruned for free it is the full model.
 */
export function reduxChoice(run: Run): ReduxChoice {
  const H = run.model.H;
  const abs = Float32Array.from(run.model.Wh, (w) => Math.abs(w)).sort();
  const thr = abs[Math.min(abs.length - 1, Math.floor(0.64 * abs.length))];
  return { source: "paper-proportions", k: Math.max(1, Math.round((20 * H) / 128)), thr };
}

/** At most CURVE_POINTS train-bpc points per run (every s-th epoch, the last one and the best one), as [epoch, bpc]. */
export const CURVE_POINTS = 300;
function compactCurves(r: TrainRedux) {
  return {
    ...r,
    runs: r.runs.map(({ train, ...rest }) => {
      const s = Math.max(1, Math.ceil(train.length / CURVE_POINTS));
      const pts: [number, number][] = [];
      train.forEach((b, i) => {
        const e = i + 1;
        if (e % s === 0 || e === 1 || e === train.length || e === rest.best.epoch) pts.push([e, b]);
      });
      return { ...rest, train: pts };
    }),
  };
}

const r4 = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(4)) : null);
const r3 = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(3)) : null);

/** Told when each experiment starts and ends (progress lines: the cycle search alone takes minutes at H = 1024). */
export interface PartListener {
  start(part: string): void;
  done(part: string, seconds: number): void;
}

/** The page data, from Q6's and Q7's outputs as computed once for this run (common.ts sharedJson). */
export function openQuestions(run: Run, parts?: PartListener) {
  const { model, data } = run;
  const H = model.H;
  const part = <T>(name: string, f: () => T): T => {
    parts?.start(name);
    const t0 = performance.now();
    const out = f();
    parts?.done(name, (performance.now() - t0) / 1000);
    return out;
  };

  // oq2
  const cyc = part(`cycle search (${BUDGET.toLocaleString("en-US")} steps of the sign-only map)`, () => fixedInputCycles(run));
  const oq2 = {
    question: PAPER.oq2,
    answer: cyclesAnswer(cyc),
    budget: cyc.budget,
    stepsUsed: cyc.stepsUsed,
    randomStarts: cyc.randomStarts,
    orbits: cyc.orbits,
    closed: cyc.closed,
    open: cyc.open,
    maxPeriod: cyc.maxPeriod,
    maxTail: cyc.maxTail,
    minOpenSteps: cyc.minOpenSteps,
    fixedPoints: cyc.fixedPoints.map((f) => ({ ...f, label: byteLabel(f.x) })),
    inputs: cyc.inputs.map((i) => ({ x: i.x, label: byteLabel(i.x), count: i.count, attractors: i.attractors, fixedPoint: i.fixedPoint, orbits: i.orbits.map((o) => ({ start: o.start, tail: o.tail, period: o.period, steps: o.steps })) })),
  };

  // oq3
  const Q6 = JSON.parse(sharedJson("q6", q6, run)).data;
  const measured: number[] = Q6.routingAll?.backbone?.chain ?? [];
  const sampled: number[] = Q6.routing?.backbone?.chain ?? [];
  const paperBackbone = PAPER.backbone.filter((j) => j < H);
  const backbone = [...new Set([...measured, ...sampled])].filter((j) => j >= 0 && j < H);
  const fe = part("byte features of each neuron", () => featureExplanations(run));
  const lit = (l: { d: number; kind: string; byte?: number; negated?: boolean }) => ({ d: l.d, kind: l.kind, byte: l.byte ?? null, negated: l.negated ?? false });
  const oq3 = {
    question: PAPER.oq3,
    answer: featuresAnswer(fe, backbone),
    D: fe.D,
    positions: fe.positions,
    backbone: { measured, sampled, paper: paperBackbone },
    explanations: fe.neurons.map((n) => n.text),
    neurons: fe.neurons.map((n) => ({
      j: n.j,
      pos: r4(n.pos),
      baseline: r4(n.baseline),
      uses: n.uses,
      single: { acc: r4(n.single.acc), mi: r4(n.single.mi), positive: n.single.positive, feature: lit(n.single.feature) },
      conj: n.conj ? { acc: r4(n.conj.acc), mi: r4(n.conj.mi), positive: n.conj.positive, a: lit(n.conj.a), b: lit(n.conj.b) } : null,
      text: n.text,
    })),
  };

  // oq4: Q7's higher-order attribution sample, as Q7's output holds it ([t, d, |Δ|, PMI, PMI3] rows)
  const Q7 = JSON.parse(sharedJson("q7", q7, run)).data;
  const positions = hoPositions(data.length);
  const absDelta = new Float64Array(positions.length * MAX_D).fill(NaN);
  const pIndex = new Map(positions.map((t, p) => [t, p]));
  const pts: (number | null)[] = Q7.higherOrder?.points ?? [];
  for (let k = 0; k + 4 < pts.length; k += 5) {
    const p = pIndex.get(pts[k] as number);
    if (p !== undefined && pts[k + 2] !== null) absDelta[p * MAX_D + (pts[k + 1] as number) - 1] = pts[k + 2] as number;
  }
  const al = part("n-gram alignment", () => alignmentOf(data, positions, absDelta));
  const oq4 = {
    question: PAPER.oq4,
    answer: alignmentAnswer(al),
    ...al,
    q7: { bigramPct: Q7.higherOrder?.bigramPct ?? null, trigramPct: Q7.higherOrder?.trigramPct ?? null, algebraicPct: Q7.algebraic?.pct ?? null },
  };

  // oq5
  const rk = part("weight-only rankings", () => rankings(run));
  const oq5 = {
    question: PAPER.oq5,
    answer: rankingsAnswer(rk),
    baseline: rk.baseline,
    N: rk.N,
    ks: rk.ks,
    knockout: rk.knockout,
    random: rk.random,
    rows: rk.rows.map((r) => ({ ...r, rho: r3(r.rho) })),
  };

  // oq1
  const tr = findTrainRedux(run);
  const oq1 = tr
    ? { question: PAPER.oq1, present: true, file: tr.file.startsWith(PROJECT_ROOT) ? tr.file.slice(PROJECT_ROOT.length + 1) : tr.file, answer: trainReduxAnswer(tr.result), result: compactCurves(tr.result) }
    : {
        question: PAPER.oq1,
        present: false,
        answer: null,
        command: `npx sat-rnn experiment train-redux --model ${run.fingerprint.modelFile} --corpus ${run.fingerprint.corpusFile} --out data/experiments`,
      };

  return { H, T: run.trace.T, oq1, oq2, oq3, oq4, oq5 };
}

export default function build(run: Run) {
  return openQuestions(run);
}

/** `sat-rnn analyze`: DIR/open-questions.json (Q6's and Q7's outputs as computed once for this run). oq1 only when results exist. */
export function openQuestionsJson(run: Run, parts?: PartListener): string {
  const d = openQuestions(run, parts);
  const { oq1, ...rest } = d;
  return toJson({ fingerprint: run.fingerprint, data: oq1.present ? d : rest });
}
