// The report's helper thread when the report runs from its TypeScript sources (development, tests):
// tsx registered in this thread, then the entry module (data-loaders/reportHelper.ts startHelper).
// The prebuilt bundle starts its thread directly from build/data.tar.js.
import { workerData } from "node:worker_threads";

const { register } = await import("tsx/esm/api");
register();
await import(workerData.entry);
