/** A static server for the built site on 127.0.0.1 (used by `sat-rnn serve` and the browser tests), optionally under a sub-path, mapping clean URLs as static hosts do. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".bin": "application/octet-stream",
  ".arrow": "application/vnd.apache.arrow.file",
  ".txt": "text/plain; charset=utf-8",
};

export function serveDist(root: string, prefix = "/", port = 0): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end("outside the site prefix");
      return;
    }
    const rel = normalize(decodeURIComponent(url.pathname.slice(prefix.length))).replace(/^(\.\.[/\\])+/, "");
    const candidates = [join(root, rel), join(root, `${rel}.html`), join(root, rel, "index.html")];
    const file = candidates.find((f) => existsSync(f) && statSync(f).isFile());
    if (!file) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => {
    const port = (server.address() as { port: number }).port;
    resolve({ server, base: `http://127.0.0.1:${port}${prefix}` });
  }));
}
