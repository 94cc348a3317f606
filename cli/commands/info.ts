import { heldOutOf } from "../../data-loaders/model.ts";
import { type Fingerprint, loadRun, resolveInputs } from "../../lib/io.ts";
import type { HeldOut } from "../../lib/population/heldout.ts";
import { INPUT_OPTIONS, inputOptions } from "../args.ts";
import type { Command } from "../command.ts";

/** The model card as text: what was loaded, from where, and how well it predicts. */
export function modelCard(fp: Fingerprint, heldOut: HeldOut | null = null): string {
  const window =
    fp.corpusTotalBytes > fp.corpusBytes
      ? `${fp.corpusBytes} of ${fp.corpusTotalBytes} bytes (the first ${fp.corpusBytes}; change with --bytes)`
      : `${fp.corpusBytes} bytes`;
  const rows: [string, string][] = [
    ["model", `${fp.modelFile}${fp.source === "demo" ? "  (demo model: run `npx sat-rnn fetch` for the sat-rnn)" : ""}`],
    ["model sha256", fp.modelSha256],
    ["hidden size H", String(fp.H)],
    ["parameters", fp.parameters.toLocaleString("en-US")],
    ["corpus", fp.corpusFile],
    ["corpus sha256", fp.corpusSha256],
    ["corpus used", window],
    ["predictions", String(fp.predictions)],
    ["bpc (f32)", heldOut?.heldOut ? `${fp.bpc.toFixed(4)} in-sample (bytes 0–${fp.corpusBytes - 1})` : fp.bpc.toFixed(4)],
    ...(heldOut?.heldOut
      ? ([["bpc held-out", `${heldOut.heldOut.bpc.toFixed(4)} (bytes ${heldOut.heldOut.firstByte}–${heldOut.heldOut.lastByte}, ${heldOut.heldOut.predictions} predictions, state carried on)`]] as [string, string][])
      : []),
  ];
  return rows.map(([k, v]) => `${k.padEnd(15)} ${v}`).join("\n") + "\n";
}

const command: Command = {
  summary: "print the model card: hidden size, parameters, sha256s, corpus bytes used, bpc",
  usage: "sat-rnn info [--model M] [--corpus C] [--bytes N] [--json]",
  options: { ...INPUT_OPTIONS, json: { type: "boolean", description: "print the fingerprint as JSON" } },
  run({ values }) {
    const inputs = resolveInputs(inputOptions(values));
    const run = loadRun(inputs);
    const heldOut = heldOutOf(run, inputs.corpusPath);
    process.stdout.write(values.json ? JSON.stringify(heldOut ? { ...run.fingerprint, heldOut } : run.fingerprint, null, 2) + "\n" : modelCard(run.fingerprint, heldOut));
    return 0;
  },
};
export default command;
