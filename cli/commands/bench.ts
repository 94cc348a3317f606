import { loadRun, resolveInputs } from "../../lib/io.ts";
import { InputError } from "../../lib/model.ts";
import { runBench } from "../../test/bench/harness.ts";
import { runScaleBench } from "../../test/bench/scale.ts";
import { INPUT_OPTIONS, inputOptions } from "../args.ts";
import type { Command } from "../command.ts";

const list = (v: unknown, name: string): number[] | undefined => {
  if (typeof v !== "string") return undefined;
  // whole numbers, K = 1024
  const xs = v.split(",").map((s) => {
    const m = /^(\d+)([kK]?)$/.exec(s.trim());
    return m ? Number(m[1]) * (m[2] ? 1024 : 1) : NaN;
  });
  if (xs.some((x) => !Number.isInteger(x) || x < 2)) throw new InputError(`--${name} ${v}: expected whole numbers ≥ 2, comma-separated (e.g. 1K,8K)`);
  return xs;
};

const command: Command = {
  summary: "time every analysis stage (median of several runs) against the reference tools' times; --scale: analyze's growth with H and bytes",
  usage: "sat-rnn bench [--model M] [--corpus C] [--only NAME] | sat-rnn bench --scale [--hs 32,128,512] [--sizes 1K,8K,64K] [--budget S]",
  options: {
    ...INPUT_OPTIONS,
    only: { type: "string", placeholder: "NAME", description: "only bench files whose name contains NAME (e.g. q1)" },
    scale: { type: "boolean", description: "time `sat-rnn analyze` on random models at H × bytes and print each stage's growth exponent" },
    hs: { type: "string", placeholder: "LIST", description: "with --scale: hidden sizes (default 32,128,512)" },
    sizes: { type: "string", placeholder: "LIST", description: "with --scale: analysis windows in bytes (default 1K,8K,64K)" },
    budget: { type: "string", placeholder: "S", description: "with --scale: seconds one analyze run may take (default 900); larger windows of that H are then skipped" },
  },
  async run({ values }) {
    if (values.scale) {
      const budget = values.budget === undefined ? undefined : Number(values.budget);
      if (budget !== undefined && !(budget > 0)) throw new InputError(`--budget ${values.budget}: expected a number of seconds > 0`);
      await runScaleBench({ hs: list(values.hs, "hs"), bytes: list(values.sizes, "sizes"), budget });
      return 0;
    }
    const run = loadRun(resolveInputs(inputOptions(values)));
    process.stdout.write(`inputs: ${run.fingerprint.modelFile} (H=${run.fingerprint.H}), ${run.fingerprint.corpusBytes} bytes\n`);
    await runBench(run, values.only as string | undefined);
    return 0;
  },
};
export default command;
