/** Test helpers: tiny hand-built models and the real sat-rnn when ../shared is present. */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { loadRun, PROJECT_ROOT, type Run } from "../lib/io.ts";
import { type Model, VOCAB } from "../lib/model.ts";
import { runTrace } from "../lib/rnn.ts";

/** The shared reference material: ../shared beside the checkout, or SAT_RNN_SHARED (e.g. to point a worktree at it). */
export const SHARED = process.env.SAT_RNN_SHARED ?? join(PROJECT_ROOT, "../shared");
export const SAT_MODEL = join(SHARED, "sat-rnn/sat_model.bin");
export const SAT_CORPUS = join(SHARED, "sat-rnn/enwik_1024.txt");
export const REFERENCE_DIR = join(SHARED, "reference/sat_model");
export const HAVE_SHARED = existsSync(SAT_MODEL) && existsSync(SAT_CORPUS) && existsSync(REFERENCE_DIR);

if (!HAVE_SHARED) {
  // Visible, not silent: parity tests are skipped only when the reference material is absent.
  console.warn(`NOTICE: ${SHARED}/{sat-rnn,reference} not found — the sat-rnn parity tests are SKIPPED (the rest runs on hand-built and demo models)`);
}

let cached: Run | undefined;
/** The sat-rnn run (forward pass done once per test worker). Only call inside HAVE_SHARED tests. */
export function satRun(): Run {
  cached ??= loadRun({ modelPath: SAT_MODEL, corpusPath: SAT_CORPUS, window: 1024, source: "flag" });
  return cached;
}

/** A model with every weight zero except what `set` writes. */
export function tinyModel(H: number, set: (m: Model) => void = () => {}): Model {
  const m: Model = {
    H,
    Wx: new Float32Array(H * VOCAB),
    Wh: new Float32Array(H * H),
    bh: new Float32Array(H),
    Wy: new Float32Array(VOCAB * H),
    by: new Float32Array(VOCAB),
  };
  set(m);
  return m;
}

/** A Run over a hand-built model and bytes, for analyses' unit tests. */
export function tinyRun(model: Model, text: string | Uint8Array): Run {
  const data = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const trace = runTrace(model, data);
  return {
    model,
    data,
    trace,
    fingerprint: {
      modelFile: "tiny",
      corpusFile: "tiny",
      modelSha256: "",
      corpusSha256: "",
      source: "flag",
      H: model.H,
      parameters: 0,
      corpusBytes: data.length,
      corpusTotalBytes: data.length,
      predictions: trace.T,
      bpc: trace.bpc,
    },
  };
}

/** A small random model (deterministic), for "runs on other weights" checks. */
export function randomModel(H: number, seed = 1, scale = 0.5): Model {
  let s = seed >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s / 2 ** 32 - 0.5) * 2 * scale;
  };
  return tinyModel(H, (m) => {
    for (const t of [m.Wx, m.Wh, m.bh, m.Wy, m.by]) for (let k = 0; k < t.length; k++) t[k] = Math.fround(rnd());
  });
}

/** A maker of temporary folders for one test file; they are removed after its tests. */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}
