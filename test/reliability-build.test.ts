/**
 * Site builds in a fresh copy of the project (its own Framework cache, so nothing is shared with
 * the site tests): the first build of a fresh clone works with the network disabled; dist/ holds no
 * absolute path of the inputs; a build whose process group is interrupted (Ctrl-C, kill -9) leaves
 * dist/ and the loader cache usable and its temporary folder gone, and the next build succeeds.
 * Uses the demo model (copied outside the project) to stay fast.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../lib/io.ts";

const work = mkdtempSync(join(tmpdir(), "sat-rnn-rel-build-"));
const project = join(work, "clone");
/** The inputs live outside the project, under a path that must not reach dist/. */
const inputs = join(work, "my-private-folder");
mkdirSync(inputs);
copyFileSync(join(PROJECT_ROOT, "data/demo/demo_model.bin"), join(inputs, "my_model.bin"));
copyFileSync(join(PROJECT_ROOT, "data/demo/demo_corpus.txt"), join(inputs, "my_corpus.txt"));

/** A fresh clone: the files git knows (tracked or not ignored, as in the working tree), node_modules linked. */
function freshClone(dest: string): void {
  const files = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: PROJECT_ROOT, encoding: "utf8" }).stdout.split("\0").filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(PROJECT_ROOT, f))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    cpSync(join(PROJECT_ROOT, f), join(dest, f));
  }
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(dest, "node_modules"));
}
freshClone(project);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CAN_UNSHARE = process.platform === "linux" && spawnSync("unshare", ["-n", "true"]).status === 0;
if (!CAN_UNSHARE) console.warn("NOTICE: `unshare -n` is not available (needs root) — the first build runs WITH the network; the offline check is SKIPPED");

const buildArgs = (...extra: string[]) => [join(project, "cli/sat-rnn.mjs"), "build", "--model", join(inputs, "my_model.bin"), "--corpus", join(inputs, "my_corpus.txt"), ...extra];
const env = { ...process.env, SAT_RNN_MODEL: "", SAT_RNN_CORPUS: "", SAT_RNN_BYTES: "" };

