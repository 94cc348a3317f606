/** The model card: the fingerprint plus the per-position bits of the f32 forward pass. */
import { resolve } from "node:path";
import { PROJECT_ROOT, readInputFile, type Run } from "../lib/io.ts";
import { type HeldOut, heldOutBpc } from "../lib/population/heldout.ts";

/** bpc in-sample and on the bytes after the analysis window (null: the whole file is analysed). */
export function heldOutOf(run: Run): HeldOut | null {
  const fp = run.fingerprint;
  if (fp.corpusTotalBytes <= fp.corpusBytes) return null;
  return heldOutBpc(run.model, readInputFile(resolve(PROJECT_ROOT, fp.corpusFile), "corpus"), fp.corpusBytes);
}

export default function modelCard(run: Run) {
  return {
    text: Array.from(run.data),
    bits: Array.from(run.trace.bits),
    heldOut: heldOutOf(run),
  };
}
