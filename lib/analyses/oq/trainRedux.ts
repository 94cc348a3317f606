/**
 * Open question 1 (synthesis §7): can the redux be trained directly, or does gradient flow need
 * the full model? With the project's trainer (lib/train.ts; reference SGD recipe and Adam, same
 * epochs and seed for every run), from scratch on the analysed bytes:
 *   (a) "small": a model of hidden size k holding only the redux's k readout neurons;
 *   (b) "masked": the full-size model with the redux's masks held fixed during training — the
 *       pruned W_h entries and the dropped readout columns stay zero (Trainer's `mask`);
 *   (c) "full": the full model, for comparison.
 * against the redux pruned after training (Q5) and the model in hand.
 *
 * The redux (chosen by the caller, see data-loaders/openQuestions.ts reduxChoice: the paper's
 * proportions, 20 of 128 readout neurons and 36% of W_h). Its k neurons are the first k of Q3's
 * knockout order; W_h entries with |w| below the threshold are pruned (strict, as Q5).
 *
 * Reported per run: the learning curve (train bpc every epoch, and the eval bpc — a fresh float32
 * pass from h = 0 over the bytes, the report's own forward pass — at EVAL_POINTS epochs), the
 * final and best (lowest train bpc) models' float32 bpc, and the parameters trained.
 * Deterministic for a seed: no clock, no other randomness.
 */
import type { Fingerprint, Run } from "../../io.ts";
import { type Model, parameterCount } from "../../model.ts";
import { runTrace } from "../../rnn.ts";
import { type Optimizer, Trainer } from "../../train.ts";
import { REDUX_K, REDUX_THR } from "../q5/redux.ts";
import { importanceOrder, knockoutBpc } from "../q3/neurons.ts";

export const TRAIN_REDUX_FILE = "train-redux.json";
export const DEFAULT_EPOCHS = 400;
export const EVAL_POINTS = 40;
export const VARIANTS = ["small", "masked", "full"] as const;
export type Variant = (typeof VARIANTS)[number];
export const OPTIMIZERS: Optimizer[] = ["sgd", "adam"];

export interface TrainRun {
  variant: Variant;
  optimizer: Optimizer;
  H: number;
  lr0: number;
  /** Parameters trained (masked entries excluded). */
  params: number;
  /** Train bpc of every epoch (index e−1). */
  train: number[];
  /** Eval bpc (float32, from h = 0) at selected epochs. */
  evals: { epoch: number; bpc: number }[];
  final: { epoch: number; trainBpc: number; bpc: number };
  best: { epoch: number; trainBpc: number; bpc: number };
}

export interface TrainRedux {
  fingerprint: Pick<Fingerprint, "modelFile" | "corpusFile" | "modelSha256" | "corpusSha256" | "corpusBytes" | "H" | "bpc">;
  epochs: number;
  seed: number;
  redux: {
    source: ReduxChoice["source"];
    k: number;
    thr: number;
    neurons: number[];
    whKept: number;
    /** bpc of the model in hand pruned to the redux (no retraining). */
    prunedBpc: number;
    params: number;
  };
  runs: TrainRun[];
}

export interface TrainReduxOptions {
  epochs?: number;
  seed?: number;
  optimizers?: Optimizer[];
  variants?: readonly Variant[];
  /** Called after every epoch of every run with (epochs done, epochs in total, label). */
  onProgress?: (done: number, total: number, label: string) => void;
}

/** The redux to train: which neurons keep their readout column and the |W_h| threshold. */
export interface ReduxChoice {
  source: "paper-proportions" | "reference";
  k: number;
  thr: number;
}

/** The redux's neurons (first k of Q3's knockout order), kept W_h count, pruned-after-training bpc and parameters. */
export function reduxOf(run: Run, choice: ReduxChoice): TrainRedux["redux"] {
  const H = run.model.H;
  const k = Math.min(choice.k, H);
  const ko = knockoutBpc(run);
  const order = importanceOrder(Array.from(ko, (b) => b - run.trace.bpc));
  const neurons = order.slice(0, k).sort((a, b) => a - b);
  const masks = reduxMasks(run.model, neurons, choice.thr);
  const whKept = masks.Wh.reduce((a, b) => a + b, 0);
  const m = prunedModel(run.model, neurons, choice.thr);
  return { source: choice.source, k, thr: choice.thr, neurons, whKept, prunedBpc: runTrace(m, run.data).bpc, params: 256 * H + whKept + H + 256 * k + 256 };
}

/** The reference tool's hard-coded redux (k = 15 or H, threshold 2.0). */
export const REFERENCE_REDUX: ReduxChoice = { source: "reference", k: REDUX_K, thr: REDUX_THR };

/** The W_h mask (|w| ≥ thr kept) and W_y mask (columns of `neurons` kept). */
export function reduxMasks(model: Model, neurons: number[], thr: number): { Wh: Uint8Array; Wy: Uint8Array } {
  const H = model.H;
  const Wh = Uint8Array.from(model.Wh, (w) => (Math.abs(w) < Math.fround(thr) ? 0 : 1));
  const Wy = new Uint8Array(256 * H);
  for (let o = 0; o < 256; o++) for (const j of neurons) Wy[o * H + j] = 1;
  return { Wh, Wy };
}

