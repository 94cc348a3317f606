/**
 * The sat-rnn model: h_t = tanh(bh + Wx[:, x_t] + Wh·h_{t−1}), logits = Wy·h_t + by.
 *
 * Raw layout (spec README, Q1 §C1): little-endian float32, no header, in the order
 * Wx (H×256, Wx[i][x] at i·256+x), Wh (H×H, row i = target, column j = source), bh (H),
 * Wy (256×H, Wy[o][j] at o·H+j), by (256). The hidden size H is read from the byte length.
 */

export const VOCAB = 256;

export interface Model {
  /** Hidden size (128 for the sat-rnn; any H ≥ 1 is accepted). */
  H: number;
  Wx: Float32Array;
  Wh: Float32Array;
  bh: Float32Array;
  Wy: Float32Array;
  by: Float32Array;
}

/** An input problem the user can fix; the message names the file and the problem. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

export const TENSOR_NAMES = ["Wx", "Wh", "bh", "Wy", "by"] as const;
export type TensorName = (typeof TENSOR_NAMES)[number];

/** Number of float32 values in a model with hidden size H: 256H + H² + H + 256H + 256. */
/** W_y transposed: column j of W_y contiguous at j·256 (the readout analyses read columns), once per model. */
const columnsMemo = new WeakMap<Model, Float32Array>();
export function readoutColumns(model: Model): Float32Array {
  let cols = columnsMemo.get(model);
  if (!cols) {
    const { H, Wy } = model;
    cols = new Float32Array(H * VOCAB);
    for (let o = 0; o < VOCAB; o++) for (let j = 0; j < H; j++) cols[j * VOCAB + o] = Wy[o * H + j];
    columnsMemo.set(model, cols);
  }
  return cols;
}

export function parameterCount(H: number): number {
  return VOCAB * H + H * H + H + VOCAB * H + VOCAB;
}

/** Expected shape of each tensor, row-major. */
export function tensorShapes(H: number): Record<TensorName, number[]> {
  return { Wx: [H, VOCAB], Wh: [H, H], bh: [H], Wy: [VOCAB, H], by: [VOCAB] };
}

/** The hidden size whose raw layout has exactly `byteLength` bytes, or null if none does. */
export function hiddenSizeForByteLength(byteLength: number): number | null {
  if (byteLength % 4 !== 0) return null;
  const n = byteLength / 4;
  // H² + 513H + 256 = n  →  H = (−513 + √(513² − 4(256 − n))) / 2
  const H = Math.round((-513 + Math.sqrt(513 * 513 - 4 * (256 - n))) / 2);
  return H >= 1 && parameterCount(H) === n ? H : null;
}

/** Checks every value is finite; the error names the tensor and the element index. */
export function validateFinite(model: Model, source: string): void {
  for (const name of TENSOR_NAMES) {
    const t = model[name];
    for (let k = 0; k < t.length; k++) {
      if (!Number.isFinite(t[k])) {
        const shape = tensorShapes(model.H)[name];
        const where = shape.length === 2 ? `[${Math.floor(k / shape[1])}][${k % shape[1]}]` : `[${k}]`;
        throw new InputError(`${source}: ${name}${where} is ${t[k]} (weights must be finite numbers)`);
      }
    }
  }
}

/** Builds a model from its five tensors (copied into fresh float32 arrays), checking shapes and values. */
export function modelFromTensors(H: number, tensors: Record<TensorName, ArrayLike<number>>, source = "model"): Model {
  const shapes = tensorShapes(H);
  const model = { H } as Model;
  for (const name of TENSOR_NAMES) {
    const size = shapes[name].reduce((a, b) => a * b, 1);
    if (tensors[name].length !== size) {
      throw new InputError(`${source}: ${name} has ${tensors[name].length} values, expected ${shapes[name].join("×")} = ${size}`);
    }
    model[name] = Float32Array.from(tensors[name]);
  }
  validateFinite(model, source);
  return model;
}

/** Parses the raw float32 layout. `source` names the file in error messages. */
export function parseRawModel(bytes: Uint8Array, source = "model"): Model {
  const H = hiddenSizeForByteLength(bytes.length);
  if (H === null) {
    const near = hiddenSizeNear(bytes.length);
    throw new InputError(
      `${source}: ${bytes.length} bytes is not a raw sat-rnn model (4·(H² + 513H + 256) bytes for some H; ` +
        `H = ${near} needs ${4 * parameterCount(near)} bytes) — truncated, oversized or not a model file?`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sizes = tensorShapes(H);
  const model = { H } as Model;
  let offset = 0;
  for (const name of TENSOR_NAMES) {
    const size = sizes[name].reduce((a, b) => a * b, 1);
    const t = new Float32Array(size);
    for (let k = 0; k < size; k++) t[k] = view.getFloat32(offset + 4 * k, true);
    model[name] = t;
    offset += 4 * size;
  }
  validateFinite(model, source);
  return model;
}

/** float32 values as little-endian bytes: the raw model layout, and what a Float32Array over a fetched file reads in a browser. */
export function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 * values.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  return out;
}

/** Serialises to the raw float32 layout. */
export function serializeRawModel(model: Model): Uint8Array {
  const out = new Uint8Array(4 * parameterCount(model.H));
  let offset = 0;
  for (const name of TENSOR_NAMES) {
    out.set(float32Bytes(model[name]), offset);
    offset += 4 * model[name].length;
  }
  return out;
}

function hiddenSizeNear(byteLength: number): number {
  const n = byteLength / 4;
  return Math.max(1, Math.round((-513 + Math.sqrt(Math.max(0, 513 * 513 - 4 * (256 - n)))) / 2));
}
