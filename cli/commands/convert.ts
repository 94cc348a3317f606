import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { loadModelFile } from "../../lib/io.ts";
import { InputError } from "../../lib/model.ts";
import { type Dtype, roundModelTo, serializeSafetensorsModel } from "../../lib/safetensors.ts";
import { checkWritable, parseFormat, serializeModel, writeFileAtomic } from "../../lib/train/output.ts";
import type { Command } from "../command.ts";

const command: Command = {
  summary: "convert a model between the raw float32 layout and safetensors (either direction)",
  usage: "sat-rnn convert IN OUT [--format raw|safetensors] [--dtype F32|F16|BF16] [--force]",
  options: {
    format: { type: "string", placeholder: "raw|safetensors", description: "output format (default: from OUT's extension: .safetensors → safetensors, else raw)" },
    dtype: { type: "string", placeholder: "F32|F16|BF16", description: "safetensors output dtype (default F32; F16/BF16 round to nearest even)" },
    force: { type: "boolean", description: "overwrite OUT if it exists" },
  },
  run({ values, positionals }) {
    if (positionals.length !== 2) throw new InputError(`expected two paths, IN and OUT (got ${positionals.length}); see --help`);
    const [input, output] = positionals;
    if (resolve(input) === resolve(output)) throw new InputError(`${output}: OUT must differ from IN`);
    const format = parseFormat(values.format as string | undefined, output);
    const dtype = ((values.dtype as string | undefined) ?? "F32").toUpperCase();
    if (!["F32", "F16", "BF16"].includes(dtype)) throw new InputError(`--dtype ${values.dtype}: expected F32, F16 or BF16`);
    if (dtype !== "F32" && format !== "safetensors") throw new InputError(`--dtype ${dtype} needs safetensors output (the raw layout is float32)`);
    if (existsSync(output) && !values.force) throw new InputError(`${output}: already exists (use --force to overwrite)`);
    checkWritable(output, "model"); // before reading IN: a folder that cannot take OUT fails at once
    const model = loadModelFile(input); // validates names, shapes, dtypes and finiteness
    const bytes = format === "safetensors" ? serializeSafetensorsModel(model, dtype as Dtype) : serializeModel(model, format);
    writeFileAtomic(output, bytes, "model");
    const lossy = dtype !== "F32" && roundModelTo(model, dtype as Dtype).Wx.some((v, i) => v !== model.Wx[i]);
    process.stdout.write(
      `${input} → ${output}: ${format}${format === "safetensors" ? ` ${dtype}` : ""}, H = ${model.H}, ${bytes.length} bytes${lossy ? ` (weights rounded to ${dtype})` : ""}\n`,
    );
    return 0;
  },
};
export default command;
