import { emit } from "../../data-loaders/common.ts";
import robustness from "../../data-loaders/robustnessPage.ts";

emit(robustness, "robustness.json");
