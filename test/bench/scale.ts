/**
 * `npm run bench -- --scale`: how `sat-rnn analyze` grows with the hidden size H and the analysis
 * window (bytes). For each H ∈ {32, 128, 512} × bytes ∈ {1 K, 8 K, 64 K} it runs analyze in a
 * subprocess (its own memory and a time budget) on a random model of that size and a synthetic
 * text corpus, reads each stage's seconds from analyze's summary, and prints the table and each
 * stage's growth exponent k in t ∝ n^k (least squares on log t over the sizes that finished).
 *
 * The models are random (fixed seed, weights uniform in ±0.5/√H·2 so the pre-activations stay
 * of order one, like a trained model's); the corpus is an order-3 byte Markov chain fitted to the
 * demo and sat-rnn corpora, so it has text-like statistics at any length.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/io.ts";
import { type Model, serializeRawModel, VOCAB } from "../../lib/model.ts";

export interface ScaleOptions {
  hs?: number[];
  bytes?: number[];
  /** Seconds one analyze run may take before it is stopped (and larger cells of its row skipped). */
  budget?: number;
  log?: (s: string) => void;
}

/** xorshift32 in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

export function scaleModel(H: number, seed = 7): Model {
  const r = rng(seed * 7919 + H);
  const u = (scale: number) => Math.fround((r() * 2 - 1) * scale);
  const fill = (n: number, scale: number) => Float32Array.from({ length: n }, () => u(scale));
  const s = 2 / Math.sqrt(H);
  return { H, Wx: fill(H * VOCAB, 1), Wh: fill(H * H, s), bh: fill(H, 0.5), Wy: fill(VOCAB * H, s * 2), by: fill(VOCAB, 0.5) };
}

/** n bytes of an order-3 Markov chain fitted to the corpora in the project (deterministic). */
export function scaleCorpus(n: number, seed = 11): Uint8Array {
  const sources = ["data/demo/demo_corpus.txt", "data/sat-rnn/enwik_1024.txt"].map((f) => join(PROJECT_ROOT, f)).filter(existsSync);
  const text = Buffer.concat(sources.map((f) => readFileSync(f)));
  const next = new Map<string, number[]>();
  for (let k = 3; k < text.length; k++) {
    const key = text.toString("latin1", k - 3, k);
    let list = next.get(key);
    if (!list) next.set(key, (list = []));
    list.push(text[k]);
  }
  const r = rng(seed);
  const out = new Uint8Array(n);
  let pos = 0;
  for (let k = 0; k < n; k++) {
    const key = k >= 3 ? String.fromCharCode(out[k - 3], out[k - 2], out[k - 1]) : "";
    const list = k >= 3 ? next.get(key) : undefined;
    if (list && list.length) out[k] = list[Math.floor(r() * list.length)];
    else out[k] = text[(pos = (pos + 1 + Math.floor(r() * 7)) % text.length)]; // restart somewhere in the text
  }
  return out;
}

interface Cell {
  H: number;
  bytes: number;
  /** stage → seconds; "total" is the wall time of the analyze run. */
  seconds: Record<string, number>;
  status: "ok" | "failed" | "timeout" | "skipped";
  note?: string;
}

function runAnalyze(args: string[], budget: number): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number; timedOut: boolean }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), "analyze", ...args], { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, budget * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000, timedOut });
    });
  });
}

/** Per-stage seconds from analyze's summary lines `  q1.json   12.3 KiB   4.5 s`. */
export function stageSeconds(summary: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of summary.matchAll(/^\s+(\S+)\.json\s+[\d.]+ KiB\s+([\d.]+) s$/gm)) out[m[1]] = Number(m[2]);
  return out;
}

/** Least-squares slope of log t against log n (points with t > 0.05 s only: below that, noise). */
export function growthExponent(points: { n: number; t: number }[]): number | null {
  const p = points.filter((q) => q.t > 0.05);
  if (p.length < 2) return null;
  const xs = p.map((q) => Math.log(q.n));
  const ys = p.map((q) => Math.log(q.t));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let k = 0; k < xs.length; k++) {
    num += (xs[k] - mx) * (ys[k] - my);
    den += (xs[k] - mx) ** 2;
  }
  return den ? num / den : null;
}

const fmtS = (c: Cell, stage: string) =>
  c.status === "ok" || (c.status === "failed" && c.seconds[stage] !== undefined) ? (c.seconds[stage] ?? NaN).toFixed(1) : c.status;

