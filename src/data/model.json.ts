import { emit } from "../../data-loaders/common.ts";
import modelCard from "../../data-loaders/model.ts";

emit(modelCard);
