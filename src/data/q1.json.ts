import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/q1.ts";
emit(build, "q1");
