/**
 * `sat-rnn fetch`: downloads the published sat-rnn weights and enwik8, keeps the first 1024 bytes of
 * enwik8, verifies both against the sha256 values of the spec, and only then writes them (each to a
 * temporary file renamed into place), so a failed or interrupted fetch leaves the folder untouched.
 *
 * Downloads have an idle timeout (no byte for `timeoutMs` aborts the attempt), retry transient
 * failures (network errors, timeouts, HTTP 5xx/429) with a growing delay, and fail at once on other
 * HTTP errors. enwik8.zip is read with a small zip reader (stored or deflate members, node:zlib).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { constants, inflateRawSync } from "node:zlib";
import { InputError } from "./model.ts";
import { writeFilesAtomic } from "./train/output.ts";

/** Where the reference scripts download the model from. */
export const MODEL_URL = "https://cmpr.ai/hutter/archive/20260206/sat_model.bin";
export const ENWIK8_URL = "http://mattmahoney.net/dc/enwik8.zip";
/** sha256 of the published model and of the first 1024 bytes of enwik8 (../shared/spec/README.md). */
export const MODEL_SHA256 = "239036a0c2319f6835f56ee54bbc3ae8d19a10ab1224c26c77a3f66e59d2b68b";
export const CORPUS_SHA256 = "ef3e698d40b8b36d6d1776feccc25bab3d01de872a4fd8e56f5b929631568496";
export const MODEL_FILE = "sat_model.bin";
export const CORPUS_FILE = "enwik_1024.txt";
export const CORPUS_BYTES = 1024;

export const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

export interface DownloadOptions {
  /** Abort an attempt when no data arrives for this long (ms). */
  timeoutMs?: number;
  /** Further attempts after a transient failure. */
  retries?: number;
  /** Delay before retry k (1-based) is `retryDelayMs · 2^(k−1)`. */
  retryDelayMs?: number;
  log?: (line: string) => void;
}

class Permanent extends Error {}

