// Three projects:
// - unit: in-process tests (hand-built models, parity with the reference printouts); no subprocesses.
// - integration: test files that start the `sat-rnn` CLI as a subprocess (found by reading the files:
//   any test/*.test.ts that calls spawn/spawnSync/execFile), since each CLI start costs a process,
//   and the in-process tests that compute the whole report on the sat-rnn (WHOLE_REPORT).
// - site: the site tests, which share one build of dist/ (made once in site/global-setup.ts) and run
//   one file at a time because builds share Framework's loader cache.
// Every project first makes the prebuilt CLI fresh (test/prebuilt-setup.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));

/** In-process, but each computes the whole report on the sat-rnn (about a minute alone): integration too. */
const WHOLE_REPORT = ["claims-sat.test.ts"];

/** test/*.test.ts files that start a subprocess, and the whole-report ones. */
const integration = readdirSync(join(root, "test"))
  .filter((f) => f.endsWith(".test.ts"))
  .filter((f) => WHOLE_REPORT.includes(f) || /\b(spawn|spawnSync|execFile|execFileSync|fork)\(/.test(readFileSync(join(root, "test", f), "utf8")))
  .map((f) => `test/${f}`);

const prebuilt = "test/prebuilt-setup.ts";

export default defineConfig({
  test: {
    root,
    projects: [
      {
        test: {
          name: "unit",
          root,
          include: ["test/**/*.test.ts"],
          exclude: ["test/site/**", "**/node_modules/**", ...integration],
          globalSetup: [prebuilt],
          testTimeout: 60_000,
        },
      },
      { test: { name: "integration", root, include: integration, globalSetup: [prebuilt], testTimeout: 120_000 } },
      {
        test: {
          name: "site",
          root,
          include: ["test/site/**/*.test.ts"],
          globalSetup: [prebuilt, "test/site/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
