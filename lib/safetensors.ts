/**
 * safetensors (the ecosystem's weight format): an 8-byte little-endian header length N, N bytes of
 * JSON `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {...}}`, then the data.
 *
 * Accepted tensor names (hidden size H is read from the shapes):
 * - ours: Wx [H,256], Wh [H,H], bh [H], Wy [256,H], by [256];
 * - PyTorch `nn.RNN(256, H, nonlinearity="tanh")` + `nn.Linear(H, 256)`, under any prefix:
 *   `weight_ih_l0` [H,256], `weight_hh_l0` [H,H], `bias_ih_l0` + `bias_hh_l0` [H] (summed in float32),
 *   and the linear layer's `weight` [256,H] / `bias` [256].
 * Dtypes F32, F16, BF16 (and F64) are converted to float32.
 */
import { f32 } from "./f32.ts";
import { InputError, type Model, modelFromTensors, TENSOR_NAMES, type TensorName, tensorShapes, VOCAB } from "./model.ts";

interface TensorInfo {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

const DTYPE_BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

/** True when the bytes start like a safetensors file (a plausible header length and a JSON object). */
export function isSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  return n > 1 && n <= bytes.length - 8 && bytes[8] === 0x7b; /* "{" */
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

function readTensor(bytes: Uint8Array, dataStart: number, name: string, info: TensorInfo, source: string): Float32Array {
  const width = DTYPE_BYTES[info.dtype];
  if (!width) {
    throw new InputError(`${source}: tensor ${name} has dtype ${info.dtype}; supported dtypes are F32, F16, BF16 and F64`);
  }
  const count = info.shape.reduce((a, b) => a * b, 1);
  const [begin, end] = info.data_offsets;
  if (end - begin !== count * width || dataStart + end > bytes.length) {
    throw new InputError(`${source}: tensor ${name} data is truncated or inconsistent with its shape [${info.shape}] and dtype ${info.dtype}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart + begin, end - begin);
  const out = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    if (info.dtype === "F32") out[k] = view.getFloat32(4 * k, true);
    else if (info.dtype === "F64") out[k] = view.getFloat64(8 * k, true);
    else if (info.dtype === "F16") out[k] = halfToFloat(view.getUint16(2 * k, true));
    else out[k] = new Float32Array(new Uint32Array([view.getUint16(2 * k, true) << 16]).buffer)[0]; // BF16
  }
  return out;
}

/** Reads the header; errors name the file. */
export function readSafetensorsHeader(bytes: Uint8Array, source: string): { header: Record<string, TensorInfo>; dataStart: number } {
  if (bytes.length < 8) throw new InputError(`${source}: too short to be a safetensors file`);
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (n > bytes.length - 8) throw new InputError(`${source}: safetensors header length ${n} runs past the end of the file (truncated?)`);
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch {
    throw new InputError(`${source}: safetensors header is not valid JSON`);
  }
  const header: Record<string, TensorInfo> = {};
  for (const [k, v] of Object.entries(parsed)) if (k !== "__metadata__") header[k] = v as TensorInfo;
  return { header, dataStart: 8 + n };
}

/** Maps the file's tensor names onto ours, or explains what was found and what is expected. */
function mapNames(header: Record<string, TensorInfo>, source: string): { H: number; names: Record<TensorName, string[]> } {
  const keys = Object.keys(header);
  const describe = () => keys.map((k) => `${k} ${header[k].dtype}[${header[k].shape}]`).join(", ");
  const expected =
    "expected Wx [H,256], Wh [H,H], bh [H], Wy [256,H], by [256], or PyTorch's weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 and a Linear(H, 256) weight/bias";
  let names: Record<TensorName, string[]> | null = null;
  if (TENSOR_NAMES.every((n) => n in header)) {
    names = { Wx: ["Wx"], Wh: ["Wh"], bh: ["bh"], Wy: ["Wy"], by: ["by"] };
  } else {
    const ih = keys.find((k) => k.endsWith("weight_ih_l0"));
    if (ih) {
      const p = ih.slice(0, -"weight_ih_l0".length);
      const linear = keys.find(
        (k) => k.endsWith("weight") && !k.startsWith(p + "weight_") && header[k].shape.length === 2 && header[k].shape[0] === VOCAB,
      );
      const lp = linear?.slice(0, -"weight".length);
      const need = [p + "weight_hh_l0", p + "bias_ih_l0", p + "bias_hh_l0", lp + "bias"];
      if (linear && need.every((k) => k in header)) {
        names = { Wx: [ih], Wh: [p + "weight_hh_l0"], bh: [p + "bias_ih_l0", p + "bias_hh_l0"], Wy: [linear], by: [lp + "bias"] };
      }
    }
  }
  if (!names) throw new InputError(`${source}: unrecognised tensor names; found ${describe() || "no tensors"}; ${expected}`);
  const H = header[names.Wh[0]].shape[0];
  const shapes = tensorShapes(H);
  for (const t of TENSOR_NAMES) {
    for (const k of names[t]) {
      if (header[k].shape.join(",") !== shapes[t].join(",")) {
        throw new InputError(`${source}: tensor ${k} has shape [${header[k].shape}], expected [${shapes[t]}] (H = ${H}); found ${describe()}`);
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

/** Writes our five tensors as F32 safetensors (names Wx, Wh, bh, Wy, by). */
export function serializeSafetensorsModel(model: Model): Uint8Array {
  const shapes = tensorShapes(model.H);
  const header: Record<string, unknown> = { __metadata__: { format: "sat-rnn", hidden: String(model.H) } };
  let offset = 0;
  for (const t of TENSOR_NAMES) {
    const size = model[t].length * 4;
    header[t] = { dtype: "F32", shape: shapes[t], data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - ((8 + json.length) % 8)) % 8); // align the data to 8 bytes
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let p = 8 + head.length;
  for (const t of TENSOR_NAMES) {
    for (const v of model[t]) {
      view.setFloat32(p, v, true);
      p += 4;
    }
  }
  return out;
}
