#!/usr/bin/env node
// Entry point of the `sat-rnn` command. Runs the prebuilt bundle build/main.js (made by
// cli/build-js.mjs on `npm ci`), rebuilding it first if a source file is newer (an edited
// checkout); SAT_RNN_TSX=1 runs the TypeScript sources through tsx instead (development).
let main;
if (process.env.SAT_RNN_TSX === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("./main.ts"));
} else {
  const { buildJs, isStale } = await import("./build-js.mjs");
  if (isStale()) await buildJs();
  ({ main } = await import("../build/main.js"));
}
process.exitCode = await main(process.argv.slice(2));
