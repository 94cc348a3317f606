import { runTrace } from "../../lib/rnn.ts";
import type { Stage } from "./harness.ts";

const stages: Stage[] = [{ name: "engine: f32 forward pass + readout (trace)", run: (r) => runTrace(r.model, r.data) }];
export default stages;
