/**
 * The only part of lib that touches files: reading the model and corpus, resolving which ones
 * to use, and fingerprinting them. The CLI, the data loaders and the build all go through here.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Corpus, corpusWindow, DEFAULT_WINDOW } from "./corpus.ts";
import { InputError, type Model, parameterCount, parseRawModel } from "./model.ts";
import { runTrace, type Trace } from "./rnn.ts";
import { isSafetensors, parseSafetensorsModel } from "./safetensors.ts";

/** The project root (the folder holding package.json), independent of the current directory. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const SAT_RNN_DIR = "data/sat-rnn";
export const DEFAULT_MODEL = `${SAT_RNN_DIR}/sat_model.bin`;
export const DEFAULT_CORPUS = `${SAT_RNN_DIR}/enwik_1024.txt`;
export const DEMO_MODEL = "data/demo/demo_model.bin";
export const DEMO_CORPUS = "data/demo/demo_corpus.txt";

/** Reads a whole file, turning every file-system failure into one line naming the file. */
export function readInputFile(path: string, what: string): Uint8Array {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(`${path}: ${what} file not found`);
    throw new InputError(`${path}: cannot read ${what} file (${code ?? (e as Error).message})`);
  }
  if (st.isDirectory()) throw new InputError(`${path}: is a directory, expected a ${what} file`);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read ${what} file (${code === "EACCES" ? "permission denied" : code ?? (e as Error).message})`);
  }
}

/** Parses model bytes in either supported format (raw float32 layout or safetensors). */
export function parseModelBytes(bytes: Uint8Array, source: string): Model {
  return isSafetensors(bytes) ? parseSafetensorsModel(bytes, source) : parseRawModel(bytes, source);
}

export function loadModelFile(path: string): Model {
  return parseModelBytes(readInputFile(path, "model"), path);
}

export function loadCorpusFile(path: string, window = DEFAULT_WINDOW): Corpus {
  return corpusWindow(readInputFile(path, "corpus"), window, path);
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export type InputSource = "flag" | "env" | "default" | "demo";

export interface ResolvedInputs {
  modelPath: string;
  corpusPath: string;
  /** Analysis window in bytes. */
  window: number;
  /** Where the paths came from (the model's; the corpus may come from elsewhere). */
  source: InputSource;
}

export interface InputOptions {
  model?: string;
  corpus?: string;
  bytes?: number | string;
}

/**
 * Which model and corpus to use: `--model/--corpus` flags, else SAT_RNN_MODEL / SAT_RNN_CORPUS,
 * else data/sat-rnn/ (the real sat-rnn, fetched or copied there), else the committed demo model.
 * Relative flag and env paths are taken from the current directory; defaults from the project root.
 */
export function resolveInputs(opts: InputOptions = {}, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ResolvedInputs {
  const window = parseWindow(opts.bytes ?? env.SAT_RNN_BYTES);
  const pick = (flag: string | undefined, envName: string, fallback: string): [string, InputSource] | null => {
    if (flag) return [resolve(cwd, flag), "flag"];
    if (env[envName]) return [resolve(cwd, env[envName]!), "env"];
    const p = resolve(PROJECT_ROOT, fallback);
    return existsSync(p) ? [p, "default"] : null;
  };
  let model = pick(opts.model, "SAT_RNN_MODEL", DEFAULT_MODEL);
  let corpus = pick(opts.corpus, "SAT_RNN_CORPUS", DEFAULT_CORPUS);
  if (!model && !corpus) {
    const dm = resolve(PROJECT_ROOT, DEMO_MODEL);
    const dc = resolve(PROJECT_ROOT, DEMO_CORPUS);
    if (existsSync(dm) && existsSync(dc)) {
      model = [dm, "demo"];
      corpus = [dc, "demo"];
    }
  }
  if (!model || !corpus) {
    const missing = !model ? "model" : "corpus";
    throw new InputError(
      `no ${missing} given and ${!model ? DEFAULT_MODEL : DEFAULT_CORPUS} does not exist. Supply one with ` +
        `--${missing} PATH or SAT_RNN_${missing.toUpperCase()}=PATH, or run \`npx sat-rnn fetch\` to download the sat-rnn into ${SAT_RNN_DIR}/`,
    );
  }
  // The demo model stays labelled as such when its path reaches the loaders through the environment.
  const isDemo = model[0] === resolve(PROJECT_ROOT, DEMO_MODEL);
  return { modelPath: model[0], corpusPath: corpus[0], window, source: isDemo ? "demo" : model[1] };
}

function parseWindow(v: number | string | undefined): number {
  if (v === undefined || v === "") return DEFAULT_WINDOW;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 2) throw new InputError(`--bytes ${v}: the analysis window must be a whole number ≥ 2`);
  return n;
}

/** What every output records about its inputs, so a reader can tell which weights it describes. */
export interface Fingerprint {
  modelFile: string;
  corpusFile: string;
  modelSha256: string;
  corpusSha256: string;
  source: InputSource;
  H: number;
  parameters: number;
  /** Bytes analysed (the window) and bytes in the whole corpus file. */
  corpusBytes: number;
  corpusTotalBytes: number;
  predictions: number;
  bpc: number;
}

/** Everything an analysis needs: model, analysed bytes, the recorded forward pass, the fingerprint. */
export interface Run {
  model: Model;
  data: Uint8Array;
  trace: Trace;
  fingerprint: Fingerprint;
  /** The corpus file the run was read from (local: never published; the model card reads the bytes after the window from it). */
  corpusPath?: string;
}

/**
 * How an input is named in everything published: its path inside the project (e.g.
 * data/sat-rnn/sat_model.bin), else its file name only — never a local absolute path (the sha256
 * identifies the file).
 */
export function displayPath(p: string): string {
  const r = relative(PROJECT_ROOT, p);
  return r && !r.startsWith("..") && !isAbsolute(r) ? r : basename(p);
}

/** Loads and validates both inputs, runs the forward pass once, and fingerprints the result. */
export function loadRun(inputs: ResolvedInputs = resolveInputs()): Run {
  const modelBytes = readInputFile(inputs.modelPath, "model");
  const model = parseModelBytes(modelBytes, inputs.modelPath);
  const corpusBytes = readInputFile(inputs.corpusPath, "corpus");
  const corpus = corpusWindow(corpusBytes, inputs.window, inputs.corpusPath);
  const trace = runTrace(model, corpus.data);
  return {
    model,
    data: corpus.data,
    trace,
    corpusPath: inputs.corpusPath,
    fingerprint: {
      modelFile: displayPath(inputs.modelPath),
      corpusFile: displayPath(inputs.corpusPath),
      modelSha256: sha256(modelBytes),
      corpusSha256: sha256(corpusBytes),
      source: inputs.source,
      H: model.H,
      parameters: parameterCount(model.H),
      corpusBytes: corpus.data.length,
      corpusTotalBytes: corpus.totalBytes,
      predictions: trace.T,
      bpc: trace.bpc,
    },
  };
}
