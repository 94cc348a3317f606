/** `sat-rnn analyze`: every loader's JSON (byte-identical to what the loaders emit) plus claims.json and a summary. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, loaderNames } from "../cli/commands/analyze.ts";
import claimsBuild from "../data-loaders/claims.ts";
import { buildChapter, toJson } from "../data-loaders/common.ts";
import q4 from "../data-loaders/q4.ts";
import { PROJECT_ROOT } from "../lib/io.ts";
import { CLAIMS } from "../lib/claims/registry.ts";
import { serializeRawModel } from "../lib/model.ts";
import { randomModel, tempDirs, tinyRun } from "./helpers.ts";

const tmp = tempDirs("sat-rnn-analyze-");

const corpus = new TextEncoder().encode("<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.3/\" xml:lang=\"en\">\n");

describe("sat-rnn analyze", () => {
  it("writes every loader's JSON (the same bytes the loaders emit) and claims.json", async () => {
    const run = tinyRun(randomModel(8, 11), corpus.subarray(0, 60));
    const out = tmp();
    const res = await analyze(run, out);
    const names = loaderNames();
    expect(names).toContain("q1");
    expect(names).toContain("model");
    expect(names).not.toContain("common");
    for (const n of [...names, "claims"]) expect(existsSync(join(out, `${n}.json`)), n).toBe(true);
    expect(res.files.filter((f) => f.error)).toEqual([]);
    expect(readFileSync(join(out, "q4.json"), "utf8")).toBe(toJson(buildChapter(q4, run)));
    expect(readFileSync(join(out, "claims.json"), "utf8")).toBe(toJson(buildChapter(claimsBuild, run)));
    const claims = JSON.parse(readFileSync(join(out, "claims.json"), "utf8"));
    expect(claims.fingerprint.H).toBe(8);
    expect(claims.data.rows.length).toBe(CLAIMS.length);
    // the ledger's fields: verdict (five classes), location (list), baseline, interval, distance
    for (const r of claims.data.rows) {
      expect(["holds", "differs", "construction", "unreproducible", "na"]).toContain(r.verdict);
      expect(Array.isArray(r.location) && r.location.length > 0).toBe(true);
      expect(r).toHaveProperty("baseline");
      expect(r).toHaveProperty("interval");
      expect(typeof r.distance).toBe("string");
    }
    expect(res.summary).toMatch(/claims ledger: \d+ claims — \d+ hold, \d+ differ; \d+ hold by construction, \d+ not reproducible, \d+ not computable/);
    expect(res.summary).toMatch(/H = 8/);
  }, 60_000);

  it("runs from the command line with --model/--corpus, and requires --out", () => {
    const dir = tmp();
    const m = randomModel(4, 2);
    const parts = [m.Wx, m.Wh, m.bh, m.Wy, m.by];
    const buf = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
    let off = 0;
    for (const p of parts) {
      buf.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), off);
      off += p.byteLength;
    }
    writeFileSync(join(dir, "m.bin"), buf);
    writeFileSync(join(dir, "c.txt"), corpus.subarray(0, 40));
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), "analyze", ...args], { encoding: "utf8", cwd: dir });
    const bad = cli("--model", "m.bin", "--corpus", "c.txt");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--out DIR is required/);
    const ok = cli("--out", "res", "--model", "m.bin", "--corpus", "c.txt");
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/H = 4/);
    const claims = JSON.parse(readFileSync(join(dir, "res/claims.json"), "utf8"));
    expect(claims.data.rows.find((r: { id: string }) => r.id === "hidden").value).toBe(4);
    expect(JSON.parse(readFileSync(join(dir, "res/model.json"), "utf8")).fingerprint.corpusBytes).toBe(40);
  }, 60_000);

  it("on long runs, says on stderr when each stage starts and ends, the knockout pass and open questions included", () => {
    const dir = tmp();
    // T·H² ≥ 4·10⁶ (1023 × 64²): long enough to speak from the start
    writeFileSync(join(dir, "m.bin"), serializeRawModel(randomModel(64, 3)));
    writeFileSync(join(dir, "c.txt"), Buffer.from("The quick brown fox jumps over the lazy dog. ".repeat(30).slice(0, 1024)));
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), "analyze", "--model", "m.bin", "--corpus", "c.txt", "--out", "res"], { encoding: "utf8", cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stderr.trim().split("\n");
    const started = lines.map((l) => l.match(/^sat-rnn analyze: (\S+) … \(/)?.[1]).filter(Boolean);
    const done = lines.map((l) => l.match(/^sat-rnn analyze: (\S+) done in /)?.[1]).filter(Boolean);
    expect(started).toEqual(done); // each stage ends before the next starts
    expect(started[0]).toBe("knockouts");
    expect(started).toContain("open-questions");
    // its experiments get lines of their own, inside the stage (the cycle search takes minutes at H = 1024)
    const oqFrom = lines.findIndex((l) => /open-questions … \(/.test(l));
    const oqTo = lines.findIndex((l) => /open-questions done in/.test(l));
    const parts = lines.slice(oqFrom + 1, oqTo);
    expect(parts[0]).toMatch(/^sat-rnn analyze: open-questions · cycle search \(1,000,000 steps of the sign-only map\) … \(\d/);
    expect(parts.filter((l) => / done in /.test(l)).length).toBe(4);
    expect(started.at(-1)).toBe("claims");
    expect(new Set(started).size).toBe(started.length);
    expect(lines.at(-1)).toMatch(/claims done in .*\(0 to go; /);
  }, 120_000);
});
