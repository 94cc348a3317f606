/**
 * Plot as one module. Framework serves every npm package of a page as its own module, and Plot
 * imports d3, which is some 30 packages: a cold load of a page with a chart made ~45 module
 * requests, and on this machine class that alone took ~300 ms of the 1 s a page has to become
 * interactive. Framework bundles a package into its `_node` cache only when the file is not there
 * yet, so before each build we put a single self-contained esbuild bundle of Plot (d3 included)
 * at that path; pages still write `import * as Plot from "@observablehq/plot"`. The site test
 * checks the outcome (no d3 module requested by any page).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { buildSync } from "esbuild";
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

/** Writes the bundle unless ours for this version is already there. Returns what it did. */
export function seedPlotBundle(cacheDir: string): "kept" | "written" {
  const { path, version } = plotBundlePath(cacheDir);
  const marker = `/* sat-rnn: ${PACKAGE}@${version} with d3, one module (cli/plot-bundle.ts) */\n`;
  if (existsSync(path) && readFileSync(path, "utf8").startsWith(marker)) return "kept";
  const r = buildSync({
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
  });
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}`;
  writeFileSync(temp, marker + r.outputFiles[0].text);
  renameSync(temp, path);
  return "written";
}
