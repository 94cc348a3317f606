/**
 * `sat-rnn analyze --out DIR`: the report without the site, for scripts. Writes every chapter's
 * JSON (exactly what the site's data loaders emit: data-loaders/<name>.ts through buildChapter +
 * toJson), the claims ledger (claims.json) and the tables as Arrow + CSV (tables/, as the site's
 * data/tables archive), then prints a short text summary.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { seedShared, sharedJson, toJson } from "../../data-loaders/common.ts";
import { giveRankOne, HELPER_OUTPUTS, startHelper } from "../../data-loaders/reportHelper.ts";
import { CHAPTER_IDS, type Chapters, ledgerFrom } from "../../data-loaders/claims.ts";
import { JSON_BUILDERS, stageParts, whileHelperWorks } from "../../data-loaders/report.ts";
import { type ChapterData, tableFiles } from "../../data-loaders/tables.ts";
import { openQuestionsJson } from "../../data-loaders/openQuestions.ts";
import { loadRun, PROJECT_ROOT, resolveInputs, type Run } from "../../lib/io.ts";
import { InputError } from "../../lib/model.ts";
import type { LedgerRow } from "../../lib/claims/engine.ts";
import { checkOutputDir } from "../../lib/train/output.ts";
import { INPUT_OPTIONS, inputOptions } from "../args.ts";
import type { Command } from "../command.ts";
import { Progress } from "../progress.ts";
import { checkPopulationOptions, POPULATION_OPTIONS, populationOutputs } from "./compare.ts";


/**
 * The builders analyze runs: data-loaders/<name>.ts for every JSON data file of the site
 * (data-loaders/report.ts JSON_BUILDERS); claims.ts runs last, from the others' results.
 */
export function loaderNames(): string[] {
  return Object.keys(JSON_BUILDERS)
    .filter((n) => n !== "claims")
    .sort();
}

