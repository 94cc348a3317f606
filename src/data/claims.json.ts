import { emit } from "../../data-loaders/common.ts";
import build from "../../data-loaders/claims.ts";
emit(build, "claims");
