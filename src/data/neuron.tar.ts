import { emitArchive } from "../../data-loaders/common.ts";
import build from "../../data-loaders/neuronPages.ts";
emitArchive(build);
