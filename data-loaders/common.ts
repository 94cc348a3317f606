/**
 * Shared by every data loader: resolve the inputs exactly as the CLI does (the build passes them
 * in SAT_RNN_MODEL / SAT_RNN_CORPUS / SAT_RNN_BYTES), run the forward pass once, and write the
 * result as JSON on stdout with the input fingerprint attached, so no output is ever anonymous.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
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

/** Each run's chapter outputs, as JSON text, by name: computed once per run in this process. */
const outputs = new WeakMap<Run, Map<string, string>>();

/**
 * A builder's output as the site stores it (its JSON text), computed at most once per run: the
 * claims ledger, the neuron pages and the tables read the chapters' outputs instead of re-running
 * them. The whole report is built in one process (data-loaders/report.ts), so no other cache is needed.
 */
export function sharedJson<T>(name: string, builder: ChapterBuilder<T>, run: Run): string {
  let byName = outputs.get(run);
  if (!byName) outputs.set(run, (byName = new Map()));
  let text = byName.get(name);
  if (text === undefined) {
    text = toJson(buildChapter(builder, run));
    byName.set(name, text);
  }
  return text;
}

/** Keeps `text` as the output `name` of this run, computed elsewhere (data-loaders/reportHelper.ts). */
export function seedShared(name: string, run: Run, text: string): void {
  let byName = outputs.get(run);
  if (!byName) outputs.set(run, (byName = new Map()));
  byName.set(name, text);
}

/** The data of sharedJson, parsed: what a page reads, so derived results see exactly the site's numbers. */
export function sharedData<T = any>(name: string, builder: ChapterBuilder<unknown>, run: Run): T {
  return JSON.parse(sharedJson(name, builder, run)).data as T;
}

/** Fails a loader with one clear line (an input problem) or the stack (a bug). */
function fail(e: unknown): never {
  process.stderr.write(`data loader: ${e instanceof InputError ? e.message : (e as Error).stack}\n`);
  process.exit(1);
}

/**
 * Entry point for a Framework loader file: compute and print, or fail with one clear line.
 * `file` names the output (e.g. "robustness.json"): when the build computed it alongside
 * Framework (cli/site.ts), that result is taken instead of computing it again.
 */
export function emit<T>(builder: ChapterBuilder<T>, file?: string): void {
  const ready = file ? precomputed(file) : null;
  if (ready) {
    process.stdout.write(ready);
    return;
  }
  try {
    const run = loadRun(resolveInputs());
    process.stdout.write(toJson(buildChapter(builder, run)));
  } catch (e) {
    fail(e);
  }
}


/** The report archive's name (src/data.tar.ts): every data file of the report. */
export const REPORT_ARCHIVE = "data.tar";

/** Entry point for an archive loader: the files of `build(run)` as an uncompressed tar on stdout. */
export function emitArchive(build: (run: Run) => Map<string, string | Uint8Array>): void {
  const ready = precomputed(REPORT_ARCHIVE);
  if (ready) process.stdout.write(ready);
  else {
    let files: Map<string, string | Uint8Array>;
    try {
      files = smallFirst(build(loadRun(resolveInputs())));
    } catch (e) {
      return fail(e);
    }
    writeTar(files);
  }
}

/**
 * The archive's members, smallest first. Framework finds each file a page asks for by reading the
 * archive from its start up to that member, once per member; with the large tables at the end,
 * the ~70 reads of a build pass over the small files only, and each large one is read through once
 * (at H = 128 / 64 KB: about 20 GB of archive parsing became about 2 GB, ~50 s → a few s).
 */
export function smallFirst(files: Map<string, string | Uint8Array>): Map<string, string | Uint8Array> {
  return new Map([...files].sort((a, b) => a[1].length - b[1].length));
}

/**
 * Environment of a site build whose loaders' outputs are being computed alongside Framework
 * (cli/site.ts): the folder they are written to (<dir>/<file>, or <dir>/<file>.failed), and
 * "file:pid,…" for the processes computing them.
 */
export const PRECOMPUTED_ENV = "SAT_RNN_PRECOMPUTED";
export const PRECOMPUTE_PID_ENV = "SAT_RNN_PRECOMPUTE_PID";

/**
 * A loader output computed by the build itself while Framework was still reading the pages
 * (cli/site.ts starts the same loader in a process of its own, so both cores work): waits for it
 * and returns its bytes, or null when there is none or it failed (the caller then computes it,
 * and reports any error). Either way each output is computed once per build, from the same inputs.
 */
