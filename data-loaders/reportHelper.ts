/**
 * A second thread for the report (data-loaders/report.ts), so a build uses both cores: it computes
 * a few heavy, independent outputs (HELPER_OUTPUTS) while the main thread computes the rest, and
 * hands over their JSON text, which the main thread keeps as if it had computed them (common.ts
 * seedShared). Each output is still computed once per build; the helper's run is rebuilt from the
 * same weights and bytes (its forward pass, and the derived views it needs, are deterministic: the
 * same trace bit for bit; a forward pass costs well under 1 % of the work moved).
 *
 * The main thread's work is synchronous, so it waits for a result with Atomics.wait on a shared
 * counter and takes the message with receiveMessageOnPort. If the thread cannot start or an
 * output fails there, the main thread computes that output itself (and reports any error).
 *
 * One result goes the other way: the knockout/sign-snap pass (lib/analyses/q3/neurons.ts
 * rankOneBpc), which the main thread's open questions and the helper's Q3 and Q5 all need. The
 * main thread computes it first and gives it (Helper.give) while the helper is busy with Q1; the
 * helper waits for it before Q3 (at H = 128 / 64 KB: 11 s no longer computed twice).
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker, workerData } from "node:worker_threads";

import { parseModelBytes, type Run } from "../lib/io.ts";
import { serializeRawModel } from "../lib/model.ts";
import { runTrace } from "../lib/rnn.ts";
import { type RankOne, rankOneBpc, seedRankOne } from "../lib/analyses/q3/neurons.ts";
import { CHAPTER_BUILDERS } from "./claims.ts";
import { type ChapterBuilder, sharedJson } from "./common.ts";

/**
 * The outputs the helper computes: heavy ones that need nothing else, chosen so the two threads
 * finish close together from the sat-rnn to H = 128 / 64 KB (there, with the knockout pass handed
 * over, the main thread's ~130 s is the longer by a few seconds; with Q5 on the main thread
 * instead, the main one took ~175 s). Q3 and Q5 share the knockout pass, so they stay on one
 * thread (the text view and q7all share the perturbation sweep, Q6 and the justifications the
 * flip ranking: both pairs stay on the main one).
 */
export const HELPER_OUTPUTS: Record<string, ChapterBuilder> = { q1: CHAPTER_BUILDERS.q1, q3: CHAPTER_BUILDERS.q3, q5: CHAPTER_BUILDERS.q5 };

interface Start {
  model: Uint8Array;
  data: Uint8Array;
  fingerprint: Run["fingerprint"];
  names: string[];
  port: MessagePort;
  counter: Int32Array;
  /** From the main thread: the knockout pass (or null: compute it here), counted by `given`. */
  fromMain: MessagePort;
  given: Int32Array;
}

/** The helper's outputs that read the knockout pass: it waits for the main thread's before them. */
const NEEDS_RANK_ONE = new Set(["q3", "q5"]);

type Result = { name: string; text: string } | { name: string; error: string } | { name: ""; ready: true };

/** How long the thread may take to start (load its module, rebuild the run) before the main thread gives up on it. */
const START_SECONDS = 20;

export interface Helper {
  /**
   * Hands the helper this run's knockout pass (null: the helper computes it). Once, before the
   * first take(); a take() before it gives null, so neither thread can wait for the other.
   */
  give(rankOne: RankOne | null): void;
  /** The output's JSON text (waits for it), or null when the helper could not compute it. */
  take(name: string): string | null;
  close(): void;
}

/**
 * The module the thread runs (it calls helperMain() off the main thread): the report's archive
 * loader, prebuilt beside this code in build/ (cli/build-js.mjs), or its source when this runs
 * from TypeScript.
 */
export function helperEntry(): URL {
  return import.meta.url.endsWith(".ts") ? new URL("../src/data.tar.ts", import.meta.url) : new URL("./data.tar.js", import.meta.url);
}

/** Starts the helper thread from `entry` (a module that calls helperMain() off the main thread). */
export function startHelper(run: Run, entry: URL = helperEntry(), names = Object.keys(HELPER_OUTPUTS)): Helper | null {
  const { port1, port2 } = new MessageChannel();
  const toHelper = new MessageChannel();
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const given = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    const start: Start = { model: serializeRawModel(run.model), data: run.data, fingerprint: run.fingerprint, names, port: port2, counter, fromMain: toHelper.port2, given };
    // a TypeScript entry (development, tests) starts through a bootstrap that registers tsx in the thread
    const ts = entry.pathname.endsWith(".ts");
    const script = ts ? new URL("./helper-thread.mjs", import.meta.url) : entry;
    worker = new Worker(script, { workerData: { ...start, entry: entry.href }, transferList: [port2, toHelper.port2], stdout: true, stderr: false });
  } catch {
    return null;
  }
  worker.unref();
  // The main thread never returns to its event loop while it waits, so a thread that fails to
  // start cannot be noticed by an "error" event: it must say it is ready within START_SECONDS.
  // Once ready, every failure of an output is caught there and posted.
  const t0 = performance.now();
  let ready = false;
  let failed = false;
  const got = new Map<string, Result>();
  let seen = 0;
  let gave = false;
  const give = (rankOne: RankOne | null) => {
    if (gave) return;
    gave = true;
    toHelper.port1.postMessage(rankOne);
    Atomics.add(given, 0, 1);
    Atomics.notify(given, 0);
  };
  return {
    give,
    take(name) {
      give(null);
      while (!got.has(name) && !failed) {
        const m = receiveMessageOnPort(port1);
        if (m) {
          const r = m.message as Result;
          seen++;
          if ("ready" in r) ready = true;
          else got.set(r.name, r);
          continue;
        }
        if (!ready && performance.now() - t0 > START_SECONDS * 1000) failed = true;
        else Atomics.wait(counter, 0, seen, 1000); // woken when the helper posts
      }
      const r = got.get(name);
      return r && "text" in r ? r.text : null;
    },
    close() {
      port1.close();
      toHelper.port1.close();
      void worker.terminate();
    },
  };
}

/** The helper thread's work: rebuild the run, compute each output, post its text. */
export function helperMain(): void {
  const { model: bytes, data, fingerprint, names, port, counter, fromMain, given } = workerData as Start;
  const post = (r: Result) => {
    port.postMessage(r);
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  };
  post({ name: "", ready: true });
  const model = parseModelBytes(bytes, fingerprint.modelFile);
  const run: Run = { model, data, trace: runTrace(model, data), fingerprint };
  let rankOneTaken = false;
  const takeRankOne = () => {
    // the main thread gives it first thing (or null), so this wait ends
    while (!rankOneTaken) {
      const m = receiveMessageOnPort(fromMain);
      if (m) {
        rankOneTaken = true;
        if (m.message) seedRankOne(run, m.message as RankOne);
      } else Atomics.wait(given, 0, 0, 1000);
    }
  };
  for (const name of names) {
    if (NEEDS_RANK_ONE.has(name)) takeRankOne();
    let r: Result;
    try {
      r = { name, text: sharedJson(name, HELPER_OUTPUTS[name], run) };
    } catch (e) {
      r = { name, error: (e as Error).message };
    }
    post(r);
  }
  port.close();
  fromMain.close();
}

/** Computes the run's knockout pass on this thread and gives it to the helper (null if it fails: the helper then computes it). */
export function giveRankOne(run: Run, helper: Helper): void {
  let r: RankOne | null;
  try {
    r = rankOneBpc(run);
  } catch {
    r = null; // the chapters that need it report the error
  }
  helper.give(r);
}
