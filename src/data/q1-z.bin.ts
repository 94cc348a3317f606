// z_t, the T×H pre-activations as float32 (little-endian), for the Q1 page's neuron and position
// views. Apart from q1.json so that the page's first screen does not wait for 130k numbers that
// only the views further down use.
import { emitBytes } from "../../data-loaders/common.ts";
import { float32Bytes } from "../../lib/model.ts";

emitBytes((run) => float32Bytes(run.trace.z));
