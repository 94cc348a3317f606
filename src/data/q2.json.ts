import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/q2.ts";
emit(build, "q2");
