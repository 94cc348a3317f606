import { loadRun, resolveInputs } from "../../lib/io.ts";
import { runBench } from "../../test/bench/harness.ts";
import { INPUT_OPTIONS, inputOptions } from "../args.ts";
import type { Command } from "../command.ts";

const command: Command = {
  summary: "time every analysis stage (median of several runs) against the reference tools' times",
  usage: "sat-rnn bench [--model M] [--corpus C] [--only NAME]",
  options: { ...INPUT_OPTIONS, only: { type: "string", placeholder: "NAME", description: "only bench files whose name contains NAME (e.g. q1)" } },
  async run({ values }) {
    const run = loadRun(resolveInputs(inputOptions(values)));
    process.stdout.write(`inputs: ${run.fingerprint.modelFile} (H=${run.fingerprint.H}), ${run.fingerprint.corpusBytes} bytes\n`);
    await runBench(run, values.only as string | undefined);
    return 0;
  },
};
export default command;
