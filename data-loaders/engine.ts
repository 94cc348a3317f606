/**
 * The browser engine bundle: lib/explorer/engine.ts (which re-exports lib/rnn.ts and lib/f32.ts
 * unchanged) bundled by esbuild into one self-contained ES module. The explorer pages load it as
 * a FileAttachment and import it from a Blob URL (Framework 1.13 resolves page imports only to
 * source files under src/, not to loader output), so the browser runs the build-time code.
 *
 * The bundle ends with the fingerprint of the model it was built with, so the file follows the
 * inputs like every other data file and the page can check it is paired with the right weights.
 */
import { buildSync } from "esbuild";
import { join } from "node:path";
import { PROJECT_ROOT } from "../lib/io.ts";

export const ENGINE_ENTRY = join(PROJECT_ROOT, "lib/explorer/engine.ts");

/** The bundled ES module source (no minification, so it stays readable in the browser). */
export function bundleEngine(): string {
  const r = buildSync({
    entryPoints: [ENGINE_ENTRY],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2020",
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  return r.outputFiles[0].text;
}

/** The module text with `export const BUILT_FOR = {…}` appended. */
export function engineModule(builtFor: Record<string, unknown>): string {
  return `${bundleEngine()}\nexport const BUILT_FOR = ${JSON.stringify(builtFor)};\n`;
}
