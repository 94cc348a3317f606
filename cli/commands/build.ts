import { join, resolve } from "node:path";
import { PROJECT_ROOT, resolveInputs } from "../../lib/io.ts";
import { INPUT_OPTIONS, inputOptions } from "../args.ts";
import type { Command } from "../command.ts";
import { buildSite } from "../site.ts";

const command: Command = {
  summary: "build the static report into dist/ from the given (or default) model and corpus",
  usage: "sat-rnn build [--model M] [--corpus C] [--bytes N] [--out DIR]",
  options: { ...INPUT_OPTIONS, out: { type: "string", placeholder: "DIR", description: "output folder (default: dist)" } },
  run({ values }) {
    const out = values.out ? resolve(values.out as string) : join(PROJECT_ROOT, "dist");
    return buildSite(resolveInputs(inputOptions(values)), out, values.out ? "--out" : "output folder");
  },
};
export default command;
