/**
 * A static server for the built site on 127.0.0.1 (used by `sat-rnn serve` and the browser tests),
 * optionally under a sub-path, mapping clean URLs as static hosts do. A malformed request gets a
 * 400 and the server keeps serving; the sub-path without its slash redirects to it.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
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

function handle(root: string, prefix: string, req: IncomingMessage, res: ServerResponse): void {
  let url: URL;
  let path: string;
  try {
    url = new URL(req.url ?? "/", "http://127.0.0.1");
    path = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("bad request: malformed URL\n");
    return;
  }
  if (prefix !== "/" && url.pathname === prefix.slice(0, -1)) {
    res.writeHead(301, { location: prefix + url.search }).end();
    return;
  }
  if (!url.pathname.startsWith(prefix)) {
    res.writeHead(404).end("outside the site prefix");
    return;
  }
  if (path.includes("\0")) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("bad request: malformed URL\n");
    return;
  }
  const rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
  const candidates = [join(root, rel), join(root, `${rel}.html`), join(root, rel, "index.html")];
  const file = candidates.find((f) => existsSync(f) && statSync(f).isFile());
  if (!file) {
    res.writeHead(404).end("not found");
    return;
  }
  const body = readFileSync(file);
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  res.end(body);
}

/**
 * Serves `root` under `prefix` on 127.0.0.1:`port` (0: any free port). Rejects with the listen
 * error (EADDRINUSE, EACCES) instead of throwing it later.
 */
export function serveDist(root: string, prefix = "/", port = 0): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    try {
      handle(root, prefix, req, res);
    } catch (e) {
      // a file vanishing mid-request (a build swapping dist/), a permission problem: answer, keep serving
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`server error: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    }
  });
  server.on("clientError", (_e, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const port = (server.address() as { port: number }).port;
      resolve({ server, base: `http://127.0.0.1:${port}${prefix}` });
    });
  });
}
