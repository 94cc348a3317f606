/** `sat-rnn fetch` against a local HTTP server on 127.0.0.1 serving files this test makes. */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { download, fetchSatRnn, sha256, zipMemberPrefix } from "../lib/fetch.ts";
import { PROJECT_ROOT } from "../lib/io.ts";
import { serializeRawModel } from "../lib/model.ts";
import { randomModel } from "./helpers.ts";

/** A zip with the given members (method 0 = stored, 8 = deflate); CRCs are left 0 (the reader ignores them). */
function makeZip(members: { name: string; data: Uint8Array; method: 0 | 8 }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const comp = m.method === 8 ? deflateRawSync(m.data) : Buffer.from(m.data);
    const name = Buffer.from(m.name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(m.method, 8);
    lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(m.data.length, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(m.method, 10);
    ch.writeUInt32LE(comp.length, 20);
    ch.writeUInt32LE(m.data.length, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, comp);
    centrals.push(ch, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(members.length, 8);
  eocd.writeUInt16LE(members.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

// A fake "enwik8" of 5000 bytes and a fake model.
const ENWIK = new TextEncoder().encode(Array.from({ length: 200 }, (_, i) => `<page id="${i}">text ${i * 7}</page>\n`).join("").slice(0, 5000));
const ZIP = makeZip([
  { name: "readme.txt", data: new TextEncoder().encode("not this one"), method: 0 },
  { name: "enwik8", data: ENWIK, method: 8 },
]);
const MODEL = serializeRawModel(randomModel(3, 9));
const MODEL_SHA = sha256(MODEL);
const CORPUS_SHA = sha256(ENWIK.subarray(0, 1024));

let server: Server;
let base = "";
let flakyHits = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? "";
    if (url === "/model.bin") return res.end(Buffer.from(MODEL));
    if (url === "/enwik8.zip") return res.end(Buffer.from(ZIP));
    if (url === "/flaky.bin") {
      if (flakyHits++ < 2) {
        res.statusCode = 503;
        return res.end("busy");
      }
      return res.end(Buffer.from(MODEL));
    }
    if (url === "/cut.bin") {
      // promises the whole model, sends a tenth, then drops the connection
      res.writeHead(200, { "content-length": String(MODEL.length) });
      res.write(Buffer.from(MODEL.subarray(0, MODEL.length / 10)));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (url === "/silent.bin") return; // never answers
    res.statusCode = 404;
    res.end("not found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const freshDir = () => mkdtempSync(join(tmpdir(), "sat-rnn-fetch-"));
const quick = { timeoutMs: 2000, retries: 0, retryDelayMs: 10 };

describe("zip reader", () => {
  it("reads the first bytes of stored and deflate members, by name", () => {
    expect(zipMemberPrefix(ZIP, "enwik8", 1024)).toEqual(ENWIK.subarray(0, 1024));
    expect(zipMemberPrefix(ZIP, "enwik8", 99999)).toEqual(ENWIK);
    expect(new TextDecoder().decode(zipMemberPrefix(ZIP, "readme.txt", 3))).toBe("not");
    const stored = makeZip([{ name: "data/enwik8", data: ENWIK, method: 0 }]);
    expect(zipMemberPrefix(stored, "enwik8", 1024)).toEqual(ENWIK.subarray(0, 1024));
  });
  it("explains missing members and non-zips", () => {
    expect(() => zipMemberPrefix(ZIP, "enwik9", 10, "e.zip")).toThrow(/e\.zip: no member named enwik9; found readme\.txt, enwik8/);
    expect(() => zipMemberPrefix(new Uint8Array(100), "enwik8", 10, "x.zip")).toThrow(/x\.zip: not a zip file/);
    expect(() => zipMemberPrefix(ZIP.subarray(0, ZIP.length - 30), "enwik8", 10, "t.zip")).toThrow(/t\.zip: not a zip file .*truncated/);
  });
});

describe("download", () => {
  it("retries HTTP 5xx and then succeeds", async () => {
    flakyHits = 0;
    const lines: string[] = [];
    const got = await download(`${base}/flaky.bin`, { ...quick, retries: 3, log: (l) => lines.push(l) });
    expect(got).toEqual(MODEL);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/HTTP 503.*retrying in/);
  });
  it("gives up after the retries with the last error", async () => {
    flakyHits = 0;
    await expect(download(`${base}/flaky.bin`, { ...quick, retries: 1 })).rejects.toThrow(/flaky\.bin: HTTP 503 .*\(after 2 attempts\)/);
  });
  it("does not retry a 404", async () => {
    await expect(download(`${base}/nothing`, { ...quick, retries: 5 })).rejects.toThrow(/nothing: HTTP 404 Not Found$/);
  });
  it("times out a silent server", async () => {
    await expect(download(`${base}/silent.bin`, { ...quick, timeoutMs: 300 })).rejects.toThrow(/silent\.bin: no response within 0\.3 s/);
  });
  it("reports an interrupted body", async () => {
    await expect(download(`${base}/cut.bin`, quick)).rejects.toThrow(/cut\.bin: download interrupted/);
  });
  it("reads file: URLs", async () => {
    const p = join(freshDir(), "m.bin");
    writeFileSync(p, MODEL);
    expect(await download(pathToFileURL(p).href)).toEqual(MODEL);
  });
});

describe("fetchSatRnn", () => {
  const opts = (dir: string, extra = {}) => ({
    dir,
    modelUrl: `${base}/model.bin`,
    enwikUrl: `${base}/enwik8.zip`,
    modelSha256: MODEL_SHA,
    corpusSha256: CORPUS_SHA,
    ...quick,
    ...extra,
  });

  it("downloads, verifies and writes the model and the first 1024 bytes of enwik8", async () => {
    const dir = join(freshDir(), "data/sat-rnn");
    const r = await fetchSatRnn(opts(dir));
    expect(r.downloaded).toBe(true);
    expect(readFileSync(join(dir, "sat_model.bin"))).toEqual(Buffer.from(MODEL));
    expect(readFileSync(join(dir, "enwik_1024.txt"))).toEqual(Buffer.from(ENWIK.subarray(0, 1024)));
    expect(readdirSync(dir).sort()).toEqual(["enwik_1024.txt", "sat_model.bin"]); // no temp files left
    const again = await fetchSatRnn(opts(dir, { modelUrl: `${base}/silent.bin` }));
    expect(again.downloaded).toBe(false); // already present and verified: no download
  });

  it("an interrupted download or a wrong hash writes nothing and leaves existing files alone", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, "sat_model.bin"), "old model");
    await expect(fetchSatRnn(opts(dir, { modelUrl: `${base}/cut.bin` }))).rejects.toThrow(/download interrupted/);
    await expect(fetchSatRnn(opts(dir, { modelSha256: "0".repeat(64) }))).rejects.toThrow(
      new RegExp(`model sha256 is ${MODEL_SHA}, expected 0{64} \\(wrong or corrupt file; nothing was written\\)`),
    );
    await expect(fetchSatRnn(opts(dir, { corpusSha256: "1".repeat(64) }))).rejects.toThrow(/first 1024 bytes of enwik8 sha256 is/);
    expect(readFileSync(join(dir, "sat_model.bin"), "utf8")).toBe("old model");
    expect(readdirSync(dir)).toEqual(["sat_model.bin"]);
  });

  it("an unwritable target folder: a clear error, nothing written", async () => {
    const file = join(freshDir(), "plain-file");
    writeFileSync(file, "x");
    await expect(fetchSatRnn(opts(join(file, "sub")))).rejects.toThrow(/plain-file\/sub: cannot create the folder \((ENOTDIR|EEXIST)\)/);
  });

  it("the published hashes are the defaults (a fake model fails them)", async () => {
    const dir = freshDir();
    await expect(fetchSatRnn({ ...opts(dir), modelSha256: undefined, corpusSha256: undefined })).rejects.toThrow(
      /model sha256 is [0-9a-f]{64}, expected 239036a0c2319f6835f56ee54bbc3ae8d19a10ab1224c26c77a3f66e59d2b68b/,
    );
    expect(existsSync(join(dir, "sat_model.bin"))).toBe(false);
  });
});

describe("sat-rnn fetch (CLI)", () => {
  // async exec: the server lives in this process, so the child must not block the event loop
  const run = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), "fetch", ...args], { env: { ...process.env, SAT_RNN_RETRY_DELAY_MS: "10" } }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it("fetches into --dir with custom hashes", { timeout: 60_000 }, async () => {
    const dir = join(freshDir(), "out");
    const r = await run("--model-url", `${base}/model.bin`, "--enwik-url", `${base}/enwik8.zip`, "--dir", dir, "--model-sha256", MODEL_SHA, "--corpus-sha256", CORPUS_SHA);
    expect(r.stderr).toContain("sha256 verified");
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "enwik_1024.txt"))).toEqual(Buffer.from(ENWIK.subarray(0, 1024)));
  });

  it("an interrupted download: one clear line, exit 2, the folder untouched", { timeout: 60_000 }, async () => {
    const dir = freshDir();
    writeFileSync(join(dir, "enwik_1024.txt"), "previous");
    const r = await run("--model-url", `${base}/cut.bin`, "--enwik-url", `${base}/enwik8.zip`, "--dir", dir, "--retries", "1", "--no-verify");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sat-rnn fetch: http:\/\/127\.0\.0\.1:\d+\/cut\.bin: download interrupted .*\(after 2 attempts\)\n$/);
    expect(readdirSync(dir)).toEqual(["enwik_1024.txt"]);
    expect(readFileSync(join(dir, "enwik_1024.txt"), "utf8")).toBe("previous");
  });

  it("rejects a malformed hash before downloading", { timeout: 60_000 }, async () => {
    const r = await run("--model-sha256", "abc", "--dir", freshDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--model-sha256 abc: expected 64 hex digits/);
  });
});
