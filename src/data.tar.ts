// Every data file of the report from one process: Framework extracts data/<file> from this archive
// for each page (data-loaders/report.ts; each chapter computed once per build).
import { emitArchive } from "../data-loaders/common.ts";
import reportFiles from "../data-loaders/report.ts";
emitArchive(reportFiles);
