import { justifyAll, q6Justify } from "../../lib/analyses/q6/justify.ts";
import { routing } from "../../lib/analyses/q6/routing.ts";
import { q7Algebraic, q7HigherOrder } from "../../lib/analyses/q7/algebraic.ts";
import type { Stage } from "./harness.ts";

const stages: Stage[] = [
  { name: "q6_justify (12 positions + routing)", referenceSeconds: 0.05, target: { ratio: 1.0 }, run: (r) => routing(r, q6Justify(r)) },
  { name: "q7_algebraic", referenceSeconds: 0.05, target: { ratio: 1.0 }, run: (r) => q7Algebraic(r) },
  { name: "q7_higher_order", referenceSeconds: 0.96, target: { ratio: 1.0 }, repeats: 3, run: (r) => q7HigherOrder(r) },
  { name: "q6: justification at every position", target: { seconds: 2 }, repeats: 3, run: (r) => justifyAll(r) },
];
export default stages;
