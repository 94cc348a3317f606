import { resolve } from "node:path";
import { CORPUS_SHA256, ENWIK8_URL, fetchSatRnn, MODEL_SHA256, MODEL_URL } from "../../lib/fetch.ts";
import { PROJECT_ROOT, SAT_RNN_DIR } from "../../lib/io.ts";
import { InputError } from "../../lib/model.ts";
import type { Command } from "../command.ts";

function num(v: unknown, name: string, def: number, min: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new InputError(`--${name} ${v}: expected a number ≥ ${min}`);
  return n;
}

function hash(v: unknown, name: string, def: string): string {
  if (v === undefined) return def;
  const s = String(v).toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(s)) throw new InputError(`--${name} ${v}: expected 64 hex digits`);
  return s;
}

const command: Command = {
  summary: "download the published sat-rnn weights and the first 1024 bytes of enwik8 into data/sat-rnn/ (sha256-verified)",
  usage: "sat-rnn fetch [--model-url U] [--enwik-url U] [--dir D] [--timeout S] [--retries N] [--no-verify]",
  options: {
    "model-url": { type: "string", placeholder: "U", description: `model URL (default ${MODEL_URL})` },
    "enwik-url": { type: "string", placeholder: "U", description: `enwik8 URL, a zip or the raw file (default ${ENWIK8_URL})` },
    dir: { type: "string", placeholder: "D", description: `folder to write sat_model.bin and enwik_1024.txt into (default ${SAT_RNN_DIR}/ of the project)` },
    timeout: { type: "string", placeholder: "S", description: "give up on an attempt after S seconds without data (default 30)" },
    retries: { type: "string", placeholder: "N", description: "retries after a network error, timeout or HTTP 5xx (default 3)" },
    "model-sha256": { type: "string", placeholder: "HEX", description: "expected sha256 of the model (default: the published sat-rnn's)" },
    "corpus-sha256": { type: "string", placeholder: "HEX", description: "expected sha256 of the first 1024 bytes of enwik8 (default: the spec's)" },
    "no-verify": { type: "boolean", description: "skip the sha256 checks (for other sources)" },
    force: { type: "boolean", description: "download even when verified files are already present" },
  },
  async run({ values }) {
    const noVerify = Boolean(values["no-verify"]);
    const res = await fetchSatRnn({
      dir: values.dir ? resolve(String(values.dir)) : resolve(PROJECT_ROOT, SAT_RNN_DIR),
      modelUrl: values["model-url"] as string | undefined,
      enwikUrl: values["enwik-url"] as string | undefined,
      modelSha256: noVerify ? null : hash(values["model-sha256"], "model-sha256", MODEL_SHA256),
      corpusSha256: noVerify ? null : hash(values["corpus-sha256"], "corpus-sha256", CORPUS_SHA256),
      timeoutMs: num(values.timeout, "timeout", 30, 0.001) * 1000,
      retries: Math.floor(num(values.retries, "retries", 3, 0)),
      retryDelayMs: Number(process.env.SAT_RNN_RETRY_DELAY_MS ?? 1000),
      force: Boolean(values.force),
      log: (line) => process.stderr.write(line + "\n"),
    });
    process.stdout.write(`${res.modelPath}\n${res.corpusPath}\n`);
    return 0;
  },
};
export default command;
