import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/q6.ts";
emit(build, "q6");