export async function runScaleBench(opts: ScaleOptions = {}): Promise<Cell[]> {
  const hs = opts.hs ?? [32, 128, 512];
  const sizes = opts.bytes ?? [1024, 8192, 65536];
  const budget = opts.budget ?? 900;
  const log = opts.log ?? ((s: string) => process.stdout.write(s));
  const dir = mkdtempSync(join(tmpdir(), "sat-rnn-scale-"));
  const cells: Cell[] = [];
  try {
    const corpus = join(dir, "corpus.txt");
    writeFileSync(corpus, scaleCorpus(Math.max(...sizes)));
    for (const H of hs) {
      const model = join(dir, `model-${H}.bin`);
      writeFileSync(model, serializeRawModel(scaleModel(H)));
      let blocked = "";
      for (const bytes of sizes) {
        const cell: Cell = { H, bytes, seconds: {}, status: "skipped" };
        cells.push(cell);
        if (blocked) {
          cell.note = blocked;
          log(`H=${H} bytes=${bytes}: skipped (${blocked})\n`);
          continue;
        }
        const out = join(dir, `out-${H}-${bytes}`);
        mkdirSync(out, { recursive: true });
        log(`H=${H} bytes=${bytes}: analyze …\n`);
        const r = await runAnalyze(["--model", model, "--corpus", corpus, "--bytes", String(bytes), "--out", out], budget);
        cell.seconds = { ...stageSeconds(r.stdout), total: r.seconds };
        if (r.timedOut) {
          cell.status = "timeout";
          blocked = `H=${H} bytes=${bytes} took over the ${budget} s budget`;
        } else if (r.code !== 0) {
          cell.status = "failed";
          cell.note = (r.stderr.trim().split("\n").pop() ?? "") || r.stdout.split("\n").find((l) => l.includes("FAILED")) || `exit ${r.code}`;
        } else cell.status = "ok";
        log(`H=${H} bytes=${bytes}: ${cell.status} in ${r.seconds.toFixed(1)} s${cell.note ? ` — ${cell.note}` : ""}\n`);
        const stages = Object.entries(cell.seconds).filter(([k]) => k !== "total");
        if (stages.length) log(`  ${stages.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}\n`);
        rmSync(out, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  log("\n" + scaleTable(cells, hs, sizes));
  return cells;
}

/** The table: one row per stage, one column per (H, bytes), then growth exponents in bytes (per H) and in H (per bytes). */
export function scaleTable(cells: Cell[], hs: number[], sizes: number[]): string {
  const stages = [...new Set(cells.flatMap((c) => Object.keys(c.seconds)))].sort((a, b) => (a === "total" ? 1 : b === "total" ? -1 : a.localeCompare(b)));
  const cell = (H: number, b: number) => cells.find((c) => c.H === H && c.bytes === b);
  const kb = (b: number) => (b >= 1024 ? `${b / 1024}K` : `${b}`);
  const cols = hs.flatMap((H) => sizes.map((b) => `H${H}/${kb(b)}`));
  const expCols = [...hs.map((H) => `k_bytes@H${H}`), ...sizes.map((b) => `k_H@${kb(b)}`)];
  const L: string[] = [];
  L.push(`${"stage (s)".padEnd(14)}${cols.map((c) => c.padStart(11)).join("")}${expCols.map((c) => c.padStart(13)).join("")}`);
  for (const st of stages) {
    const vals = hs.flatMap((H) => sizes.map((b) => {
      const c = cell(H, b);
      return c ? fmtS(c, st) : "";
    }));
    const okPts = (list: { n: number; c?: Cell }[]) =>
      list.filter((q) => q.c && q.c.status === "ok" && q.c.seconds[st] !== undefined).map((q) => ({ n: q.n, t: q.c!.seconds[st] }));
    const kBytes = hs.map((H) => growthExponent(okPts(sizes.map((b) => ({ n: b, c: cell(H, b) })))));
    const kH = sizes.map((b) => growthExponent(okPts(hs.map((H) => ({ n: H, c: cell(H, b) })))));
    const ks = [...kBytes, ...kH].map((k) => (k === null ? "–" : k.toFixed(2)));
    L.push(`${st.padEnd(14)}${vals.map((v) => v.padStart(11)).join("")}${ks.map((k) => k.padStart(13)).join("")}`);
  }
  const notes = cells.filter((c) => c.note).map((c) => `  H=${c.H} bytes=${c.bytes}: ${c.status}: ${c.note}`);
  if (notes.length) L.push("", ...notes);
  L.push("", "k = growth exponent (t ∝ n^k, least squares over the finished sizes with t > 0.05 s); total = wall time of the analyze process.");
  return L.join("\n") + "\n";
}
