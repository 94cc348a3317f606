/**
 * The built site: builds from the default inputs, rebuilds A → B → A with other weights (every
 * data file follows the inputs, and A's files come back byte-identical), keeps the previous site
 * on bad input, and loads every page in Chromium under a sub-path with no console errors, failed
 * requests or requests to another origin.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../lib/io.ts";
import { serializeRawModel } from "../../lib/model.ts";
import { randomModel } from "../helpers.ts";
import { HAVE_CHROMIUM, launch, visit } from "./browser.ts";
import { serveDist } from "../../cli/static-server.ts";

const DIST = join(PROJECT_ROOT, "dist");
const tmp = mkdtempSync(join(tmpdir(), "sat-rnn-site-"));

function build(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), "build", ...args], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  if (r.status !== 0 && !args.includes("--expect-failure")) console.error(r.stderr.slice(-3000));
  return r;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** The data files of a build, by name without Framework's content hash: data/q1.<hash>.json → data/q1.json */
function dataFiles(out: string): Map<string, string> {
  // ordered by the name without the hash (x.arrow and x.csv would otherwise swap with their hashes)
  const named = files(join(out, "_file")).map((f) => [f.replace(/\.[0-9a-f]{8}(\.[a-z]+)$/, "$1"), f]);
  named.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(named.map(([name, f]) => [name, readFileSync(join(out, "_file", f), "utf8")]));
}

/**
 * Every page, except that of the H per-neuron pages (one template, H instances) only the first,
 * a middle and the last are visited, to keep the browser test within CI's time.
 */
function pages(): string[] {
  const all = files(DIST)
    .filter((f) => f.endsWith(".html") && !f.startsWith("_"))
    .map((f) => f.replace(/\.html$/, "").replace(/(^|\/)index$/, "$1"));
  const neurons = all.filter((p) => /^neurons\/\d+$/.test(p)).sort((a, b) => Number(a.split("/")[1]) - Number(b.split("/")[1]));
  const sample = new Set([neurons[0], neurons[Math.floor(neurons.length / 2)], neurons[neurons.length - 1]]);
  return all.filter((p) => !neurons.includes(p) || sample.has(p));
}

describe("build", () => {
  it("writes a site whose data files carry the input fingerprint", () => {
    const data = dataFiles(DIST);
    expect(data.size).toBeGreaterThan(0);
    for (const [name, text] of data) {
      if (!name.endsWith(".json")) continue;
      const fp = JSON.parse(text).fingerprint;
      expect(fp, name).toBeDefined();
      expect(fp.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("makes no reference to a CDN or another host", () => {
    const offenders = files(DIST).filter((f) => /\.(html|js|css)$/.test(f) && /https?:\/\/(cdn\.jsdelivr|fonts\.googleapis|fonts\.gstatic|unpkg)/.test(readFileSync(join(DIST, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("rebuilds A → B → A: data follow the inputs and A's come back byte-identical", () => {
    const A = join(tmp, "a.bin");
    const B = join(tmp, "b.bin");
    writeFileSync(A, serializeRawModel(randomModel(6, 11, 0.6)));
    writeFileSync(B, serializeRawModel(randomModel(5, 23, 0.6)));
    const corpus = join(tmp, "corpus.txt");
    writeFileSync(corpus, "<page><title>A tiny corpus</title><text>Rebuild me with new weights, twice.</text></page>\n".repeat(3));
    const out = (n: string) => join(tmp, n);
    expect(build(["--model", A, "--corpus", corpus, "--out", out("a1")]).status).toBe(0);
    // B through the environment, as a user would
    expect(build(["--out", out("b")], { SAT_RNN_MODEL: B, SAT_RNN_CORPUS: corpus }).status).toBe(0);
    expect(build(["--model", A, "--corpus", corpus, "--out", out("a2")]).status).toBe(0);
    const [a1, b, a2] = [dataFiles(out("a1")), dataFiles(out("b")), dataFiles(out("a2"))];
    // one page file per neuron: A has H = 6 of them, B has 5; every other file is in both
    const perNeuron = (m: Map<string, string>) => [...m.keys()].filter((k) => /^data\/neuron\/\d+\.json$/.test(k)).sort();
    const shared = (m: Map<string, string>) => [...m.keys()].filter((k) => !/^data\/neuron\/\d+\.json$/.test(k));
    expect(perNeuron(a1)).toEqual([0, 1, 2, 3, 4, 5].map((j) => `data/neuron/${j}.json`));
    expect(perNeuron(b)).toEqual([0, 1, 2, 3, 4].map((j) => `data/neuron/${j}.json`));
    expect(shared(b)).toEqual(shared(a1));
    expect([...a2.keys()]).toEqual([...a1.keys()]);
    for (const [name, text] of a1) {
      if (b.has(name)) expect(b.get(name), `${name} must change with the weights`).not.toBe(text);
      expect(a2.get(name), `${name} must return to A's bytes`).toBe(text);
    }
    expect(JSON.parse(b.get("data/model.json")!).fingerprint.H).toBe(5);
    expect(JSON.parse(a2.get("data/model.json")!).fingerprint.H).toBe(6);
  }, 900_000);

  it("leaves the previous site untouched on bad input", () => {
    const before = files(DIST).map((f) => [f, readFileSync(join(DIST, f)).length]);
    const bad = join(tmp, "bad.bin");
    writeFileSync(bad, new Uint8Array(1000));
    // a corpus is given so that the model is what fails, whatever data/sat-rnn holds (a fresh clone has none)
    const r = build(["--model", bad, "--corpus", join(PROJECT_ROOT, "data/demo/demo_corpus.txt")]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/bad\.bin: 1000 bytes is not a raw sat-rnn model/);
    expect(files(DIST).map((f) => [f, readFileSync(join(DIST, f)).length])).toEqual(before);
    expect(readdirSync(PROJECT_ROOT).filter((f) => f.startsWith("dist.tmp"))).toEqual([]);
  }, 120_000);
});

describe.skipIf(!HAVE_CHROMIUM)("every page in Chromium", () => {
  let browser: Awaited<ReturnType<typeof launch>>;
  beforeAll(async () => {
    browser = await launch();
  }, 60_000);
  afterAll(async () => browser?.close());

  // under a sub-path only: a page that works there works at the root (every URL in the site is
  // relative), and one that names a root-absolute path fails there
  for (const prefix of ["/report/"]) {
    it(`loads every page under ${prefix} without errors or outside requests`, async () => {
      const { server, base } = await serveDist(DIST, prefix);
      const report: string[] = [];
      try {
        const list = pages();
        expect(list).toContain("");
        for (const p of list) {
          const { page, problems, loadMs } = await visit(browser, base + p);
          report.push(`${prefix}${p} ${loadMs} ms`);
          expect(problems, `${prefix}${p}`).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
          // Framework shows loader/cell errors inline rather than on the console.
          expect(await page.locator(".observablehq--error").count(), `${prefix}${p} has a cell error`).toBe(0);
          await page.close();
        }
      } finally {
        server.close();
        console.log(report.join("\n"));
      }
    }, 600_000);
  }
});
