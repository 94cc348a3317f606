// The browser engine (lib/rnn.ts + lib/f32.ts, bundled), tagged with the model it was built for.
import { engineModule } from "../../data-loaders/engine.ts";
import { loadModelFile, readInputFile, resolveInputs, sha256 } from "../../lib/io.ts";

try {
  const inputs = resolveInputs();
  const model = loadModelFile(inputs.modelPath);
  process.stdout.write(engineModule({ H: model.H, modelSha256: sha256(readInputFile(inputs.modelPath, "model")) }));
} catch (e) {
  process.stderr.write(`data loader: ${(e as Error).message}\n`);
  process.exit(1);
}
