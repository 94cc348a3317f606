/**
 * Output locations are checked before any work: a file in the way, a read-only file system, /proc
 * (where Node's recursive mkdir loops forever) — one line naming the option and the problem, exit 2,
 * no stack trace, no hang, and for `build` the loader cache untouched (the line that reports the
 * cache is never reached) and no `<out>.tmp-<pid>` left.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../lib/io.ts";

const dir = mkdtempSync(join(tmpdir(), "sat-rnn-rel-out-"));
const aFile = join(dir, "a-file");
writeFileSync(aFile, "not a folder");
const DEMO = ["--model", join(PROJECT_ROOT, "data/demo/demo_model.bin"), "--corpus", join(PROJECT_ROOT, "data/demo/demo_corpus.txt")];
const cli = (...a: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, "cli/sat-rnn.mjs"), ...a], { encoding: "utf8", cwd: dir, timeout: 30_000, killSignal: "SIGKILL" });

/** A read-only tmpfs (needs root and mount rights); null when it cannot be made. */
function readOnlyMount(): string | null {
  const ro = join(dir, "ro");
  mkdirSync(ro);
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", ro]);
  return r.status === 0 ? ro : null;
}
const ro = readOnlyMount();
if (!ro) console.warn("NOTICE: cannot mount a read-only tmpfs (not root?) — read-only output cases SKIPPED");
afterAll(() => {
  if (ro) spawnSync("umount", [ro]);
  rmSync(dir, { recursive: true, force: true });
});

function expectOneLine(r: ReturnType<typeof cli>, re: RegExp) {
  expect(r.error).toBeUndefined(); // no timeout: no loop
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(re);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |loader cache|Error:/);
}

describe("output locations checked before any work", () => {
  const cases: [string, () => string[], RegExp][] = [
    ["build --out under a file", () => ["build", ...DEMO, "--out", join(aFile, "site")], /^sat-rnn build: --out .*a-file\/site: .*a-file is a file, not a folder$/m],
    ["build --out is a file", () => ["build", ...DEMO, "--out", aFile], /^sat-rnn build: --out .*a-file: is a file, expected a folder for the site$/m],
    ["build --out /proc/x", () => ["build", ...DEMO, "--out", "/proc/x"], /^sat-rnn build: --out \/proc\/x: cannot create the site folder in \/proc \(the file system does not allow new folders there\)$/m],
    ["analyze --out under a file", () => ["analyze", ...DEMO, "--out", join(aFile, "x")], /^sat-rnn analyze: --out .*a-file\/x: .*a-file is a file, not a folder$/m],
    ["analyze --out /proc/x/y", () => ["analyze", ...DEMO, "--out", "/proc/x/y"], /^sat-rnn analyze: --out \/proc\/x\/y: cannot create the output folder in \/proc/m],
    ["convert OUT under a file", () => ["convert", DEMO[1], join(aFile, "x.safetensors")], /^sat-rnn convert: .*a-file\/x\.safetensors: cannot write the model file \(a parent is not a folder\)$/m],
    ["convert OUT in /proc", () => ["convert", DEMO[1], "/proc/x.safetensors"], /^sat-rnn convert: \/proc\/x\.safetensors: cannot write the model file \(the file system does not allow new files there\)$/m],
  ];
  it.each(cases)("%s: one line, exit 2", (_n, args, re) => {
    expectOneLine(cli(...args()), re);
  });

  it.skipIf(!ro)("read-only file system: build, analyze, convert and train fail at once", () => {
    expectOneLine(cli("build", ...DEMO, "--out", join(ro!, "site")), /^sat-rnn build: --out .*\/ro\/site: cannot create the site folder in .*\/ro \(read-only file system\)$/m);
    expectOneLine(cli("build", ...DEMO, "--out", ro!), /^sat-rnn build: --out .*\/ro: is a mount point; give a folder inside it$/m);
    expectOneLine(cli("analyze", ...DEMO, "--out", join(ro!, "x")), /^sat-rnn analyze: --out .*\/ro\/x: cannot create the output folder in .*\/ro \(read-only file system\)$/m);
    expectOneLine(cli("convert", DEMO[1], join(ro!, "m.safetensors")), /^sat-rnn convert: .*\/ro\/m\.safetensors: cannot write the model file \(read-only file system\)$/m);
    expectOneLine(cli("train", "--corpus", DEMO[3], "--out", join(ro!, "m.bin"), "--epochs", "1"), /^sat-rnn train: .*\/ro\/m\.bin: cannot write the model file \(read-only file system\)$/m);
  });

  it("leaves no temporary folder or probe behind", () => {
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-") || f.includes("probe"))).toEqual([]);
    expect(existsSync("/proc/x")).toBe(false);
  });
});
