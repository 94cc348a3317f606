/**
 * Global setup of every test project: makes the prebuilt CLI and loaders (cli/build-js.mjs) fresh
 * once, before tests start the CLI as a subprocess in parallel (each would otherwise rebuild it).
 */
// @ts-expect-error — a plain ES module without types
import { buildJs, isStale } from "../cli/build-js.mjs";

export default async function setup(): Promise<void> {
  if (isStale()) await buildJs();
}
