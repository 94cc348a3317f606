/**
 * Writing model files safely: the format follows the file name (.safetensors → safetensors, else the
 * raw float32 layout), and every write goes to a temporary file in the same folder that is renamed
 * over the target, so a failed or interrupted write never leaves a half file behind.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
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
  return code ?? (e as Error).message;
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
    throw new InputError(`${path}: cannot write the ${what} file (${describe(e)})`);
  }
  rmSync(tmp, { force: true });
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
    rmSync(tmp, { force: true });
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
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
  files.forEach((f, k) => renameSync(temps[k], f.path));
}
