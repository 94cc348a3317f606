import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/q5.ts";
emit(build, "q5");
