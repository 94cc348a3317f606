import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/q3.ts";
emit(build, "q3");