export interface AnalyzeResult {
  files: { name: string; path: string; bytes: number; seconds: number; error?: string }[];
  summary: string;
  claims: ReturnType<typeof ledgerFrom>;
  /** The chapter outputs the ledger judged (for the population and compare outputs). */
  chapters: Partial<Chapters>;
  errors: Record<string, string>;
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
  for (const f of files) lines.push(`  ${(f.name.endsWith("/") ? f.name : f.name + ".json").padEnd(14)} ${f.error ? `FAILED: ${f.error}` : `${(f.bytes / 1024).toFixed(1).padStart(8)} KiB  ${f.seconds.toFixed(1).padStart(5)} s`}`);
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

/**
 * DIR/tables/: the site's data/tables archive unpacked (every table as <name>.arrow and <name>.csv,
 * schema.json), from the chapters as analyze computed them. The chapters' JSON are DIR/<name>.json.
 */
function writeTables(run: Run, chapters: ChapterData, dir: string, files: AnalyzeResult["files"]) {
  const t0 = performance.now();
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (const [name, body] of tableFiles(run, chapters)) {
    writeFileSync(join(dir, name), body);
    bytes += typeof body === "string" ? Buffer.byteLength(body) : body.length;
  }
  files.push({ name: "tables/", path: dir, bytes, seconds: (performance.now() - t0) / 1000 });
}

/** Runs every builder on `run` and writes DIR/<name>.json and DIR/claims.json. */
export async function analyze(run: Run, outDir: string): Promise<AnalyzeResult> {
  mkdirSync(outDir, { recursive: true });
  const files: AnalyzeResult["files"] = [];
  const chapters: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  // the heaviest outputs on the second core (data-loaders/reportHelper.ts), taken last
  const helper = startHelper(run);
  const delegated = helper ? Object.keys(HELPER_OUTPUTS) : [];
  const names = [...loaderNames().filter((n) => !delegated.includes(n)), ...loaderNames().filter((n) => delegated.includes(n))];
  // progress on stderr for long runs (about the sat-rnn's size and up); small inputs stay silent
  const big = run.trace.T * run.model.H * run.model.H >= 4e6;
  const progress = new Progress("sat-rnn analyze", [...(helper ? ["knockouts"] : []), ...names, "open-questions", "claims"], undefined, 1, big ? 0 : 3);
  // the knockout pass (open questions here, Q3 and Q5 there) first, for both threads
  if (helper) {
    progress.start("knockouts");
    const t1 = performance.now();
    giveRankOne(run, helper);
    progress.done("knockouts", (performance.now() - t1) / 1000);
  }
  let oq: { text: string; seconds: number } | { error: string; seconds: number } | null = null;
  const openQuestions = () => {
    // the Open questions page's data (issue 15), reusing Q6 and Q7; computed while the helper works
    progress.start("open-questions");
    const t1 = performance.now();
    try {
      oq = { text: openQuestionsJson(run, stageParts(progress, "open-questions")), seconds: (performance.now() - t1) / 1000 };
    } catch (e) {
      oq = { error: (e as Error).message, seconds: (performance.now() - t1) / 1000 };
    }
    progress.done("open-questions", oq.seconds, !("error" in oq));
  };
  for (const name of names) {
    if (name === delegated[0]) {
      openQuestions();
      whileHelperWorks(run, delegated);
    }
    const builder = JSON_BUILDERS[name];
    const path = join(outDir, `${name}.json`);
    progress.start(name);
    const t0 = performance.now();
    try {
      const given = delegated.includes(name) ? helper!.take(name) : null;
      if (given !== null) seedShared(name, run, given);
      const text = sharedJson(name, builder, run); // memoised: the ledger, tables and open questions reuse it
      writeFileSync(path, text);
      files.push({ name, path, bytes: Buffer.byteLength(text), seconds: (performance.now() - t0) / 1000 });
      // the ledger judges the chapter as its file holds it (as the site's claims loader does)
      if ((CHAPTER_IDS as string[]).includes(name)) chapters[name] = JSON.parse(text).data;
    } catch (e) {
      errors[name] = (e as Error).message;
      files.push({ name, path, bytes: 0, seconds: (performance.now() - t0) / 1000, error: (e as Error).message });
    }
    progress.done(name, files[files.length - 1].seconds, !files[files.length - 1].error);
  }
  for (const name of delegated.filter((n) => !(n in JSON_BUILDERS))) {
    const given = helper!.take(name); // the ledger's own inputs (q7all)
    if (given !== null) seedShared(name, run, given);
  }
  helper?.close();
  progress.start("claims");
  const t0 = performance.now();
  const claims = ledgerFrom(run, chapters as Chapters, errors);
  const text = toJson({ fingerprint: run.fingerprint, data: claims });
  const path = join(outDir, "claims.json");
  writeFileSync(path, text);
  files.push({ name: "claims", path, bytes: Buffer.byteLength(text), seconds: (performance.now() - t0) / 1000 });
  progress.done("claims", files[files.length - 1].seconds);
  writeTables(run, { ...chapters, claims } as ChapterData, join(outDir, "tables"), files);
  if (!oq) openQuestions();
  const done = oq as unknown as { text?: string; error?: string; seconds: number };
  const oqPath = join(outDir, "open-questions.json");
  if (done.text !== undefined) writeFileSync(oqPath, done.text);
  files.push({ name: "open-questions", path: oqPath, bytes: done.text ? Buffer.byteLength(done.text) : 0, seconds: done.seconds, ...(done.error ? { error: done.error } : {}) });
  return { files, claims, chapters, errors, summary: summaryText(run, files, claims, outDir) };
}

const command: Command = {
  summary: "write every chapter's results and the claims ledger as JSON (the report without the site), with a text summary",
  usage: "sat-rnn analyze --out DIR [--model M] [--corpus C] [--bytes N] [--population P] [--compare OTHER]",
  options: {
    ...INPUT_OPTIONS,
    out: { type: "string", placeholder: "DIR", description: "folder to write <chapter>.json and claims.json into (created if needed)" },
    ...POPULATION_OPTIONS,
  },
  async run({ values }) {
    if (typeof values.out !== "string" || !values.out) throw new InputError("--out DIR is required: the folder to write the JSON into");
    checkOutputDir(values.out, "output"); // before any work: a file in the way, a read-only or /proc location
    const run = loadRun(resolveInputs(inputOptions(values)));
    const extra = checkPopulationOptions(values); // bad --population / --compare fail before the analysis
    const res = await analyze(run, resolve(values.out));
    process.stdout.write(res.summary);
    const failed = res.files.some((f) => f.error);
    if (extra) process.stdout.write(populationOutputs(extra, run, res.chapters, res.errors, resolve(values.out)));
    return failed ? 1 : 0;
  },
};
export default command;
