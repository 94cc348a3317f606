// Every table of the report as Arrow IPC + CSV, their schema (schema.json) and the chapters' JSON:
// pages read data/tables/<name>.arrow (Framework extracts it); the archive itself is "all data".
import { emitArchive } from "../../data-loaders/common.ts";
import build from "../../data-loaders/tables.ts";
emitArchive(build);