function prunedModel(model: Model, neurons: number[], thr: number): Model {
  const { Wh, Wy } = reduxMasks(model, neurons, thr);
  return { ...model, Wh: Float32Array.from(model.Wh, (w, i) => (Wh[i] ? w : 0)), Wy: Float32Array.from(model.Wy, (w, i) => (Wy[i] ? w : 0)) };
}

function evalEpochs(E: number): Set<number> {
  const s = new Set<number>([1, E]);
  for (let i = 1; i < EVAL_POINTS; i++) s.add(Math.max(1, Math.round((i * E) / EVAL_POINTS)));
  return s;
}

export function trainRedux(run: Run, choice: ReduxChoice, opts: TrainReduxOptions = {}): TrainRedux {
  const E = opts.epochs ?? DEFAULT_EPOCHS;
  const seed = opts.seed ?? 42;
  const optimizers = opts.optimizers ?? OPTIMIZERS;
  const variants = opts.variants ?? VARIANTS;
  const { model, data } = run;
  const H = model.H;
  const redux = reduxOf(run, choice);
  const masks = reduxMasks(model, redux.neurons, redux.thr);
  const total = E * optimizers.length * variants.length;
  let done = 0;
  const wanted = evalEpochs(E);
  const runs: TrainRun[] = [];
  for (const variant of variants) {
    for (const optimizer of optimizers) {
      const h = variant === "small" ? redux.k : H;
      const trainer = new Trainer(data, { hidden: h, epochs: E, optimizer, seed, mask: variant === "masked" ? masks : undefined });
      const params = variant === "masked" ? 256 * H + redux.whKept + H + 256 * redux.k + 256 : parameterCount(h);
      const train: number[] = [];
      const evals: TrainRun["evals"] = [];
      for (let e = 1; e <= E; e++) {
        const r = trainer.epoch();
        train.push(r.trainBpc);
        if (wanted.has(e)) evals.push({ epoch: e, bpc: runTrace(trainer.current(), data).bpc });
        opts.onProgress?.(++done, total, `${variant}/${optimizer}`);
      }
      runs.push({
        variant,
        optimizer,
        H: h,
        lr0: trainer.lr0,
        params,
        train,
        evals,
        final: { epoch: E, trainBpc: train[E - 1], bpc: evals[evals.length - 1].bpc },
        best: { epoch: trainer.bestEpoch, trainBpc: trainer.bestBpc, bpc: runTrace(trainer.best(), data).bpc },
      });
    }
  }
  const fp = run.fingerprint;
  return {
    fingerprint: { modelFile: fp.modelFile, corpusFile: fp.corpusFile, modelSha256: fp.modelSha256, corpusSha256: fp.corpusSha256, corpusBytes: fp.corpusBytes, H: fp.H, bpc: fp.bpc },
    epochs: E,
    seed,
    redux,
    runs,
  };
}

/** The computed one-sentence answer: the best directly trained redux against the pruned redux and the full model trained alike. */
export function trainReduxAnswer(r: TrainRedux): string {
  const f = (v: number) => v.toFixed(4);
  const opt = (o: Optimizer) => (o === "sgd" ? "SGD" : "Adam");
  const best = (rs: TrainRun[]) => rs.reduce((a, b) => (b.best.bpc < a.best.bpc ? b : a));
  const redux = r.runs.filter((x) => x.variant !== "full");
  const full = r.runs.filter((x) => x.variant === "full");
  let s = `Trained directly for ${r.epochs} epochs (seed ${r.seed}), the redux (k = ${r.redux.k} readout neurons, ${r.redux.whKept} of ${r.fingerprint.H ** 2} W_h entries)`;
  if (redux.length) {
    const b = best(redux);
    s += ` reaches ${f(b.best.bpc)} bpc at best (${b.variant}, ${opt(b.optimizer)})`;
    s += `, ${b.best.bpc < r.redux.prunedBpc ? "better" : "worse"} than the same redux pruned from the model in hand (${f(r.redux.prunedBpc)} bpc)`;
    if (full.length) {
      const fb = best(full);
      s += ` and ${b.best.bpc <= fb.best.bpc ? "as good as or better than" : "worse than"} the full model trained the same way (${f(fb.best.bpc)} bpc, ${opt(fb.optimizer)})`;
    }
  } else s += " was not trained (no redux variant in the results)";
  const per = (["sgd", "adam"] as Optimizer[])
    .map((o) => r.runs.filter((x) => x.optimizer === o))
    .filter((rs) => rs.length)
    .map((rs) => `${opt(rs[0].optimizer)}: ${rs.map((x) => `${x.variant} ${f(x.best.bpc)}`).join(", ")}`);
  return `${s}; the model in hand gives ${f(r.fingerprint.bpc)} bpc. Best bpc per run — ${per.join("; ")}.`;
}
