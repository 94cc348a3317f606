import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/q7.ts";
emit(build, "q7");
