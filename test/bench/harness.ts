/**
 * `npm run bench`: times every analysis stage (median of several runs) on the sat-rnn (or the
 * resolved default inputs) and prints a table with the reference tools' times where known.
 * Each test/bench/<area>.bench.ts default-exports a list of stages.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT, type Run } from "../../lib/io.ts";

export interface Stage {
  name: string;
  /** The reference C tool's time on this machine class, in seconds, if the issue gives one. */
  referenceSeconds?: number;
  /** Target as a ratio of the reference (e.g. 1.0 or 0.25), or an absolute budget in seconds. */
  target?: { ratio?: number; seconds?: number };
  /** How many timed repetitions (default 5; use fewer for slow stages). */
  repeats?: number;
  run(run: Run): unknown;
}

export async function loadStages(filter?: string): Promise<{ file: string; stages: Stage[] }[]> {
  const dir = join(PROJECT_ROOT, "test/bench");
  const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter))).sort();
  const out = [];
  for (const f of files) out.push({ file: f, stages: (await import(`./${f.slice(0, -".bench.ts".length)}.bench.ts`)).default as Stage[] });
  return out;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function runBench(run: Run, filter?: string, log = (s: string) => process.stdout.write(s)): Promise<void> {
  log(`${"stage".padEnd(42)} ${"median s".padStart(9)} ${"ref s".padStart(7)} ${"ratio".padStart(7)} ${"target".padStart(8)}  ok\n`);
  for (const { stages } of await loadStages(filter)) {
    for (const st of stages) {
      st.run(run); // warm-up (JIT)
      const times: number[] = [];
      for (let k = 0; k < (st.repeats ?? 5); k++) {
        const t0 = performance.now();
        st.run(run);
        times.push((performance.now() - t0) / 1000);
      }
      const m = median(times);
      const ratio = st.referenceSeconds ? m / st.referenceSeconds : undefined;
      const budget = st.target?.seconds ?? (st.target?.ratio !== undefined && st.referenceSeconds ? st.target.ratio * st.referenceSeconds : undefined);
      const tgt = st.target?.ratio !== undefined ? `≤${st.target.ratio}×` : st.target?.seconds !== undefined ? `≤${st.target.seconds}s` : "";
      const ok = budget === undefined ? "" : m <= budget ? "yes" : "NO";
      log(`${st.name.padEnd(42)} ${m.toFixed(3).padStart(9)} ${(st.referenceSeconds?.toFixed(2) ?? "").padStart(7)} ${(ratio ? ratio.toFixed(2) + "×" : "").padStart(7)} ${tgt.padStart(8)}  ${ok}\n`);
    }
  }
}
