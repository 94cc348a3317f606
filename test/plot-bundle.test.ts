/**
 * The Plot bundle (cli/plot-bundle.ts): one module with d3 inside, whose default number format is
 * built on first use instead of when the module is evaluated.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { EAGER_DEFAULT_FORMAT, lazyDefaultFormat, plotBundlePath, seedPlotBundle } from "../cli/plot-bundle.ts";
import { PROJECT_ROOT } from "../lib/io.ts";
import { tempDirs } from "./helpers.ts";

const tempDir = tempDirs("sat-rnn-plot-");

describe("Plot bundle", () => {
  it("the installed Plot has the eager default format the bundle makes lazy", () => {
    const src = join(dirname(createRequire(join(PROJECT_ROOT, "package.json")).resolve("@observablehq/plot")), "format.js");
    const source = readFileSync(src, "utf8");
    expect(source).toContain(EAGER_DEFAULT_FORMAT);
    const lazy = lazyDefaultFormat(source)!;
    expect(lazy).not.toContain(EAGER_DEFAULT_FORMAT);
    expect(lazy).toContain("export const formatDefault = (value) =>");
    expect(lazyDefaultFormat("export const x = 1;")).toBeNull();
  });

  it("the lazy formatDefault formats every kind of value as Plot's formatAuto() does", async () => {
    const dir = dirname(createRequire(join(PROJECT_ROOT, "package.json")).resolve("@observablehq/plot"));
    const r = await build({
      stdin: { contents: lazyDefaultFormat(readFileSync(join(dir, "format.js"), "utf8"))!, resolveDir: dir, loader: "js" },
      bundle: true, format: "esm", platform: "browser", write: false, logLevel: "silent",
    });
    const f = await import(`data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString("base64")}`);
    const auto = f.formatAuto();
    const values = [0, -0, 1234567.891, -0.000123, NaN, Infinity, null, undefined, "abc", "", true, new Date(Date.UTC(2020, 0, 2)), new Date(NaN), [1, 2], { a: 1 }];
    for (const v of values) expect(f.formatDefault(v)).toEqual(auto(v));
  });

  it("evaluating the bundle builds no Intl.NumberFormat, and it is written once per version", async () => {
    const dir = tempDir();
    expect(await seedPlotBundle(dir)).toBe("written");
    expect(await seedPlotBundle(dir)).toBe("kept");
    const { path } = plotBundlePath(dir);
    const Real = Intl.NumberFormat;
    let built = 0;
    Intl.NumberFormat = new Proxy(Real, { construct: (target, args) => (built++, Reflect.construct(target, args)) });
    try {
      const Plot = await import(pathToFileURL(path).href);
      expect(typeof Plot.plot).toBe("function");
      expect(built).toBe(0);
      // the exported number format still uses Intl, when asked
      expect(Plot.formatNumber()(1234567.5)).toBe("1,234,567.5");
      expect(built).toBe(1);
    } finally {
      Intl.NumberFormat = Real;
    }
  });
});
