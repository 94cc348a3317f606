import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/q4.ts";
emit(build, "q4");
