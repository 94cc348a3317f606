import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/justify.ts";
emit(build, "justify");
