/**
 * No dependency in package.json is unused: each is imported (or, for tools, run) by the project's
 * own code — lib/, cli/, data-loaders/, src/, test/ and the config files.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../lib/io.ts";

const DIRS = ["lib", "cli", "data-loaders", "src", "test"];
const FILES = ["observablehq.config.ts", "tsconfig.json", "package.json"];

function sources(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    if (f === "node_modules" || f.startsWith(".")) continue;
    const p = join(dir, f);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|js|mjs|md)$/.test(f)) out.push(p);
  }
  return out;
}

/** How a package counts as used besides an import: tools run by path or by a script. */
const TOOL_USE: Record<string, RegExp> = {
  "@observablehq/framework": /node_modules\/@observablehq\/framework\/dist\/bin\/observable\.js/,
  tsx: /from "tsx\/esm\/api"/,
  typescript: /"typecheck": "tsc --noEmit"/,
  "@types/node": /"types":\s*\[[^\]]*"node"|from "node:/,
  vitest: /from "vitest"/,
};

describe("dependencies", () => {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
  const text = [...DIRS.flatMap((d) => sources(join(PROJECT_ROOT, d))), ...FILES.map((f) => join(PROJECT_ROOT, f))]
    .filter((f) => !f.endsWith("arrow-deps.test.ts"))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];

  it.each(names)("%s is used", (name) => {
    const esc = name.replace(/[/\\^$*+?.()|[\]{}-]/g, "\\$&");
    const imported = new RegExp(`(from |import\\(|require\\()"${esc}(/[^"]*)?"`).test(text);
    expect(imported || (TOOL_USE[name]?.test(text) ?? false), `${name} is in package.json but nothing uses it`).toBe(true);
  });

  it("the check can fail: an unknown package is not found", () => {
    expect(new RegExp(`(from |import\\(|require\\()"left-pad(/[^"]*)?"`).test(text)).toBe(false);
  });
});
