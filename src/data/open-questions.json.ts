import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/openQuestions.ts";
emit(build, "openQuestions");
