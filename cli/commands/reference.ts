import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadRun, PROJECT_ROOT, resolveInputs } from "../../lib/io.ts";
import { InputError } from "../../lib/model.ts";
import { INPUT_OPTIONS, inputOptions } from "../args.ts";
import type { Command } from "../command.ts";

/** Each reference tool's printout is lib/printouts/<tool>.ts, default-exporting (run) => string. */
const PRINTOUTS = join(PROJECT_ROOT, "lib/printouts");

export function referenceTools(): string[] {
  return readdirSync(PRINTOUTS)
    .filter((f) => /^q\d.*\.ts$/.test(f))
    .map((f) => f.slice(0, -3))
    .sort();
}

const command: Command = {
  summary: "print a reference tool's report (same lines and numbers), to diff against the published tools",
  usage: "sat-rnn reference <tool> [--model M] [--corpus C] [--bytes N]",
  options: INPUT_OPTIONS,
  async run({ values, positionals }) {
    const tools = referenceTools();
    const tool = positionals[0];
    if (!tool || !tools.includes(tool)) {
      throw new InputError(`${tool ? `unknown tool "${tool}"` : "name a tool"}; one of: ${tools.join(", ")}`);
    }
    const print = (await import(`../../lib/printouts/${tool}.ts`)).default as (run: ReturnType<typeof loadRun>) => string;
    process.stdout.write(print(loadRun(resolveInputs(inputOptions(values)))));
    return 0;
  },
};
export default command;
