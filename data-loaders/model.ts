/** The model card: the fingerprint plus the per-position bits of the f32 forward pass. */
import type { Run } from "../lib/io.ts";

export default function modelCard(run: Run) {
  return {
    text: Array.from(run.data),
    bits: Array.from(run.trace.bits),
  };
}