function build(offline: boolean, ...extra: string[]) {
  const [cmd, args] = offline ? ["unshare", ["-n", process.execPath, ...buildArgs(...extra)]] : [process.execPath, buildArgs(...extra)];
  return spawnSync(cmd, args, { cwd: project, env, encoding: "utf8", timeout: 600_000, maxBuffer: 64 << 20 });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const cacheDir = join(project, "src/.observablehq/cache");
const leftovers = () => readdirSync(project).filter((f) => /^dist\.(tmp|old)-\d+$/.test(f));
const staleMarkers = () => (existsSync(cacheDir) ? filesUnder(cacheDir).filter((f) => /\.\d+(\.err)?$/.test(f) && !f.includes("/_n")) : []);

describe("site build in a fresh clone", () => {
  it("the first build succeeds with the network disabled and asks no registry", { timeout: 620_000 }, () => {
    expect(existsSync(cacheDir)).toBe(false);
    const r = build(CAN_UNSHARE);
    expect(r.stderr + r.stdout).not.toMatch(/fetch failed|ENOTFOUND|EAI_AGAIN|unable to fetch/);
    expect(r.stdout).not.toMatch(/npm:[^ ]+@latest/); // Framework resolved no version through the registry
    expect(r.status).toBe(0);
    expect(existsSync(join(project, "dist/index.html"))).toBe(true);
  });

  it("no absolute path of the inputs (nor of the project) anywhere in dist/: file names and sha256 only", () => {
    const hits: string[] = [];
    for (const f of filesUnder(join(project, "dist"))) {
      const text = readFileSync(f).toString("latin1");
      for (const needle of [inputs, work, "my-private-folder"]) if (text.includes(needle)) hits.push(`${f}: ${needle}`);
    }
    expect(hits).toEqual([]);
    // the model card names the file and its sha256
    const q1 = filesUnder(join(project, "dist")).find((f) => /_file\/data\/q1\.[0-9a-f]+\.json$/.test(f) || /data\/q1\.json$/.test(f));
    expect(q1).toBeDefined();
    const fp = JSON.parse(readFileSync(q1!, "utf8")).fingerprint;
    expect(fp.modelFile).toBe("my_model.bin");
    expect(fp.corpusFile).toBe("my_corpus.txt");
    expect(fp.modelSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  /** Starts a build in its own process group and kills the group once loaders are running. */
  async function interruptedBuild(signal: NodeJS.Signals, ...extra: string[]): Promise<{ code: number | null; sig: NodeJS.Signals | null; stderr: string; pid: number }> {
    // offline as the first build (`unshare -n` execs node: the pid is the build's)
    const [cmd, args] = CAN_UNSHARE ? ["unshare", ["-n", process.execPath, ...buildArgs(...extra)]] : [process.execPath, buildArgs(...extra)];
    const child: ChildProcess = spawn(cmd, args, { cwd: project, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let stderr = "";
    let done: [number | null, NodeJS.Signals | null] | undefined;
    let killedMidBuild = false;
    // mid-build: Framework has read the chapter pages and writes into the temporary site. Checked
    // (and the group killed) in the output handler itself, as the line that shows it arrives, so
    // that a busy test machine's late timers cannot let a fast build finish first.
    // (Framework colours its log when the CI variable is set, even into a pipe: the codes are dropped)
    const midBuild = () => {
      const log = out.replace(/\x1b\[[0-9;]*m/g, "");
      return /load \/q[1-7]/.test(log) && log.includes(`dist.tmp-${child.pid}/`) && existsSync(join(project, `dist.tmp-${child.pid}`));
    };
    const killIfMidBuild = () => {
      if (done || killedMidBuild || !midBuild()) return;
      killedMidBuild = true;
      process.kill(-child.pid!, signal);
    };
    child.stdout!.on("data", (d) => {
      out += d;
      killIfMidBuild();
    });
    child.stderr!.on("data", (d) => (stderr += d));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on("exit", (c, s) => r((done = [c, s]))));
    const deadline = Date.now() + 240_000; // a demo build takes ~20 s on 2 cores
    while (Date.now() < deadline && !done && !killedMidBuild) {
      killIfMidBuild();
      await new Promise((r) => setTimeout(r, 50));
    }
    const state = `${done && !killedMidBuild ? `the build ended first (${done.join(" ")})` : "no mid-build state in 240 s"}; stdout:\n${out.slice(-1500)}\nstderr:\n${stderr.slice(-1500)}`;
    expect(killedMidBuild, state).toBe(true);
    const [code, sig] = await exited;
    // let the rest of the group (Framework, a loader) go
    await new Promise((r) => setTimeout(r, 1000));
    return { code, sig, stderr, pid: child.pid! };
  }

  // Both interruptions stop a build of the same inputs (a smaller window than the first build's,
  // so that the loaders run again); one build after both must then succeed on what they left.
  it("Ctrl-C to the build's process group: dist/ untouched, temporary folder removed", { timeout: 900_000 }, async () => {
    const before = readFileSync(join(project, "dist/index.html"), "utf8");
    const distStat = statSync(join(project, "dist"));
    const r = await interruptedBuild("SIGINT", "--bytes", "600");
    expect(r.code === 130 || r.sig === "SIGINT").toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(project, "dist/index.html"), "utf8")).toBe(before);
    expect(statSync(join(project, "dist")).ino).toBe(distStat.ino);
    expect(leftovers()).toEqual([]);
  });

  it("kill -9 of the process group, then a build of the same inputs: it removes what was left and succeeds", { timeout: 900_000 }, async () => {
    const r = await interruptedBuild("SIGKILL", "--bytes", "600");
    expect(r.sig).toBe("SIGKILL");
    expect(leftovers()).toEqual([`dist.tmp-${r.pid}`]); // nothing could clean up
    expect(existsSync(join(project, "dist/index.html"))).toBe(true);
    // the same inputs again: no stale error marker of either interrupted build trips it
    const again = build(CAN_UNSHARE, "--bytes", "600");
    expect(again.stderr).not.toMatch(/data loader failed/);
    expect(again.status, again.stderr.slice(-2000)).toBe(0);
    expect(leftovers()).toEqual([]);
    expect(staleMarkers()).toEqual([]);
    expect(JSON.parse(readFileSync(filesUnder(join(project, "dist")).find((f) => /_file\/data\/q1\.[0-9a-f]+\.json$/.test(f))!, "utf8")).fingerprint.corpusBytes).toBe(600);
  });
});
