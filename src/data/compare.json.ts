import { emit } from "../../data-loaders/common.ts";
import compare from "../../data-loaders/comparePage.ts";

emit(compare, "compare.json");
