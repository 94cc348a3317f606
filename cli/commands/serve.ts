import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../../lib/io.ts";
import { InputError } from "../../lib/model.ts";
import type { Command } from "../command.ts";
import { serveDist } from "../static-server.ts";

const command: Command = {
  summary: "serve the built report (dist/) on 127.0.0.1, as a static host would",
  usage: "sat-rnn serve [--dir DIR] [--port P] [--base /sub/path/]",
  options: {
    dir: { type: "string", placeholder: "DIR", description: "the built site (default: dist)" },
    port: { type: "string", placeholder: "P", description: "port (default 3000)" },
    base: { type: "string", placeholder: "PATH", description: "serve under a sub-path, e.g. /report/ (default /)" },
  },
  async run({ values }) {
    const dir = values.dir ? resolve(values.dir as string) : join(PROJECT_ROOT, "dist");
    if (!existsSync(join(dir, "index.html"))) throw new InputError(`${dir}: no built site here; run \`npm run build\` first`);
    let base = (values.base as string | undefined) ?? "/";
    if (!base.startsWith("/")) base = `/${base}`;
    if (!base.endsWith("/")) base += "/";
    const { base: url } = await serveDist(dir, base, Number(values.port ?? 3000));
    process.stdout.write(`Serving ${dir} at ${url} (Ctrl-C to stop)\n`);
    await new Promise(() => {}); // until interrupted
    return 0;
  },
};
export default command;
