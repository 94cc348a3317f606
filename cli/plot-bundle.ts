/**
 * Plot as one module. Framework serves every npm package of a page as its own module, and Plot
 * imports d3, which is some 30 packages: a cold load of a page with a chart made ~45 module
 * requests, and on this machine class that alone took ~300 ms of the 1 s a page has to become
 * interactive. Framework bundles a package into its `_node` cache only when the file is not there
 * yet, so before each build we put a single self-contained esbuild bundle of Plot (d3 included)
 * at that path; pages still write `import * as Plot from "@observablehq/plot"`. The site test
 * checks the outcome (no d3 module requested by any page).
 *
 * One line of Plot is changed on the way (lazyDefaultFormat): Plot builds its default number
 * format, an Intl.NumberFormat, when the module is evaluated, and the first Intl.NumberFormat of
 * a page costs 35–120 ms in a fresh Chromium renderer on this machine class (ICU start-up). Made
 * lazy, it is built the first time a number is formatted that way, which on most pages is a hover.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { build, type Plugin } from "esbuild";
import { PROJECT_ROOT } from "../lib/io.ts";

const PACKAGE = "@observablehq/plot";

/** Where Framework 1.13 looks for its bundle of the package (node.js: `_node/<name>@<version>/index.js`). */
export function plotBundlePath(cacheDir: string): { path: string; version: string } {
  // the version of the package a page's import resolves to (its package.json is not exported)
  let dir = dirname(createRequire(join(PROJECT_ROOT, "package.json")).resolve(PACKAGE));
  while (!existsSync(join(dir, "package.json")) || JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name !== PACKAGE) {
    if (dirname(dir) === dir) throw new Error(`${PACKAGE}: package.json not found`);
    dir = dirname(dir);
  }
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  return { path: join(cacheDir, "_node", `${PACKAGE}@${version}`, "index.js"), version };
}

/** Plot's eager default format, in src/format.js of Plot 0.6 (checked by test/plot-bundle.test.ts). */
export const EAGER_DEFAULT_FORMAT = "export const formatDefault = formatAuto();";
// formatAuto()'s own dispatch, with the number format made on the first number (axis labels are
// strings already, so most charts never make it)
const LAZY_DEFAULT_FORMAT = [
  "let defaultNumberFormat;",
  "export const formatDefault = (value) =>",
  '  value instanceof Date ? formatIsoDate(value) : typeof value === "number" ? (defaultNumberFormat ??= formatNumber())(value) : string(value);',
].join("\n");

/**
 * The same function, built on first use. Returns null when the line is not there (another Plot
 * version): the bundle then keeps Plot's own line, which is correct, only slower to start.
 */
export function lazyDefaultFormat(source: string): string | null {
  return source.includes(EAGER_DEFAULT_FORMAT) ? source.replace(EAGER_DEFAULT_FORMAT, LAZY_DEFAULT_FORMAT) : null;
}

function lazyFormatPlugin(onMissing: () => void): Plugin {
  return {
    name: "sat-rnn-lazy-plot-format",
    setup(b) {
      b.onLoad({ filter: /[\\/]@observablehq[\\/]plot[\\/]src[\\/]format\.js$/ }, (args) => {
        const source = readFileSync(args.path, "utf8");
        const patched = lazyDefaultFormat(source);
        if (patched === null) onMissing();
        return { contents: patched ?? source, loader: "js" };
      });
    },
  };
}

/** Writes the bundle unless ours for this version is already there. Returns what it did. */
export async function seedPlotBundle(cacheDir: string): Promise<"kept" | "written"> {
  const { path, version } = plotBundlePath(cacheDir);
  // the marker names what the bundle is: change it when the bundling changes, so old bundles are replaced
  const marker = `/* sat-rnn: ${PACKAGE}@${version} with d3, one module, number format made on first use (cli/plot-bundle.ts) */\n`;
  if (existsSync(path) && readFileSync(path, "utf8").startsWith(marker)) return "kept";
  let missing = false;
  const r = await build({
    stdin: { contents: `export * from ${JSON.stringify(PACKAGE)};`, resolveDir: PROJECT_ROOT, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    // what Framework targets for its own npm bundles
    target: ["es2022", "chrome96", "firefox96", "safari16"],
    define: { "process.env.NODE_ENV": '"production"' },
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
    plugins: [lazyFormatPlugin(() => (missing = true))],
  });
  if (missing) console.warn(`sat-rnn: ${PACKAGE}@${version} has no "${EAGER_DEFAULT_FORMAT}"; its default format stays eager (slower page start-up, same output)`);
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}`;
  writeFileSync(temp, marker + r.outputFiles[0].text);
  renameSync(temp, path);
  return "written";
}
