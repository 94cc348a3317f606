import { loadRun, resolveInputs } from "../../lib/io.ts";
import { INPUT_OPTIONS, inputOptions } from "../args.ts";
import type { Command } from "../command.ts";
import { prepareCache, runFramework, siteEnv } from "../site.ts";

const command: Command = {
  summary: "preview the report with live reload (Framework's dev server)",
  usage: "sat-rnn dev [--model M] [--corpus C] [--bytes N] [--port P]",
  options: { ...INPUT_OPTIONS, port: { type: "string", placeholder: "P", description: "port (default 3000)" } },
  async run({ values }) {
    const inputs = resolveInputs(inputOptions(values));
    await prepareCache(loadRun(inputs));
    return runFramework(["preview", ...(values.port ? ["--port", String(values.port)] : [])], siteEnv(inputs));
  },
};
export default command;
