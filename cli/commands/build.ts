import { join, resolve } from "node:path";
import { PROJECT_ROOT, resolveInputs } from "../../lib/io.ts";
import { INPUT_OPTIONS, inputOptions } from "../args.ts";
import type { Command } from "../command.ts";
import { checkPopulationOptions, POPULATION_OPTIONS } from "./compare.ts";
import { buildSite } from "../site.ts";

const command: Command = {
  summary: "build the static report into dist/ from the given (or default) model and corpus",
  usage: "sat-rnn build [--model M] [--corpus C] [--bytes N] [--out DIR] [--population P] [--compare OTHER]",
  options: { ...INPUT_OPTIONS, out: { type: "string", placeholder: "DIR", description: "output folder (default: dist)" }, ...POPULATION_OPTIONS },
  run({ values }) {
    // --population / --compare reach the loaders as SAT_RNN_POPULATION / SAT_RNN_COMPARE (checked first)
    checkPopulationOptions(values);
    for (const [flag, name] of [["population", "SAT_RNN_POPULATION"], ["compare", "SAT_RNN_COMPARE"]]) {
      const v = typeof values[flag] === "string" ? (values[flag] as string) : process.env[name];
      if (v) process.env[name] = resolve(v);
    }
    const out = values.out ? resolve(values.out as string) : join(PROJECT_ROOT, "dist");
    return buildSite(resolveInputs(inputOptions(values)), out, values.out ? "--out" : "output folder");
  },
};
export default command;
