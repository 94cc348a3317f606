/** Q2–Q5 printouts (analysis + formatting), timed against the reference tools (issue 4: the four together ≤ 3.6 s). */
import q2Offsets from "../../lib/printouts/q2_offsets.ts";
import q3Neurons from "../../lib/printouts/q3_neurons.ts";
import q4Saturation from "../../lib/printouts/q4_saturation.ts";
import q5Redux from "../../lib/printouts/q5_redux.ts";
import type { Stage } from "./harness.ts";

const stages: Stage[] = [
  { name: "q2_offsets (reference printout)", referenceSeconds: 0.15, repeats: 3, run: (r) => q2Offsets(r) },
  { name: "q3_neurons (reference printout)", referenceSeconds: 7.48, repeats: 3, run: (r) => q3Neurons(r) },
  { name: "q4_saturation (reference printout)", referenceSeconds: 0.03, repeats: 3, run: (r) => q4Saturation(r) },
  { name: "q5_redux (reference printout)", referenceSeconds: 6.9, repeats: 3, run: (r) => q5Redux(r) },
  {
    name: "q2–q5 together (issue target ≤ 3.6 s)",
    referenceSeconds: 14.56,
    target: { seconds: 3.6 },
    repeats: 3,
    run: (r) => [q2Offsets(r), q3Neurons(r), q4Saturation(r), q5Redux(r)],
  },
];
export default stages;
