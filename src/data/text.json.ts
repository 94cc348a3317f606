import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/text.ts";
emit(build);
