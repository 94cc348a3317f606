// Every data file of the report from one process: Framework extracts data/<file> from this archive
// for each page (data-loaders/report.ts; each chapter computed once per build). With
// SAT_RNN_PROGRESS=1 (the build's own run of it, cli/site.ts) it says which stage it is in.
// This module is also the report's helper thread (data-loaders/reportHelper.ts), which computes a
// few heavy chapters on the second core meanwhile.
import { isMainThread } from "node:worker_threads";
import { Progress } from "../cli/progress.ts";
import { emitArchive } from "../data-loaders/common.ts";
import reportFiles, { REPORT_STAGES } from "../data-loaders/report.ts";
import { helperMain, startHelper } from "../data-loaders/reportHelper.ts";

if (isMainThread) {
  const progress = process.env.SAT_RNN_PROGRESS === "1" ? new Progress("sat-rnn build", REPORT_STAGES, undefined, 1, 5) : undefined;
  // SAT_RNN_HELPER_THREAD=0: everything on this thread
  emitArchive((run) => reportFiles(run, progress, process.env.SAT_RNN_HELPER_THREAD === "0" ? null : startHelper(run)));
} else {
  helperMain();
}
