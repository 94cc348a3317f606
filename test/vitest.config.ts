// Two projects: fast unit/parity tests, and the site tests, which share one build of dist/
// (made once in site/global-setup.ts) and run one file at a time because builds share
// Framework's loader cache.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  test: {
    root,
    projects: [
      { test: { name: "unit", root, include: ["test/**/*.test.ts"], exclude: ["test/site/**", "**/node_modules/**"], testTimeout: 60_000 } },
      {
        test: {
          name: "site",
          root,
          include: ["test/site/**/*.test.ts"],
          globalSetup: ["test/site/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
