/**
 * `sat-rnn serve`: a busy port or a bad --port is one line and a non-zero exit (with --build, before
 * any build work); a malformed URL gets a 400 and the server keeps serving; under --base /report/,
 * /report redirects to /report/.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serveDist } from "../cli/static-server.ts";
import { PROJECT_ROOT } from "../lib/io.ts";

const CLI = join(PROJECT_ROOT, "cli/sat-rnn.mjs");
const site = mkdtempSync(join(tmpdir(), "sat-rnn-rel-serve-"));
writeFileSync(join(site, "index.html"), "<!doctype html><title>home</title>");
mkdirSync(join(site, "neurons"));
writeFileSync(join(site, "neurons/index.html"), "<!doctype html><title>neurons</title>");
writeFileSync(join(site, "q1.html"), "<!doctype html><title>q1</title>");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  rmSync(site, { recursive: true, force: true });
});

/** GET with the path sent exactly as given (no client-side URL normalisation). */
function get(port: number, path: string): Promise<{ status: number; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, location: res.headers.location, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function busyPort(): Promise<{ port: number; blocker: Server }> {
  const blocker = createServer();
  return new Promise((r) => blocker.listen(0, "127.0.0.1", () => r({ port: (blocker.address() as { port: number }).port, blocker })));
}

const cli = (...a: string[]) => spawnSync(process.execPath, [CLI, ...a], { encoding: "utf8", timeout: 30_000, killSignal: "SIGKILL" });

describe("sat-rnn serve on bad options", () => {
  it("a busy port: one line naming it, exit 2, no stack trace", async () => {
    const { port, blocker } = await busyPort();
    try {
      const r = cli("serve", "--dir", site, "--port", String(port));
      expect(r.error).toBeUndefined();
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`sat-rnn serve: --port ${port}: 127.0.0.1:${port} is already in use (another server?); choose another port with --port P\n`);
      // with --build (what `npm start` runs) the port is taken before any build work: no build line
      const b = cli("serve", "--build", "--dir", join(site, "built"), "--port", String(port), "--model", join(PROJECT_ROOT, "data/demo/demo_model.bin"), "--corpus", join(PROJECT_ROOT, "data/demo/demo_corpus.txt"));
      expect(b.status).toBe(2);
      expect(b.stderr.trim().split("\n")).toEqual([`sat-rnn serve: --port ${port}: 127.0.0.1:${port} is already in use (another server?); choose another port with --port P`]);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it.each(["abc", "99999", "-1", "1.5", ""])("--port %j: one line, exit 2", (p) => {
    const r = cli("serve", "--dir", site, `--port=${p}`);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`sat-rnn serve: --port ${p}: expected a whole number from 0 to 65535\n`);
  });
});

describe("the static server", () => {
  it("answers a malformed URL with 400 and keeps serving; /report redirects to /report/", async () => {
    const { server, base } = await serveDist(site, "/report/", 0);
    const port = Number(new URL(base).port);
    try {
      expect((await get(port, "/report/%E0%A4%A")).status).toBe(400);
      expect((await get(port, "/report/%")).status).toBe(400);
      expect((await get(port, "/report/a%00b")).status).toBe(400);
      const home = await get(port, "/report/");
      expect(home.status).toBe(200);
      expect(home.body).toContain("<title>home</title>");
      expect((await get(port, "/report/q1")).body).toContain("<title>q1</title>");
      expect((await get(port, "/report/neurons/")).body).toContain("<title>neurons</title>");
      const redirect = await get(port, "/report?x=1");
      expect(redirect.status).toBe(301);
      expect(redirect.location).toBe("/report/?x=1");
      expect((await get(port, "/elsewhere")).status).toBe(404);
      expect((await get(port, "/report/../../etc/passwd")).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it("`sat-rnn serve` itself survives a malformed URL (the process keeps serving)", async () => {
    const child = spawn(process.execPath, [CLI, "serve", "--dir", site, "--port", "0", "--base", "/report/"], { stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    const deadline = Date.now() + 20_000;
    while (!/127\.0\.0\.1:(\d+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)![1]);
    expect((await get(port, "/report/%E0%A4%A")).status).toBe(400);
    expect((await get(port, "/report/")).status).toBe(200);
    expect((await get(port, "/report")).status).toBe(301);
    expect(child.exitCode).toBeNull();
    child.kill("SIGTERM");
  }, 30_000);
});
