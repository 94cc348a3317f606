import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { PROJECT_ROOT, resolveInputs } from "../../lib/io.ts";
import { InputError } from "../../lib/model.ts";
import { INPUT_OPTIONS, inputOptions } from "../args.ts";
import type { Command } from "../command.ts";
import { buildSite } from "../site.ts";
import { serveDist } from "../static-server.ts";

/** `--port P`: a whole number 0–65535 (0: any free port). */
export function parsePort(v: unknown): number {
  if (v === undefined) return 3000;
  const n = Number(v);
  if (typeof v !== "string" || !/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n > 65535) throw new InputError(`--port ${v}: expected a whole number from 0 to 65535`);
  return n;
}

/** `--base PATH` as a sub-path with a slash at both ends. */
export function parseBase(v: unknown): string {
  let base = (v as string | undefined) ?? "/";
  if (/[?#\s%\\]/.test(base)) throw new InputError(`--base ${base}: expected a plain sub-path such as /report/`);
  if (!base.startsWith("/")) base = `/${base}`;
  if (!base.endsWith("/")) base += "/";
  return base;
}

const command: Command = {
  summary: "serve the built report (dist/) on 127.0.0.1, as a static host would (with --build: build it first)",
  usage: "sat-rnn serve [--dir DIR] [--port P] [--base /sub/path/] [--build [--model M] [--corpus C] [--bytes N]]",
  options: {
    dir: { type: "string", placeholder: "DIR", description: "the built site (default: dist)" },
    port: { type: "string", placeholder: "P", description: "port (default 3000; 0 for any free port)" },
    base: { type: "string", placeholder: "PATH", description: "serve under a sub-path, e.g. /report/ (default /)" },
    build: { type: "boolean", description: "build the site into DIR first (the port is taken before the build, so a busy port fails at once)" },
    ...INPUT_OPTIONS,
  },
  async run({ values }) {
    const dir = values.dir ? resolve(values.dir as string) : join(PROJECT_ROOT, "dist");
    const port = parsePort(values.port);
    const base = parseBase(values.base);
    if (!values.build && (values.model || values.corpus || values.bytes)) throw new InputError("--model, --corpus and --bytes go with --build (serve only serves what is built)");
    if (!values.build && !existsSync(join(dir, "index.html"))) throw new InputError(`${dir}: no built site here; run \`npm run build\` first`);
    let server;
    let url: string;
    try {
      ({ server, base: url } = await serveDist(dir, base, port));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE") throw new InputError(`--port ${port}: 127.0.0.1:${port} is already in use (another server?); choose another port with --port P`);
      if (code === "EACCES") throw new InputError(`--port ${port}: permission denied (ports below 1024 need privileges); choose another port with --port P`);
      throw new InputError(`--port ${port}: cannot listen on 127.0.0.1:${port} (${code ?? (e as Error).message})`);
    }
    if (values.build) {
      let code = 1;
      try {
        code = await buildSite(resolveInputs(inputOptions(values)), dir, values.dir ? "--dir" : "output folder");
      } finally {
        if (code !== 0) server.close(); // a bad input or a failed build: nothing to serve, exit
      }
      if (code !== 0) return code;
    }
    process.stdout.write(`Serving ${dir} at ${url} (Ctrl-C to stop)\n`);
    await new Promise(() => {}); // until interrupted
    return 0;
  },
};
export default command;
