/**
 * safetensors (the ecosystem's weight format): an 8-byte little-endian header length N, N bytes of
 * JSON `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {...}}`, then the data
 * (offsets relative to the end of the header).
 *
 * Accepted tensor names (hidden size H is read from the shapes):
 * - ours: Wx [H,256], Wh [H,H], bh [H], Wy [256,H], by [256];
 * - PyTorch `nn.RNN(256, H, nonlinearity="tanh")` + `nn.Linear(H, 256)`, under any prefix:
 *   `weight_ih_l0` [H,256], `weight_hh_l0` [H,H], `bias_ih_l0` + `bias_hh_l0` [H] (summed in float32),
 *   and the linear layer's `weight` [256,H] / `bias` [256].
 * Dtypes F32, F16, BF16 and F64 are converted to float32 (F16/BF16 exactly; F64 rounded to nearest).
 */
import { InputError, type Model, modelFromTensors, TENSOR_NAMES, type TensorName, tensorShapes, VOCAB } from "./model.ts";

const f32 = Math.fround;

interface TensorInfo {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export type Dtype = "F32" | "F16" | "BF16" | "F64";
const DTYPE_BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };
const SUPPORTED = "F32, F16, BF16 and F64";
/** Largest header we accept (the format's own limit is 100 MB). */
const MAX_HEADER = 100_000_000;

function headerLength(bytes: Uint8Array): number {
  return Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
}

/**
 * True when the bytes start like a safetensors file: a plausible header length followed by "{".
 * A header that runs past the end still counts (so truncation is reported as such) unless the
 * length is exactly that of a raw model.
 */
export function isSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const n = headerLength(bytes);
  if (!(n > 1 && n <= MAX_HEADER && bytes[8] === 0x7b /* "{" */)) return false;
  if (n <= bytes.length - 8) return true;
  const floats = bytes.length / 4;
  // H² + 513H + 256 = floats has an integer solution → a raw model that happens to start like this
  const H = Math.round((-513 + Math.sqrt(513 * 513 - 4 * (256 - floats))) / 2);
  return !(Number.isInteger(floats) && H >= 1 && H * H + 513 * H + 256 === floats);
}

/** IEEE half → number (exact). */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

const cvt = new DataView(new ArrayBuffer(4));

/** number → IEEE half bits, round to nearest even; overflow → ±Inf, NaN → quiet NaN. */
export function floatToHalf(v: number): number {
  cvt.setFloat32(0, v, true);
  const x = cvt.getUint32(0, true);
  const sign = (x >>> 16) & 0x8000;
  const e = (x >>> 23) & 0xff;
  let m = x & 0x7fffff;
  if (e === 0xff) return sign | 0x7c00 | (m ? 0x200 : 0);
  const he = e - 127 + 15;
  if (he >= 31) return sign | 0x7c00;
  if (he <= 0) {
    if (he < -10) return sign; // below half the smallest subnormal → ±0
    m |= 0x800000;
    const shift = 14 - he; // 13 + (1 − he)
    const half = 1 << (shift - 1);
    const rest = m & ((1 << shift) - 1);
    let r = m >>> shift;
    if (rest > half || (rest === half && r & 1)) r++;
    return sign | r; // a carry into the exponent field is the correct result
  }
  let r = (he << 10) | (m >>> 13);
  const rest = m & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && r & 1)) r++; // may carry into Inf: correct
  return sign | r;
}

