import { appendFileSync, rmSync, writeFileSync } from "node:fs";
import { corpusWindow } from "../../lib/corpus.ts";
import { loadModelFile, readInputFile } from "../../lib/io.ts";
import { InputError, type Model, TENSOR_NAMES } from "../../lib/model.ts";
import { bitsFromLogits, readoutLogits, step } from "../../lib/rnn.ts";
import { isLogEpoch, LOG_HEADER, logLine, type Optimizer, Trainer } from "../../lib/train.ts";
import { checkWritable, writeModelFile } from "../../lib/train/output.ts";
import type { Command } from "../command.ts";

function intOption(v: unknown, name: string, def: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InputError(`--${name} ${v}: expected a whole number from ${min} to ${max}`);
  return n;
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return "?";
  s = Math.round(s);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h ${String(m).padStart(2, "0")}m` : m ? `${m}m ${String(s % 60).padStart(2, "0")}s` : `${s % 60}s`;
}

/**
 * bpc of a model over `data` from h = 0 with the report's float32 engine (lib/rnn.ts), as
 * `sat-rnn info --bytes N` measures it; streamed, so a long training file needs no trace.
 */
export function measuredBpc(model: Model, data: Uint8Array): number {
  let h = new Float32Array(model.H);
  let next = new Float32Array(model.H);
  const z = new Float32Array(model.H);
  const logits = new Float64Array(256);
  let sum = 0;
  for (let t = 0; t + 1 < data.length; t++) {
    step(model, h, data[t], z, next);
    [h, next] = [next, h];
    sum += bitsFromLogits(readoutLogits(model, h, logits), data[t + 1]);
  }
  return sum / (data.length - 1);
}

/** Bits of the training loss's clamp −log2(1e−8): an epoch at this bpc predicted every byte with p < 1e−8. */
const LOSS_CLAMP_BITS = -Math.log2(1e-8);

const finiteModel = (m: Model) => TENSOR_NAMES.every((t) => m[t].every(Number.isFinite));

const command: Command = {
  summary: "train a sat-rnn on a byte file (the reference SGD recipe, or Adam) and write the best model",
  usage: "sat-rnn train --corpus C --out M [--epochs E] [--optimizer sgd|adam] [--hidden H] [--seed S]",
  options: {
    corpus: { type: "string", placeholder: "C", description: "training bytes (any file of ≥ 2 bytes)" },
    out: { type: "string", placeholder: "M", description: "where to write the best model (.safetensors → safetensors, else raw float32)" },
    final: { type: "string", placeholder: "PATH", description: "also write the model after the last epoch" },
    epochs: { type: "string", placeholder: "E", description: "epochs of the cosine schedule (default 4000)" },
    optimizer: { type: "string", placeholder: "sgd|adam", description: "sgd: the reference recipe (default); adam: β1 0.9, β2 0.999, ε 1e-8, lr 0.002" },
    hidden: { type: "string", placeholder: "H", description: "hidden size (default 128)" },
    seed: { type: "string", placeholder: "S", description: "srand seed of the initialisation (default 42)" },
    lr: { type: "string", placeholder: "LR", description: "peak learning rate (default 0.01 for sgd, 0.002 for adam)" },
    bytes: { type: "string", placeholder: "N", description: "train on the first N bytes only (default: the whole file)" },
    log: { type: "string", placeholder: "FILE", description: "write the reference-style log (epoch, train_bpc, eval_bpc, lr) to FILE" },
    quiet: { type: "boolean", description: "no progress bar and no log lines on stdout" },
  },
  async run({ values }) {
    if (!values.corpus) throw new InputError("--corpus C is required (the bytes to train on)");
    if (!values.out) throw new InputError("--out M is required (where to write the trained model)");
    const corpusPath = values.corpus as string;
    const out = values.out as string;
    const epochs = intOption(values.epochs, "epochs", 4000, 1);
    const hidden = intOption(values.hidden, "hidden", 128, 1, 4096);
    const seed = intOption(values.seed, "seed", 42, 0, 2 ** 32 - 1);
    const optimizer = (values.optimizer ?? "sgd") as Optimizer;
    if (optimizer !== "sgd" && optimizer !== "adam") throw new InputError(`--optimizer ${values.optimizer}: expected sgd or adam`);
    let lr: number | undefined;
    if (values.lr !== undefined) {
      lr = Number(values.lr);
      if (!(lr > 0) || !Number.isFinite(lr)) throw new InputError(`--lr ${values.lr}: expected a positive number`);
    }
    const raw = readInputFile(corpusPath, "corpus");
    const window = values.bytes === undefined ? Math.max(raw.length, 2) : intOption(values.bytes, "bytes", 0, 2);
    const { data } = corpusWindow(raw, window, corpusPath);
    // Fail before training, not after, when an output cannot be written.
    checkWritable(out, "model");
    if (values.final) checkWritable(values.final as string, "model");
    const logPath = values.log as string | undefined;
    if (logPath) checkWritable(logPath, "log");

    const trainer = new Trainer(data, { hidden, epochs, optimizer, seed, lr });
    const quiet = Boolean(values.quiet);
    const header = `sat-rnn train: ${data.length} bytes, ${epochs} epochs, H ${hidden}, optimizer ${optimizer}, lr ${trainer.lr0}, seed ${seed}`;
    const emitLog = (line: string) => {
      if (!quiet) {
        clearBar();
        process.stdout.write(line + "\n");
      }
      if (logPath) appendFileSync(logPath, line + "\n");
    };
    const tty = Boolean(process.stderr.isTTY) && !quiet;
    let barShown = false;
    const clearBar = () => {
      if (barShown) process.stderr.write("\r\x1b[K");
      barShown = false;
    };
    if (logPath) writeFileSync(logPath, "");
    emitLog(header);
    emitLog(LOG_HEADER);

    let interrupted = false;
    const onSigint = () => {
      if (interrupted) process.exit(130); // a second Ctrl-C: give up at once
      interrupted = true;
    };
    process.on("SIGINT", onSigint);
    const t0 = performance.now();
    let lastDraw = 0;
    const every = Math.max(1, Math.round(epochs / 20));
    /** Training that produced NaN or infinite weights or loss: one line, the log removed, nothing written. */
    const diverged = (epoch: number, what: string) => {
      if (logPath) rmSync(logPath, { force: true });
      return new InputError(
        `training diverged at epoch ${epoch} (${what}) with --lr ${trainer.lr0}; try a smaller --lr; nothing written`,
      );
    };
    try {
      for (let e = 1; e <= epochs && !interrupted; e++) {
        const r = trainer.epoch();
        if (!Number.isFinite(r.trainBpc)) throw diverged(e, `train bpc ${r.trainBpc}`);
        if (r.trainBpc >= LOSS_CLAMP_BITS - 1e-4) throw diverged(e, `train bpc ${r.trainBpc.toFixed(4)}: every byte predicted with p < 1e-8, the loss clamp`);
        if (isLogEpoch(e, epochs)) emitLog(logLine(r, trainer.evalBpc()));
        const now = performance.now();
        const elapsed = (now - t0) / 1000;
        const eta = (elapsed / e) * (epochs - e);
        if (tty && (now - lastDraw > 100 || e === epochs)) {
          lastDraw = now;
          const width = 24;
          const filled = Math.round((width * e) / epochs);
          process.stderr.write(
            `\r\x1b[Kepoch ${String(e).padStart(String(epochs).length)}/${epochs} [${"#".repeat(filled)}${".".repeat(width - filled)}] ` +
              `train ${r.trainBpc.toFixed(4)} bpc  lr ${r.lr.toFixed(6)}  ETA ${duration(eta)}`,
          );
          barShown = true;
        } else if (!tty && !quiet && (e % every === 0 || e === epochs)) {
          process.stderr.write(`epoch ${e}/${epochs}  train ${r.trainBpc.toFixed(4)} bpc  lr ${r.lr.toFixed(6)}  ETA ${duration(eta)}\n`);
        }
        if (e % 4 === 0) await new Promise((res) => setImmediate(res)); // lets Ctrl-C through
      }
    } finally {
      process.off("SIGINT", onSigint);
      clearBar();
    }
    if (trainer.epochsDone === 0) throw new InputError("interrupted before the first epoch finished; nothing written");
    const best = trainer.best();
    const final = trainer.current();
    if (!finiteModel(best) || (values.final && !finiteModel(final))) throw diverged(trainer.epochsDone, "the weights are no longer finite numbers");
    writeModelFile(out, best);
    if (values.final) writeModelFile(values.final as string, final);
    const secs = (performance.now() - t0) / 1000;
    // The figure printed is the saved file's, read back and measured as `sat-rnn info` measures it
    // (the train bpc that selected it is an average over an epoch whose weights kept changing).
    const saved = measuredBpc(loadModelFile(out), data);
    emitLog("");
    const last =
      `Best model: ${saved.toFixed(4)} bpc (epoch ${trainer.bestEpoch}) -> ${out}\n` +
      `  (the saved weights over the ${data.length} training bytes, as \`sat-rnn info --bytes ${data.length}\` measures it; ` +
      `train bpc during epoch ${trainer.bestEpoch}: ${trainer.bestEpoch ? trainer.bestBpc.toFixed(4) : "none (the initial weights)"})`;
    emitLog(last);
    if (quiet) process.stdout.write(last + "\n");
    if (saved > 8) process.stderr.write(`sat-rnn train: note: the saved model does worse than a uniform guess (8 bpc); a smaller --lr or more epochs may help\n`);
    if (!quiet) {
      process.stderr.write(
        `${interrupted ? `interrupted after epoch ${trainer.epochsDone}; ` : ""}${trainer.epochsDone} epochs in ${duration(secs)} ` +
          `(${((1000 * secs) / trainer.epochsDone).toFixed(1)} ms/epoch)\n`,
      );
    }
    return interrupted ? 130 : 0;
  },
};
export default command;
