/**
 * Writing model files safely: the format follows the file name (.safetensors → safetensors, else the
 * raw float32 layout), and every write goes to a temporary file in the same folder that is renamed
 * over the target, so a failed or interrupted write never leaves a half file behind.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, renameSync, rmdirSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError, type Model, serializeRawModel } from "../model.ts";
import { serializeSafetensorsModel } from "../safetensors.ts";

export type ModelFormat = "raw" | "safetensors";

/** The format implied by a path (.safetensors → safetensors, anything else → raw). */
export function formatForPath(path: string): ModelFormat {
  return path.toLowerCase().endsWith(".safetensors") ? "safetensors" : "raw";
}

export function parseFormat(v: string | undefined, path: string): ModelFormat {
  if (v === undefined) return formatForPath(path);
  if (v === "raw" || v === "safetensors") return v;
  throw new InputError(`--format ${v}: expected raw or safetensors`);
}

export function serializeModel(model: Model, format: ModelFormat): Uint8Array {
  return format === "safetensors" ? serializeSafetensorsModel(model) : serializeRawModel(model);
}

function describe(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOENT") return "folder does not exist";
  if (code === "ENOTDIR") return "a parent is not a folder";
  if (code === "EROFS") return "read-only file system";
  if (code === "ENOSPC") return "no space left on device";
  if (code === "EISDIR") return "is a directory";
  if (code === "EEXIST") return "already exists";
  return code ?? (e as Error).message;
}

/** rmSync that never throws (used on error paths, where the original error is the one to report). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // nothing to clean, or cannot: the caller reports the first error
  }
}

/**
 * Checks, before any work, that an output folder can be made at `path`: `path` is a folder or does
 * not exist, every existing ancestor is a folder, and a folder can be created in the place the
 * command will write (`path` itself when it exists, else its nearest existing ancestor; with
 * `sibling`, the folder beside `path`, where a build makes its temporary copy). Creates nothing
 * that stays, and never calls a recursive mkdir (Node's loops forever under /proc). `option` names
 * the flag in the message, e.g. "--out".
 */
export function checkOutputDir(path: string, what = "output", option = "--out", sibling = false): void {
  const target = resolve(path);
  const fail = (problem: string) => new InputError(`${option} ${path}: ${problem}`);
  let existing = target;
  for (;;) {
    let st;
    try {
      st = statSync(existing, { throwIfNoEntry: false });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOTDIR") throw fail(`cannot look at ${existing} (${describe(e)})`);
      // an ancestor is a file: keep going up, the loop names it
    }
    if (st) {
      if (!st.isDirectory()) throw fail(existing === target ? `is a file, expected a folder for the ${what}` : `${existing} is a file, not a folder`);
      break;
    }
    const up = dirname(existing);
    if (up === existing) throw fail("no existing folder above it");
    existing = up;
  }
  // where the command will create things
  let probeIn = existing;
  if (sibling && existing === target) {
    probeIn = dirname(target);
    // a build replaces the folder by renaming: a mount point cannot be renamed
    if (target !== probeIn && statSync(target).dev !== statSync(probeIn).dev) throw fail(`is a mount point; give a folder inside it`);
  }
  let probe: string | undefined;
  try {
    probe = mkdtempSync(join(probeIn, ".sat-rnn-probe-"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "the file system does not allow new folders there" : describe(e);
    throw fail(`cannot create the ${what} folder in ${probeIn} (${why})`);
  } finally {
    if (probe) {
      try {
        rmdirSync(probe);
      } catch {
        // left empty; harmless
      }
    }
  }
}

let counter = 0;
const tempName = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);

/**
 * Checks up front (before a long computation) that `path` can be written: the folder exists (or can
 * be created when `mkdir`) and a file can be created in it; `path` itself must not be a directory.
 */
export function checkWritable(path: string, what = "output", mkdir = false): void {
  try {
    if (statSync(path).isDirectory()) throw new InputError(`${path}: is a directory, expected a ${what} file path`);
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
  const dir = dirname(path);
  if (mkdir) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new InputError(`${path}: cannot create the folder for the ${what} file (${describe(e)})`);
    }
  }
  const tmp = tempName(path);
  try {
    closeSync(openSync(tmp, "wx"));
  } catch (e) {
    // ENOENT with the folder there: a file system that takes no new files (e.g. /proc)
    const why = (e as NodeJS.ErrnoException).code === "ENOENT" && statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? "the file system does not allow new files there" : describe(e);
    throw new InputError(`${path}: cannot write the ${what} file (${why})`);
  }
  removeQuietly(tmp);
}

/** Writes bytes to a temporary file next to `path`, then renames it over `path`. */
export function writeFileAtomic(path: string, bytes: Uint8Array, what = "output"): void {
  const tmp = tempName(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx");
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(tmp);
    throw new InputError(`${path}: cannot write the ${what} file (${describe(e)})`);
  }
}

/** Serialises a model in the format its path implies (or `format`) and writes it atomically. */
export function writeModelFile(path: string, model: Model, format: ModelFormat = formatForPath(path)): void {
  writeFileAtomic(path, serializeModel(model, format), "model");
}

/**
 * Writes several files as one step: every file goes to a temporary file first; only when all are
 * written are they renamed into place (so a failure leaves every target as it was).
 */
export function writeFilesAtomic(files: { path: string; bytes: Uint8Array; what: string }[]): void {
  const temps: string[] = [];
  try {
    for (const f of files) {
      const tmp = tempName(f.path);
      let fd: number | undefined;
      try {
        fd = openSync(tmp, "wx");
        temps.push(tmp);
        let off = 0;
        while (off < f.bytes.length) off += writeSync(fd, f.bytes, off, f.bytes.length - off);
      } catch (e) {
        throw new InputError(`${f.path}: cannot write the ${f.what} file (${describe(e)})`);
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    }
  } catch (e) {
    for (const t of temps) removeQuietly(t);
    throw e;
  }
  files.forEach((f, k) => renameSync(temps[k], f.path));
}