export function precomputed(file: string, env: NodeJS.ProcessEnv = process.env): Uint8Array | null {
  const dir = env[PRECOMPUTED_ENV];
  const entry = (env[PRECOMPUTE_PID_ENV] ?? "").split(",").find((e) => e.startsWith(`${file}:`));
  if (!dir || !entry) return null;
  const path = join(dir, file);
  const pid = Number(entry.slice(file.length + 1));
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    if (existsSync(path)) return readFileSync(path);
    if (existsSync(`${path}.failed`) || !Number.isInteger(pid) || pid <= 0) return null;
    if (!alive()) {
      // ended: the build renames its output (or marks it failed) as soon as it sees the exit
      for (let i = 0; i < 40 && !existsSync(path) && !existsSync(`${path}.failed`); i++) Atomics.wait(nap, 0, 0, 50);
      return existsSync(path) ? readFileSync(path) : null;
    }
    Atomics.wait(nap, 0, 0, 50); // a synchronous 50 ms sleep: this process has nothing else to do
  }
}

/** The report's files (name → text) from the archive this build computed, or null without one. */
export function precomputedReport(): Map<string, string> | null {
  const bytes = precomputed(REPORT_ARCHIVE);
  if (!bytes) return null;
  const dec = new TextDecoder();
  const out = new Map<string, string>();
  for (const [name, body] of untar(bytes)) if (name.endsWith(".json")) out.set(name, dec.decode(body));
  return out;
}

/** The files of a ustar archive made by `tar` (regular files only). */
export function untar(bytes: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const dec = new TextDecoder();
  for (let off = 0; off + 512 <= bytes.length; ) {
    const header = bytes.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (a: number, n: number) => dec.decode(header.subarray(a, a + n)).replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim(), 8);
    if (!Number.isFinite(size)) throw new Error(`tar: bad header at byte ${off}`);
    files.set(field(0, 100), bytes.subarray(off + 512, off + 512 + size));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/**
 * A POSIX ustar archive of `files` (name → content): Framework extracts a page's file from it
 * (src/data/x.tar → data/x/<name>), so one loader run can serve many small files.
 * Deterministic: mode 0644, owner 0, mtime 0. Names must fit ustar's 100 bytes.
 */
export function tar(files: Map<string, string | Uint8Array>): Uint8Array {
  return Buffer.concat([...tarChunks(files)]);
}

/** Writes tar(files) to stdout member by member: no archive-sized buffer (at 64 KB × H = 128 the report is ~560 MB). */
export function writeTar(files: Map<string, string | Uint8Array>): void {
  for (const chunk of tarChunks(files)) process.stdout.write(chunk); // synchronous for files and pipes (Linux)
}

const ZEROS = new Uint8Array(1024);

/** The archive as chunks, in order: per member its header, its body (strings as UTF-8) and padding; then the two zero blocks that end it. */
function* tarChunks(files: Map<string, string | Uint8Array>): Generator<Uint8Array> {
  for (const [name, content] of files) {
    const body = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    yield tarHeader(name, body.length);
    yield body;
    const pad = (512 - (body.length % 512)) % 512;
    if (pad) yield ZEROS.subarray(0, pad);
  }
  yield ZEROS;
}

/** A ustar header: mode 0644, owner 0, mtime 0 (deterministic). */
function tarHeader(name: string, size: number): Uint8Array {
  const enc = new TextEncoder();
  const nameBytes = enc.encode(name);
  if (nameBytes.length > 100) throw new Error(`tar: name longer than 100 bytes: ${name}`);
  const header = new Uint8Array(512);
  const put = (off: number, s: string) => header.set(enc.encode(s), off);
  header.set(nameBytes, 0);
  put(100, "0000644\0"); // mode
  put(108, "0000000\0"); // uid
  put(116, "0000000\0"); // gid
  put(124, `${size.toString(8).padStart(11, "0")}\0`); // size
  put(136, "00000000000\0"); // mtime
  put(148, "        "); // checksum field counts as spaces while summing
  put(156, "0"); // regular file
  put(257, "ustar\0");
  put(263, "00");
  let sum = 0;
  for (const b of header) sum += b;
  put(148, `${sum.toString(8).padStart(6, "0")}\0 `);
  return header;
}
