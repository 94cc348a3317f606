/**
 * Argument parsing shared by every command: `--name value`, `--name=value`, boolean flags, and
 * positionals. Unknown options are errors, so a typo never silently falls back to a default.
 */
import { InputError } from "../lib/model.ts";

export interface OptionSpec {
  /** Takes a value (string) or is a flag (boolean). */
  type: "string" | "boolean";
  description: string;
  placeholder?: string;
}

export type Options = Record<string, OptionSpec>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** The input options most commands share. */
export const INPUT_OPTIONS: Options = {
  model: { type: "string", placeholder: "M", description: "model file: raw float32 layout or safetensors (default: $SAT_RNN_MODEL, data/sat-rnn/sat_model.bin, else the demo model)" },
  corpus: { type: "string", placeholder: "C", description: "corpus file, any bytes (default: $SAT_RNN_CORPUS, data/sat-rnn/enwik_1024.txt, else the demo corpus)" },
  bytes: { type: "string", placeholder: "N", description: "analyse the first N bytes of the corpus (default: $SAT_RNN_BYTES or 1024)" },
};

export const HELP_OPTION: Options = { help: { type: "boolean", description: "show this help" } };

export function parseArgs(argv: string[], options: Options): Parsed {
  const all = { ...options, ...HELP_OPTION };
  const values: Parsed["values"] = {};
  const positionals: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === "-h") {
      values.help = true;
      continue;
    }
    if (!a.startsWith("--")) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const spec = all[name];
    if (!spec) throw new InputError(`unknown option --${name} (see --help)`);
    if (spec.type === "boolean") {
      values[name] = true;
    } else {
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++k];
      if (v === undefined) throw new InputError(`--${name} needs a value`);
      values[name] = v;
    }
  }
  return { values, positionals };
}

export function formatHelp(usage: string, summary: string, options: Options): string {
  const all = { ...options, ...HELP_OPTION };
  const rows = Object.entries(all).map(([n, s]) => [`--${n}${s.type === "string" ? ` ${s.placeholder ?? "VALUE"}` : ""}`, s.description]);
  const w = Math.max(...rows.map((r) => r[0].length));
  return `Usage: ${usage}\n\n${summary}\n\nOptions:\n${rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`).join("\n")}\n`;
}

/** The input options as the resolver takes them. */
export function inputOptions(values: Parsed["values"]): { model?: string; corpus?: string; bytes?: string } {
  return { model: values.model as string | undefined, corpus: values.corpus as string | undefined, bytes: values.bytes as string | undefined };
}
