// The resolved model in the raw float32 layout (lib/model.ts), for the engine in the browser.
import { loadModelFile, resolveInputs } from "../../lib/io.ts";
import { serializeRawModel } from "../../lib/model.ts";

try {
  process.stdout.write(serializeRawModel(loadModelFile(resolveInputs().modelPath)));
} catch (e) {
  process.stderr.write(`data loader: ${(e as Error).message}\n`);
  process.exit(1);
}