async function attempt(url: string, timeoutMs: number): Promise<Uint8Array> {
  if (url.startsWith("file:")) {
    try {
      return new Uint8Array(readFileSync(fileURLToPath(url)));
    } catch (e) {
      throw new Permanent(`cannot read ${url} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
  };
  arm();
  try {
    let res: Response;
    try {
      res = await fetch(url, { signal: controller.signal, redirect: "follow" });
    } catch (e) {
      throw new Error(timedOut ? `no response within ${timeoutMs / 1000} s` : `connection failed (${causeOf(e)})`);
    }
    if (!res.ok) {
      const msg = `HTTP ${res.status} ${res.statusText}`.trim();
      await res.body?.cancel().catch(() => {});
      if (res.status >= 500 || res.status === 429 || res.status === 408) throw new Error(msg);
      throw new Permanent(msg);
    }
    const expected = Number(res.headers.get("content-length") ?? NaN);
    const chunks: Uint8Array[] = [];
    let got = 0;
    try {
      const reader = res.body!.getReader();
      for (;;) {
        arm();
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        got += value.length;
      }
    } catch (e) {
      throw new Error(
        timedOut
          ? `download stalled: no data for ${timeoutMs / 1000} s after ${got} bytes`
          : `download interrupted after ${got}${Number.isFinite(expected) ? ` of ${expected}` : ""} bytes (${causeOf(e)})`,
      );
    }
    if (Number.isFinite(expected) && got !== expected) throw new Error(`download interrupted: got ${got} of ${expected} bytes`);
    const out = new Uint8Array(got);
    let p = 0;
    for (const c of chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  } finally {
    clearTimeout(timer);
  }
}

function causeOf(e: unknown): string {
  const err = e as Error & { cause?: Error & { code?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message;
}

/** Downloads a URL (http, https or file) into memory with an idle timeout and retries. */
export async function download(url: string, opts: DownloadOptions = {}): Promise<Uint8Array> {
  const { timeoutMs = 30_000, retries = 3, retryDelayMs = 1000, log = () => {} } = opts;
  for (let k = 0; ; k++) {
    try {
      return await attempt(url, timeoutMs);
    } catch (e) {
      const msg = (e as Error).message;
      if (e instanceof Permanent || k >= retries) {
        throw new InputError(`${url}: ${msg}${k > 0 ? ` (after ${k + 1} attempts)` : ""}`);
      }
      const wait = retryDelayMs * 2 ** k;
      log(`${url}: ${msg}; retrying in ${(wait / 1000).toFixed(1)} s (${k + 1}/${retries})`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/**
 * The first `n` bytes of the zip member named `member` (or ending in "/member"). Reads the central
 * directory (so data-descriptor entries work); stored (0) and deflate (8) members; no zip64.
 */
export function zipMemberPrefix(zip: Uint8Array, member: string, n: number, source = "zip"): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let p = zip.length - 22; p >= Math.max(0, zip.length - 22 - 65535); p--) {
    if (view.getUint32(p, true) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new InputError(`${source}: not a zip file (no end-of-central-directory record; truncated?)`);
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > zip.length || view.getUint32(p, true) !== 0x02014b50) throw new InputError(`${source}: corrupt zip central directory`);
    const method = view.getUint16(p + 10, true);
    const csize = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen));
    names.push(name);
    if (name === member || name.endsWith("/" + member)) {
      if (local + 30 > zip.length || view.getUint32(local, true) !== 0x04034b50) throw new InputError(`${source}: corrupt zip local header for ${name}`);
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      if (start + csize > zip.length) throw new InputError(`${source}: member ${name} runs past the end of the file (truncated?)`);
      const data = zip.subarray(start, start + csize);
      if (method === 0) return data.slice(0, n);
      if (method !== 8) throw new InputError(`${source}: member ${name} uses compression method ${method}; only stored (0) and deflate (8) are supported`);
      // Inflate a growing prefix of the compressed data until n bytes come out.
      for (let take = Math.min(csize, 4096); ; take = Math.min(csize, take * 4)) {
        let out: Buffer;
        try {
          out = inflateRawSync(data.subarray(0, take), { finishFlush: constants.Z_SYNC_FLUSH });
        } catch (e) {
          throw new InputError(`${source}: member ${name} does not inflate (${(e as Error).message})`);
        }
        if (out.length >= n || take === csize) return new Uint8Array(out.subarray(0, n));
      }
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new InputError(`${source}: no member named ${member}; found ${names.join(", ") || "no members"}`);
}

export interface FetchOptions extends DownloadOptions {
  dir: string;
  modelUrl?: string;
  enwikUrl?: string;
  /** Expected sha256 values; null skips the check. */
  modelSha256?: string | null;
  corpusSha256?: string | null;
  /** Download even when verified files are already present. */
  force?: boolean;
}

export interface FetchResult {
  modelPath: string;
  corpusPath: string;
  downloaded: boolean;
}

function verify(bytes: Uint8Array, expected: string | null | undefined, what: string, url: string): void {
  if (!expected) return;
  const got = sha256(bytes);
  if (got !== expected.toLowerCase()) {
    throw new InputError(`${url}: ${what} sha256 is ${got}, expected ${expected} (wrong or corrupt file; nothing was written)`);
  }
}

/** Downloads, verifies, then writes both files; nothing is written unless both verify. */
export async function fetchSatRnn(opts: FetchOptions): Promise<FetchResult> {
  const log = opts.log ?? (() => {});
  const modelUrl = opts.modelUrl ?? MODEL_URL;
  const enwikUrl = opts.enwikUrl ?? ENWIK8_URL;
  const modelSha = opts.modelSha256 === undefined ? MODEL_SHA256 : opts.modelSha256;
  const corpusSha = opts.corpusSha256 === undefined ? CORPUS_SHA256 : opts.corpusSha256;
  const modelPath = join(opts.dir, MODEL_FILE);
  const corpusPath = join(opts.dir, CORPUS_FILE);
  if (!opts.force && modelSha && corpusSha && existsSync(modelPath) && existsSync(corpusPath)) {
    const ok = sha256(new Uint8Array(readFileSync(modelPath))) === modelSha && sha256(new Uint8Array(readFileSync(corpusPath))) === corpusSha;
    if (ok) {
      log(`${opts.dir}: the sat-rnn is already present and verified (use --force to download again)`);
      return { modelPath, corpusPath, downloaded: false };
    }
  }
  log(`downloading ${modelUrl}`);
  const model = await download(modelUrl, opts);
  verify(model, modelSha, "model", modelUrl);
  log(`  ${model.length} bytes${modelSha ? ", sha256 verified" : ""}`);
  log(`downloading ${enwikUrl}`);
  const zip = await download(enwikUrl, opts);
  log(`  ${zip.length} bytes`);
  const corpus = enwikUrl.toLowerCase().endsWith(".zip") || (zip[0] === 0x50 && zip[1] === 0x4b)
    ? zipMemberPrefix(zip, "enwik8", CORPUS_BYTES, enwikUrl)
    : zip.slice(0, CORPUS_BYTES);
  if (corpus.length < CORPUS_BYTES) throw new InputError(`${enwikUrl}: enwik8 has only ${corpus.length} bytes, expected at least ${CORPUS_BYTES}`);
  verify(corpus, corpusSha, "first 1024 bytes of enwik8", enwikUrl);
  try {
    mkdirSync(opts.dir, { recursive: true });
  } catch (e) {
    throw new InputError(`${opts.dir}: cannot create the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  writeFilesAtomic([
    { path: modelPath, bytes: model, what: "model" },
    { path: corpusPath, bytes: corpus, what: "corpus" },
  ]);
  log(`wrote ${modelPath} and ${corpusPath}`);
  return { modelPath, corpusPath, downloaded: true };
}
