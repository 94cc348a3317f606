import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/neurons.ts";
emit(build);
