/**
 * A child process of `sat-rnn population`: trains the models the parent sends, one at a time, with
 * the project's trainer (lib/train.ts), and writes each one atomically (a temporary file renamed
 * into place), so an interrupted run never leaves a half-written model.
 *
 * Messages in: {type: "train", job}; {type: "exit"}. Out: {type: "progress", name, epoch, bpc},
 * {type: "done", name, result}, {type: "error", name, message}.
 */
import { readFileSync } from "node:fs";
import { sha256 } from "../io.ts";
import { serializeRawModel } from "../model.ts";
import { runTrace } from "../rnn.ts";
import { Trainer } from "../train.ts";
import { writeFileAtomic } from "../train/output.ts";
import { type PlannedModel, type PopulationModel, type Recipe, rotate } from "./population.ts";

export interface TrainJob {
  model: PlannedModel;
  recipe: Recipe;
  /** Absolute corpus path and the output file. */
  corpusPath: string;
  out: string;
  file: string;
}

/** Trains one model of a population and writes it; `progress` is called after every epoch. */
export function trainOne(job: TrainJob, data: Uint8Array, progress: (epoch: number, bpc: number) => void = () => {}): PopulationModel {
  const { recipe, model } = job;
  const t0 = performance.now();
  const trainer = new Trainer(rotate(data, model.offset), {
    hidden: recipe.hidden,
    epochs: recipe.epochs,
    optimizer: recipe.optimizer,
    lr: recipe.lr,
    seed: model.seed,
    bptt: recipe.bptt,
  });
  for (let e = 1; e <= recipe.epochs; e++) {
    const r = trainer.epoch();
    progress(e, r.trainBpc);
  }
  const best = trainer.best();
  const bytes = serializeRawModel(best);
  writeFileAtomic(job.out, bytes, "model");
  return {
    ...model,
    file: job.file,
    sha256: sha256(bytes),
    bestEpoch: trainer.bestEpoch,
    trainBpc: Number(trainer.bestBpc.toPrecision(8)),
    bpc: Number(runTrace(best, data).bpc.toPrecision(8)),
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
  };
}

if (process.send && process.env.SAT_RNN_POPULATION_WORKER === "1") {
  const send = (m: unknown) => process.send!(m);
  process.on("SIGINT", () => process.exit(130)); // the parent decides what to report
  process.on("message", (msg: { type: string; job?: TrainJob }) => {
    if (msg.type === "exit") process.exit(0);
    if (msg.type !== "train" || !msg.job) return;
    const job = msg.job;
    try {
      const data = new Uint8Array(readFileSync(job.corpusPath)).subarray(0, job.recipe.bytes);
      let last = 0;
      const result = trainOne(job, data, (epoch, bpc) => {
        const now = performance.now();
        if (now - last > 150 || epoch === job.recipe.epochs) {
          last = now;
          send({ type: "progress", name: job.model.name, epoch, bpc });
        }
      });
      send({ type: "done", name: job.model.name, result });
    } catch (e) {
      send({ type: "error", name: job.model.name, message: (e as Error).message });
    }
  });
  send({ type: "ready" });
}
