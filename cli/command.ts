/** What a subcommand module (cli/commands/<name>.ts) exports. */
import type { Options, Parsed } from "./args.ts";

export interface Command {
  /** One line for `sat-rnn --help`. */
  summary: string;
  /** Usage line after "Usage: ". */
  usage: string;
  options: Options;
  /** Runs the command; resolves to the exit code. Throwing an InputError prints one line and exits 2. */
  run(args: Parsed): Promise<number> | number;
}
