/** `sat-rnn convert IN OUT`: raw ↔ safetensors, F16/BF16 output, and clear errors. */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModelFile, PROJECT_ROOT } from "../lib/io.ts";
import { serializeRawModel } from "../lib/model.ts";
import { runTrace } from "../lib/rnn.ts";
import { encodeSafetensors, roundModelTo, serializePytorchModel } from "../lib/safetensors.ts";
import convert from "../cli/commands/convert.ts";
import { randomModel } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "sat-rnn-convert-"));
const cli = (...args: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), "convert", ...args], { encoding: "utf8", cwd: dir });
const model = randomModel(6, 21);
const raw = join(dir, "model.bin");
writeFileSync(raw, serializeRawModel(model));
const TEXT = new TextEncoder().encode("<text>convert me, then measure the same bpc</text>");

describe("sat-rnn convert", () => {
  it("raw → safetensors → raw is byte-identical; PyTorch names convert to ours", { timeout: 60_000 }, () => {
    let r = cli(raw, "m.safetensors");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/→ m\.safetensors: safetensors F32, H = 6/);
    r = cli("m.safetensors", "back.bin");
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, "back.bin"))).toEqual(readFileSync(raw));
    writeFileSync(join(dir, "torch.safetensors"), serializePytorchModel(model, "F32", "net.rnn.", "net.out."));
    expect(cli("torch.safetensors", "torch.bin").status).toBe(0);
    expect(readFileSync(join(dir, "torch.bin"))).toEqual(readFileSync(raw));
    expect(runTrace(loadModelFile(join(dir, "torch.safetensors")), TEXT).bpc).toBe(runTrace(model, TEXT).bpc);
  });

  it("--format overrides the extension; --dtype F16/BF16 rounds to nearest even", () => {
    const run = (positionals: string[], values: Record<string, string> = {}) => convert.run({ values, positionals: positionals.map((p) => join(dir, p)) });
    expect(run(["model.bin", "st.weights"], { format: "safetensors" })).toBe(0);
    expect(loadModelFile(join(dir, "st.weights"))).toEqual(loadModelFile(raw));
    for (const dtype of ["F16", "BF16"] as const) {
      expect(run(["model.bin", `m-${dtype}.safetensors`], { dtype })).toBe(0);
      expect(loadModelFile(join(dir, `m-${dtype}.safetensors`))).toEqual(roundModelTo(model, dtype));
    }
  });

  it("bad input: one line, exit 2, no output file", { timeout: 60_000 }, () => {
    // in-process (fast): the command throws the InputError the CLI prints as one line with exit 2
    const check = (args: string[], re: RegExp) => {
      const values: Record<string, string | boolean> = {};
      const positionals: string[] = [];
      for (let k = 0; k < args.length; k++) {
        if (args[k].startsWith("--")) values[args[k].slice(2)] = args[++k];
        else positionals.push(args[k].startsWith("/") ? args[k] : join(dir, args[k]));
      }
      expect(() => convert.run({ values, positionals })).toThrow(re);
    };
    const r = cli(raw); // and once through the CLI
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("sat-rnn convert: expected two paths, IN and OUT (got 1); see --help\n");
    check([raw], /expected two paths, IN and OUT \(got 1\)/);
    check([join(dir, "nope.bin"), "x.bin"], /nope\.bin: model file not found/);
    writeFileSync(join(dir, "trunc.bin"), serializeRawModel(model).subarray(0, 1000));
    check(["trunc.bin", "x.safetensors"], /trunc\.bin: 1000 bytes is not a raw sat-rnn model/);
    const nan = serializeRawModel(model);
    new DataView(nan.buffer).setFloat32(0, NaN, true);
    writeFileSync(join(dir, "nan.bin"), nan);
    check(["nan.bin", "x.safetensors"], /nan\.bin: Wx\[0\]\[0\] is NaN/);
    writeFileSync(join(dir, "i8.safetensors"), encodeSafetensors({ Wx: { dtype: "F32", shape: [1, 256], data: new Float32Array(256) } }));
    check(["i8.safetensors", "x.bin"], /i8\.safetensors: unrecognised tensor names; found Wx F32\[1,256\]; expected/);
    check([raw, "no/such/folder/x.bin"], /no\/such\/folder\/x\.bin: cannot write the model file \(folder does not exist\)/);
    check([raw, "m.safetensors"], /m\.safetensors: already exists \(use --force to overwrite\)/);
    check([raw, "y.bin", "--dtype", "F16"], /--dtype F16 needs safetensors output/);
    check([raw, "y.bin", "--format", "onnx"], /--format onnx: expected raw or safetensors/);
    expect(existsSync(join(dir, "x.bin")) || existsSync(join(dir, "x.safetensors")) || existsSync(join(dir, "y.bin"))).toBe(false);
  });

  it.skipIf(process.getuid?.() === 0)("an unwritable folder", { timeout: 60_000 }, () => {
    mkdirSync(join(dir, "locked"));
    chmodSync(join(dir, "locked"), 0o500);
    const r = cli(raw, "locked/x.bin");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/locked\/x\.bin: cannot write the model file \(permission denied\)/);
    expect(readdirSync(join(dir, "locked"))).toEqual([]);
  });
});
