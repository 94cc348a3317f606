/**
 * `sat-rnn experiment train-redux`: open question 1 of the paper (synthesis §7) — can the redux be
 * trained directly? Trains (a) an H = k model of the redux's readout neurons, (b) the full model
 * with the redux's masks held fixed, (c) the full model, each with the reference SGD recipe and
 * with Adam, and writes DIR/train-redux.json (lib/analyses/oq/trainRedux.ts). The site's "Open
 * questions" page includes the results when they are found for the inputs in hand.
 */
import { join, resolve } from "node:path";
import { toJson } from "../../data-loaders/common.ts";
import { reduxChoice } from "../../data-loaders/openQuestions.ts";
import { DEFAULT_EPOCHS, OPTIMIZERS, TRAIN_REDUX_FILE, trainRedux } from "../../lib/analyses/oq/trainRedux.ts";
import { loadRun, resolveInputs } from "../../lib/io.ts";
import { InputError } from "../../lib/model.ts";
import type { Optimizer } from "../../lib/train.ts";
import { checkWritable, writeFileAtomic } from "../../lib/train/output.ts";
import { INPUT_OPTIONS, inputOptions } from "../args.ts";
import type { Command } from "../command.ts";

const EXPERIMENTS = ["train-redux"];

function duration(s: number): string {
  s = Math.max(0, Math.round(s));
  const m = Math.floor(s / 60);
  return m ? `${m}m ${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

const command: Command = {
  summary: "run a slow experiment of the Open questions page: train-redux (train the redux directly, paper §7 question 1)",
  usage: "sat-rnn experiment train-redux --out DIR [--model M] [--corpus C] [--bytes N] [--epochs E] [--seed S] [--optimizer sgd|adam|both]",
  options: {
    ...INPUT_OPTIONS,
    out: { type: "string", placeholder: "DIR", description: `folder to write ${TRAIN_REDUX_FILE} into (created if needed); the site reads data/experiments/ and $SAT_RNN_EXPERIMENTS` },
    epochs: { type: "string", placeholder: "E", description: `epochs of every training run (default ${DEFAULT_EPOCHS}; the reference recipe uses 4000)` },
    seed: { type: "string", placeholder: "S", description: "srand seed of every initialisation (default 42)" },
    optimizer: { type: "string", placeholder: "sgd|adam|both", description: "which trainer recipes to run (default both)" },
    quiet: { type: "boolean", description: "no progress bar" },
  },
  async run({ values, positionals }) {
    const name = positionals[0];
    if (!name) throw new InputError(`which experiment? expected one of: ${EXPERIMENTS.join(", ")}`);
    if (!EXPERIMENTS.includes(name)) throw new InputError(`unknown experiment "${name}": expected one of: ${EXPERIMENTS.join(", ")}`);
    if (typeof values.out !== "string" || !values.out) throw new InputError("--out DIR is required: the folder to write train-redux.json into");
    const int = (v: unknown, opt: string, def: number, min: number, max: number) => {
      if (v === undefined) return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) throw new InputError(`--${opt} ${v}: expected a whole number from ${min} to ${max}`);
      return n;
    };
    const epochs = int(values.epochs, "epochs", DEFAULT_EPOCHS, 1, 1_000_000);
    const seed = int(values.seed, "seed", 42, 0, 2 ** 32 - 1);
    const opt = (values.optimizer as string | undefined) ?? "both";
    if (!["sgd", "adam", "both"].includes(opt)) throw new InputError(`--optimizer ${opt}: expected sgd, adam or both`);
    const optimizers: Optimizer[] = opt === "both" ? OPTIMIZERS : [opt as Optimizer];
    const out = join(resolve(values.out), TRAIN_REDUX_FILE);
    const run = loadRun(resolveInputs(inputOptions(values)));
    checkWritable(out, "results", true); // fail before training, not after
    const choice = reduxChoice(run);
    const quiet = Boolean(values.quiet);
    const tty = Boolean(process.stderr.isTTY) && !quiet;
    if (!quiet) process.stderr.write(`train-redux: ${run.fingerprint.modelFile} (H = ${run.model.H}) on ${run.data.length} bytes of ${run.fingerprint.corpusFile}; ${epochs} epochs × 3 variants × ${optimizers.join(", ")}; seed ${seed}\n`);
    const t0 = performance.now();
    let lastDraw = 0;
    let lastLine = -1;
    const result = trainRedux(run, choice, {
      epochs,
      seed,
      optimizers,
      onProgress: (done, total, label) => {
        if (quiet) return;
        const now = performance.now();
        const elapsed = (now - t0) / 1000;
        const eta = (elapsed / done) * (total - done);
        if (tty) {
          if (now - lastDraw < 100 && done !== total) return;
          lastDraw = now;
          const width = 24;
          const filled = Math.round((width * done) / total);
          process.stderr.write(`\r\x1b[K${label.padEnd(11)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} epochs  ETA ${duration(eta)}`);
          if (done === total) process.stderr.write("\r\x1b[K");
        } else {
          const step = Math.floor((20 * done) / total);
          if (step !== lastLine) {
            lastLine = step;
            process.stderr.write(`${label.padEnd(11)} ${done}/${total} epochs (${Math.round((100 * done) / total)}%)  ETA ${duration(eta)}\n`);
          }
        }
      },
    });
    writeFileAtomic(out, new TextEncoder().encode(toJson(result) + "\n"), "results");
    const lines = [`redux: k = ${result.redux.k} neurons, |W_h| ≥ ${result.redux.thr} (${result.redux.source}); pruned after training ${result.redux.prunedBpc.toFixed(4)} bpc`];
    for (const r of result.runs) lines.push(`  ${r.variant.padEnd(7)} ${r.optimizer.padEnd(5)} H ${String(r.H).padStart(4)}  ${String(r.params).padStart(7)} params  final ${r.final.bpc.toFixed(4)}  best ${r.best.bpc.toFixed(4)} (epoch ${r.best.epoch})`);
    lines.push(`wrote ${out} in ${duration((performance.now() - t0) / 1000)}`);
    process.stdout.write(lines.join("\n") + "\n");
    return 0;
  },
};
export default command;
