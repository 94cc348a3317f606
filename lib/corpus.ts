/**
 * The corpus: any bytes. Analyses read a window of the first `bytes` bytes (default 1024, as the
 * reference tools do); predictions are t = 0..n−2 with target data[t+1].
 */
import { InputError } from "./model.ts";

export const DEFAULT_WINDOW = 1024;

export interface Corpus {
  /** The analysed window: the first min(total, window) bytes. */
  data: Uint8Array;
  /** Length of the whole file, for the model card. */
  totalBytes: number;
}

export function corpusWindow(bytes: Uint8Array, window = DEFAULT_WINDOW, source = "corpus"): Corpus {
  if (!Number.isInteger(window) || window < 2) {
    throw new InputError(`--bytes ${window}: the analysis window must be a whole number ≥ 2`);
  }
  if (bytes.length < 2) {
    throw new InputError(
      `${source}: the corpus has ${bytes.length} byte${bytes.length === 1 ? "" : "s"}; at least 2 are needed (one input and one target)`,
    );
  }
  return { data: bytes.subarray(0, Math.min(bytes.length, window)), totalBytes: bytes.length };
}
