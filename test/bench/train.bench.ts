/**
 * Trainer speed: one epoch of the reference recipe (BPTT-50, SGD, clip) over the bench corpus with
 * the bench model's hidden size. The reference C trainer takes 3 min 27 s for 4000 epochs on
 * enwik_1024.txt with H = 128 on this machine class, i.e. 51.75 ms per epoch; the target is ≤ 1.0×.
 */
import type { Run } from "../../lib/io.ts";
import { Trainer } from "../../lib/train.ts";
import type { Stage } from "./harness.ts";

const trainers = new Map<string, Trainer>();
function trainerFor(run: Run, optimizer: "sgd" | "adam"): Trainer {
  const key = `${optimizer}:${run.model.H}:${run.fingerprint.corpusSha256}:${run.data.length}`;
  let t = trainers.get(key);
  if (!t) trainers.set(key, (t = new Trainer(run.data, { hidden: run.model.H, epochs: 4000, optimizer })));
  return t;
}

const stages: Stage[] = [
  { name: "train: one epoch, sgd (reference recipe)", referenceSeconds: 207 / 4000, target: { ratio: 1.0 }, repeats: 15, run: (r) => trainerFor(r, "sgd").epoch() },
  { name: "train: one epoch, adam", repeats: 15, run: (r) => trainerFor(r, "adam").epoch() },
];
export default stages;
