/**
 * `sat-rnn <command> [options]`. Each command lives in cli/commands/<name>.ts and exports a
 * `Command`; the list in `--help` is read from that folder, so adding a file adds a command.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/io.ts";
import { InputError } from "../lib/model.ts";
import { formatHelp, parseArgs } from "./args.ts";
import type { Command } from "./command.ts";

// from the project root, not this module's folder: the prebuilt bundle (cli/build-js.mjs) lives in build/
const COMMANDS_DIR = join(PROJECT_ROOT, "cli/commands");

function commandNames(): string[] {
  return readdirSync(COMMANDS_DIR)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function loadCommand(name: string): Promise<Command> {
  // a relative template import: esbuild bundles every cli/commands/*.ts it can match
  return (await import(`./commands/${name}.ts`)).default as Command;
}

async function topHelp(): Promise<string> {
  const lines = [];
  for (const name of commandNames()) lines.push(`  ${name.padEnd(10)} ${(await loadCommand(name)).summary}`);
  return (
    "Usage: sat-rnn <command> [options]\n\n" +
    "A living report on the sat-rnn: every analysis of the paper, computed from the weights.\n\n" +
    `Commands:\n${lines.join("\n")}\n\nRun \`sat-rnn <command> --help\` for a command's options.\n`
  );
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(await topHelp());
    return name ? 0 : 2;
  }
  if (!commandNames().includes(name)) {
    process.stderr.write(`sat-rnn: unknown command "${name}"\n\n${await topHelp()}`);
    return 2;
  }
  const command = await loadCommand(name);
  try {
    const args = parseArgs(rest, command.options);
    if (args.values.help) {
      process.stdout.write(formatHelp(command.usage, command.summary, command.options));
      return 0;
    }
    return await command.run(args);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`sat-rnn ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