/** number → bfloat16 bits (the top half of the float32), round to nearest even; NaN stays NaN. */
export function floatToBf16(v: number): number {
  cvt.setFloat32(0, v, true);
  const x = cvt.getUint32(0, true);
  if ((x & 0x7fffffff) > 0x7f800000) return ((x >>> 16) | 0x40) & 0xffff;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

export function bf16ToFloat(b: number): number {
  cvt.setUint32(0, (b & 0xffff) << 16, true);
  return cvt.getFloat32(0, true);
}

/** A copy of the model with every weight rounded to the precision of `dtype` (F32: unchanged). */
export function roundModelTo(model: Model, dtype: Dtype): Model {
  const q = (v: number) => (dtype === "F16" ? halfToFloat(floatToHalf(v)) : dtype === "BF16" ? bf16ToFloat(floatToBf16(v)) : v);
  const out = { H: model.H } as Model;
  for (const t of TENSOR_NAMES) out[t] = model[t].map(q);
  return out;
}

function readTensor(bytes: Uint8Array, dataStart: number, name: string, info: TensorInfo, source: string): Float32Array {
  const width = DTYPE_BYTES[info.dtype];
  if (!width) {
    throw new InputError(`${source}: tensor ${name} has dtype ${info.dtype}; supported dtypes are ${SUPPORTED}`);
  }
  const count = info.shape.reduce((a, b) => a * b, 1);
  const [begin, end] = info.data_offsets;
  if (end - begin !== count * width) {
    throw new InputError(
      `${source}: tensor ${name} holds ${end - begin} bytes, but shape [${info.shape}] in ${info.dtype} needs ${count * width}`,
    );
  }
  if (dataStart + end > bytes.length) {
    throw new InputError(
      `${source}: tensor ${name} ends at byte ${dataStart + end} but the file has ${bytes.length} bytes (truncated?)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart + begin, end - begin);
  const out = new Float32Array(count);
  if (info.dtype === "F32") for (let k = 0; k < count; k++) out[k] = view.getFloat32(4 * k, true);
  else if (info.dtype === "F64") for (let k = 0; k < count; k++) out[k] = view.getFloat64(8 * k, true);
  else if (info.dtype === "F16") for (let k = 0; k < count; k++) out[k] = halfToFloat(view.getUint16(2 * k, true));
  else for (let k = 0; k < count; k++) out[k] = bf16ToFloat(view.getUint16(2 * k, true));
  return out;
}

/** Reads and checks the header; errors name the file. */
export function readSafetensorsHeader(bytes: Uint8Array, source: string): { header: Record<string, TensorInfo>; dataStart: number } {
  if (bytes.length < 8) throw new InputError(`${source}: ${bytes.length} bytes is too short to be a safetensors file`);
  const n = headerLength(bytes);
  if (n > bytes.length - 8) {
    throw new InputError(`${source}: safetensors header length ${n} runs past the end of the ${bytes.length}-byte file (truncated?)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch {
    throw new InputError(`${source}: safetensors header is not valid JSON`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new InputError(`${source}: safetensors header is not a JSON object`);
  const header: Record<string, TensorInfo> = {};
  let maxEnd = 0;
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (k === "__metadata__") continue;
    const t = v as Partial<TensorInfo>;
    const ok =
      t &&
      typeof t.dtype === "string" &&
      Array.isArray(t.shape) &&
      t.shape.every((d) => Number.isInteger(d) && d >= 0) &&
      Array.isArray(t.data_offsets) &&
      t.data_offsets.length === 2 &&
      t.data_offsets.every((d) => Number.isInteger(d) && d >= 0) &&
      t.data_offsets[0] <= t.data_offsets[1];
    if (!ok) throw new InputError(`${source}: safetensors entry ${k} is malformed (needs dtype, shape and data_offsets [begin, end])`);
    header[k] = t as TensorInfo;
    maxEnd = Math.max(maxEnd, t.data_offsets![1]);
  }
  const dataStart = 8 + n;
  checkRegions(header, dataStart, bytes.length, source);
  if (dataStart + maxEnd < bytes.length) {
    throw new InputError(
      `${source}: ${bytes.length - dataStart - maxEnd} bytes after the last tensor (the file has ${bytes.length} bytes, the header describes ${dataStart + maxEnd}) — oversized or corrupt?`,
    );
  }
  return { header, dataStart };
}

/**
 * The tensors' byte ranges must tile the data section exactly, as the reference safetensors
 * library requires: sorted by offset, the first starts at 0, each starts where the previous one
 * ends (no overlap, no gap) and none ends past the end of the file. Otherwise two tensors could
 * share bytes (one silently a copy of another) or data could hide between them.
 */
function checkRegions(header: Record<string, TensorInfo>, dataStart: number, fileLength: number, source: string): void {
  const entries = Object.entries(header).sort(([, a], [, b]) => a.data_offsets[0] - b.data_offsets[0] || a.data_offsets[1] - b.data_offsets[1]);
  let prevName = "";
  let prevEnd = 0;
  for (const [name, t] of entries) {
    const [begin, end] = t.data_offsets;
    if (begin < prevEnd) {
      throw new InputError(
        `${source}: tensors ${prevName} and ${name} overlap (data bytes ${begin}–${prevEnd} are claimed by both); each tensor must have its own bytes`,
      );
    }
    if (begin > prevEnd) {
      throw new InputError(
        `${source}: ${begin - prevEnd} unused data bytes ${prevEnd}–${begin} ${prevName ? `between tensors ${prevName} and ${name}` : `before the first tensor ${name}`} (the data regions must be contiguous)`,
      );
    }
    if (dataStart + end > fileLength) {
      throw new InputError(`${source}: tensor ${name} ends at byte ${dataStart + end} but the file has ${fileLength} bytes (truncated?)`);
    }
    prevName = name;
    prevEnd = end;
  }
}

const EXPECTED =
  "expected Wx [H,256], Wh [H,H], bh [H], Wy [256,H], by [256], or PyTorch's nn.RNN(256, H) weight_ih_l0 [H,256], weight_hh_l0 [H,H], " +
  "bias_ih_l0 [H], bias_hh_l0 [H] with an nn.Linear(H, 256) weight [256,H] and bias [256] (any prefix); dtypes " +
  SUPPORTED;

/** Maps the file's tensor names onto ours, or explains what was found and what is expected. */
function mapNames(header: Record<string, TensorInfo>, source: string): { H: number; names: Record<TensorName, string[]> } {
  const keys = Object.keys(header);
  const found = () => `found ${keys.map((k) => `${k} ${header[k].dtype}[${header[k].shape}]`).join(", ") || "no tensors"}`;
  let names: Record<TensorName, string[]> | null = null;
  let problem = "unrecognised tensor names";
  if (TENSOR_NAMES.every((n) => n in header)) {
    names = { Wx: ["Wx"], Wh: ["Wh"], bh: ["bh"], Wy: ["Wy"], by: ["by"] };
  } else {
    const ih = keys.filter((k) => k.endsWith("weight_ih_l0"));
    if (ih.length > 1) problem = `several RNNs (${ih.join(", ")})`;
    if (ih.length === 1) {
      const p = ih[0].slice(0, -"weight_ih_l0".length);
      if (keys.some((k) => /_l[1-9]\d*(_reverse)?$/.test(k) && k.startsWith(p))) problem = "a multi-layer or bidirectional RNN (only one layer, one direction is supported)";
      else {
        const hh = header[p + "weight_hh_l0"];
        const H = hh?.shape[0];
        const candidates = keys.filter(
          (k) =>
            k.endsWith("weight") &&
            !k.startsWith(p + "weight_") &&
            header[k].shape.length === 2 &&
            header[k].shape[0] === VOCAB &&
            (H === undefined || header[k].shape[1] === H) &&
            k.slice(0, -"weight".length) + "bias" in header,
        );
        const need = [p + "weight_hh_l0", p + "bias_ih_l0", p + "bias_hh_l0"].filter((k) => !(k in header));
        if (need.length) problem = `missing ${need.join(", ")}`;
        else if (candidates.length === 0) {
          // Name the shape of a Linear-looking layer (a weight with a bias beside it) that is there but has the wrong shape.
          const linear = keys.filter((k) => k.endsWith("weight") && !k.startsWith(p + "weight_") && k.slice(0, -"weight".length) + "bias" in header);
          problem =
            linear.length === 1
              ? `tensor ${linear[0]} has shape [${header[linear[0]].shape}], expected [${VOCAB},${H ?? "H"}] for the nn.Linear(H, ${VOCAB}) output layer (H = ${H ?? "?"} from ${p}weight_hh_l0)`
              : "no Linear(H, 256) layer (a weight [256,H] with a bias beside it)";
        }
        else if (candidates.length > 1) problem = `several candidate Linear(H, 256) layers (${candidates.join(", ")})`;
        else {
          const lp = candidates[0].slice(0, -"weight".length);
          names = { Wx: [ih[0]], Wh: [p + "weight_hh_l0"], bh: [p + "bias_ih_l0", p + "bias_hh_l0"], Wy: [candidates[0]], by: [lp + "bias"] };
        }
      }
    }
  }
  if (!names) throw new InputError(`${source}: ${problem}; ${found()}; ${EXPECTED}`);
  const hhShape = header[names.Wh[0]].shape;
  const H = hhShape[0];
  if (!(H >= 1)) throw new InputError(`${source}: tensor ${names.Wh[0]} has shape [${hhShape}], expected [H,H] with H ≥ 1; ${found()}`);
  const shapes = tensorShapes(H);
  for (const t of TENSOR_NAMES) {
    for (const k of names[t]) {
      if (header[k].shape.join(",") !== shapes[t].join(",")) {
        throw new InputError(`${source}: tensor ${k} has shape [${header[k].shape}], expected [${shapes[t]}] (H = ${H}); ${found()}`);
      }
      if (!DTYPE_BYTES[header[k].dtype]) {
        throw new InputError(`${source}: tensor ${k} has dtype ${header[k].dtype}; supported dtypes are ${SUPPORTED}; ${found()}`);
      }
    }
  }
  return { H, names };
}

export function parseSafetensorsModel(bytes: Uint8Array, source = "model"): Model {
  const { header, dataStart } = readSafetensorsHeader(bytes, source);
  const { H, names } = mapNames(header, source);
  const tensors = {} as Record<TensorName, Float32Array>;
  for (const t of TENSOR_NAMES) {
    const parts = names[t].map((k) => readTensor(bytes, dataStart, k, header[k], source));
    tensors[t] = parts.length === 1 ? parts[0] : parts[0].map((v, i) => f32(v + parts[1][i]));
  }
  return modelFromTensors(H, tensors, source);
}

export interface TensorData {
  dtype: Dtype;
  shape: number[];
  /** Values (converted to `dtype` on write, round to nearest even). */
  data: ArrayLike<number>;
}

/** Encodes named tensors as a safetensors file (in the given order; data aligned to 8 bytes). */
export function encodeSafetensors(tensors: Record<string, TensorData>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const size = t.data.length * DTYPE_BYTES[t.dtype];
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - ((8 + json.length) % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let p = 8 + head.length;
  for (const t of Object.values(tensors)) {
    const d = t.data;
    for (let k = 0; k < d.length; k++) {
      if (t.dtype === "F32") view.setFloat32(p, d[k], true);
      else if (t.dtype === "F64") view.setFloat64(p, d[k], true);
      else if (t.dtype === "F16") view.setUint16(p, floatToHalf(d[k]), true);
      else view.setUint16(p, floatToBf16(d[k]), true);
      p += DTYPE_BYTES[t.dtype];
    }
  }
  return out;
}

/** Writes our five tensors (names Wx, Wh, bh, Wy, by) as safetensors, F32 by default. */
export function serializeSafetensorsModel(model: Model, dtype: Dtype = "F32"): Uint8Array {
  const shapes = tensorShapes(model.H);
  const tensors: Record<string, TensorData> = {};
  for (const t of TENSOR_NAMES) tensors[t] = { dtype, shape: shapes[t], data: model[t] };
  return encodeSafetensors(tensors, { format: "sat-rnn", hidden: String(model.H) });
}

/** Writes the model under PyTorch's names (nn.RNN `rnn.*_l0` + nn.Linear `fc.*`); bias_hh_l0 = 0. */
export function serializePytorchModel(model: Model, dtype: Dtype = "F32", rnnPrefix = "rnn.", linearPrefix = "fc."): Uint8Array {
  const H = model.H;
  return encodeSafetensors({
    [`${rnnPrefix}weight_ih_l0`]: { dtype, shape: [H, VOCAB], data: model.Wx },
    [`${rnnPrefix}weight_hh_l0`]: { dtype, shape: [H, H], data: model.Wh },
    [`${rnnPrefix}bias_ih_l0`]: { dtype, shape: [H], data: model.bh },
    [`${rnnPrefix}bias_hh_l0`]: { dtype, shape: [H], data: new Float32Array(H) },
    [`${linearPrefix}weight`]: { dtype, shape: [VOCAB, H], data: model.Wy },
    [`${linearPrefix}bias`]: { dtype, shape: [VOCAB], data: model.by },
  });
}
