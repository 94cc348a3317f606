/**
 * `sat-rnn analyze --out DIR`: the report without the site, for scripts. Writes every chapter's
 * JSON (exactly what the site's data loaders emit: data-loaders/<name>.ts through buildChapter +
 * toJson) and the claims ledger (claims.json), then prints a short text summary.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildChapter, type ChapterBuilder, toJson } from "../../data-loaders/common.ts";
import { CHAPTER_IDS, type Chapters, ledgerFrom } from "../../data-loaders/claims.ts";
import { loadRun, resolveInputs, type Run } from "../../lib/io.ts";
import { InputError } from "../../lib/model.ts";
import type { LedgerRow } from "../../lib/claims/engine.ts";
import { INPUT_OPTIONS, inputOptions } from "../args.ts";
import type { Command } from "../command.ts";

const LOADERS = join(dirname(fileURLToPath(import.meta.url)), "../../data-loaders");
const SITE_DATA = join(dirname(fileURLToPath(import.meta.url)), "../../src/data");

/**
 * The builders analyze runs: data-loaders/<name>.ts except common.ts, for every JSON data file of
 * the site (src/data/<name>.json.ts); claims.ts runs last, from the others' results.
 */
export function loaderNames(): string[] {
  return readdirSync(LOADERS)
    .filter((f) => f.endsWith(".ts") && f !== "common.ts" && f !== "claims.ts")
    .map((f) => f.slice(0, -3))
    .filter((n) => existsSync(join(SITE_DATA, `${n}.json.ts`)))
    .sort();
}

export interface AnalyzeResult {
  files: { name: string; path: string; bytes: number; seconds: number; error?: string }[];
  summary: string;
  claims: ReturnType<typeof ledgerFrom>;
}

const LABEL: Record<string, string> = { holds: "holds", differs: "differs", construction: "by constr", unreproducible: "unreach.", na: "n/a" };

function summaryText(run: Run, files: AnalyzeResult["files"], claims: ReturnType<typeof ledgerFrom>, outDir: string): string {
  const fp = run.fingerprint;
  const lines: string[] = [];
  lines.push(`model   ${fp.modelFile}  (H = ${fp.H}, ${fp.parameters.toLocaleString("en-US")} parameters)`);
  lines.push(`corpus  ${fp.corpusFile}  (${fp.corpusBytes} bytes, ${fp.predictions} predictions)`);
  lines.push(`bpc     ${fp.bpc.toFixed(4)} (float32)`);
  lines.push("");
  lines.push(`wrote ${files.length} files to ${outDir}:`);
  for (const f of files) lines.push(`  ${(f.name + ".json").padEnd(14)} ${f.error ? `FAILED: ${f.error}` : `${(f.bytes / 1024).toFixed(1).padStart(8)} KiB  ${f.seconds.toFixed(1).padStart(5)} s`}`);
  const c = claims.counts;
  lines.push("");
  lines.push(`claims ledger: ${claims.rows.length} claims — ${c.holds} hold, ${c.differs} differ; ${c.construction} hold by construction, ${c.unreproducible} not reproducible, ${c.na} not computable`);
  for (const [ch, k] of Object.entries(claims.byChapter)) lines.push(`  ${ch.padEnd(6)} ${String(k.holds).padStart(3)} hold  ${String(k.differs).padStart(3)} differ  ${String(k.construction + k.unreproducible).padStart(3)} fixed  ${String(k.na).padStart(3)} n/a`);
  lines.push("");
  lines.push("overview (synthesis §1):");
  for (const r of claims.rows.filter((r: LedgerRow) => r.section === "overview" || r.id === "bpc")) {
    lines.push(`  ${LABEL[r.verdict].padEnd(8)} ${r.claim} — paper ${r.paper}; measured ${r.measured}`);
  }
  return lines.join("\n") + "\n";
}

/** Runs every builder on `run` and writes DIR/<name>.json and DIR/claims.json. */
export async function analyze(run: Run, outDir: string): Promise<AnalyzeResult> {
  mkdirSync(outDir, { recursive: true });
  const files: AnalyzeResult["files"] = [];
  const chapters: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const name of loaderNames()) {
    const builder = (await import(join(LOADERS, `${name}.ts`))).default as ChapterBuilder;
    if (typeof builder !== "function") continue;
    const path = join(outDir, `${name}.json`);
    const t0 = performance.now();
    try {
      const out = buildChapter(builder, run);
      const text = toJson(out);
      writeFileSync(path, text);
      files.push({ name, path, bytes: Buffer.byteLength(text), seconds: (performance.now() - t0) / 1000 });
      // the ledger judges the chapter as its file holds it (as the site's claims loader does)
      if ((CHAPTER_IDS as string[]).includes(name)) chapters[name] = JSON.parse(text).data;
    } catch (e) {
      errors[name] = (e as Error).message;
      files.push({ name, path, bytes: 0, seconds: (performance.now() - t0) / 1000, error: (e as Error).message });
    }
  }
  const t0 = performance.now();
  const claims = ledgerFrom(run, chapters as Chapters, errors);
  const text = toJson({ fingerprint: run.fingerprint, data: claims });
  const path = join(outDir, "claims.json");
  writeFileSync(path, text);
  files.push({ name: "claims", path, bytes: Buffer.byteLength(text), seconds: (performance.now() - t0) / 1000 });
  return { files, claims, summary: summaryText(run, files, claims, outDir) };
}

const command: Command = {
  summary: "write every chapter's results and the claims ledger as JSON (the report without the site), with a text summary",
  usage: "sat-rnn analyze --out DIR [--model M] [--corpus C] [--bytes N]",
  options: { ...INPUT_OPTIONS, out: { type: "string", placeholder: "DIR", description: "folder to write <chapter>.json and claims.json into (created if needed)" } },
  async run({ values }) {
    if (typeof values.out !== "string" || !values.out) throw new InputError("--out DIR is required: the folder to write the JSON into");
    const run = loadRun(resolveInputs(inputOptions(values)));
    const res = await analyze(run, resolve(values.out));
    process.stdout.write(res.summary);
    return res.files.some((f) => f.error) ? 1 : 0;
  },
};
export default command;
