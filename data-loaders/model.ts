/** The model card: the fingerprint plus the per-position bits of the f32 forward pass. */
import { readInputFile, resolveInputs, type Run, sha256 } from "../lib/io.ts";
import { type HeldOut, heldOutBpc } from "../lib/population/heldout.ts";

/**
 * bpc in-sample and on the bytes after the analysis window (null: the whole file is analysed, or
 * the corpus file is not at hand). `corpusPath` defaults to the file the run was loaded from (else
 * the corpus the inputs resolve to); it is used only if it is that file (same sha256).
 */
export function heldOutOf(run: Run, corpusPath: string | null = run.corpusPath ?? safeCorpusPath()): HeldOut | null {
  const fp = run.fingerprint;
  if (fp.corpusTotalBytes <= fp.corpusBytes || !corpusPath) return null;
  const file = readInputFile(corpusPath, "corpus");
  if (sha256(file) !== fp.corpusSha256) return null;
  return heldOutBpc(run.model, file, fp.corpusBytes);
}

function safeCorpusPath(): string | null {
  try {
    return resolveInputs().corpusPath;
  } catch {
    return null;
  }
}

export default function modelCard(run: Run) {
  return {
    text: Array.from(run.data),
    bits: Array.from(run.trace.bits),
    heldOut: heldOutOf(run),
  };
}
