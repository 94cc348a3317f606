/**
 * Shared by every data loader: resolve the inputs exactly as the CLI does (the build passes them
 * in SAT_RNN_MODEL / SAT_RNN_CORPUS / SAT_RNN_BYTES), run the forward pass once, and write the
 * result as JSON on stdout with the input fingerprint attached, so no output is ever anonymous.
 */
import { type Fingerprint, loadRun, resolveInputs, type Run } from "../lib/io.ts";
import { InputError } from "../lib/model.ts";

/** A chapter's data: a pure function of the run. Loaders and `sat-rnn analyze` share these. */
export type ChapterBuilder<T = unknown> = (run: Run) => T;

export interface ChapterOutput<T> {
  fingerprint: Fingerprint;
  data: T;
}

export function buildChapter<T>(builder: ChapterBuilder<T>, run: Run): ChapterOutput<T> {
  return { fingerprint: run.fingerprint, data: builder(run) };
}

/** Serialises with numbers that are not finite turned into null (JSON has no NaN/Infinity). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (typeof v === "number" && !Number.isFinite(v)) return null;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return v;
  });
}

/** Entry point for a Framework loader file: compute and print, or fail with one clear line. */
export function emit<T>(builder: ChapterBuilder<T>): void {
  try {
    const run = loadRun(resolveInputs());
    process.stdout.write(toJson(buildChapter(builder, run)));
  } catch (e) {
    process.stderr.write(`data loader: ${e instanceof InputError ? e.message : (e as Error).stack}\n`);
    process.exit(1);
  }
}
