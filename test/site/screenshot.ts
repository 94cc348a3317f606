// Dev tool: screenshot one page of a built site.  npx tsx test/site/screenshot.ts [page] [out.png] [width] [dist] [clipY]
import { launch, scrollThrough } from "./browser.ts";
import { serveDist } from "../../cli/static-server.ts";
const [,, page = "", out = "/tmp/shot.png", width = "1200", dir = "dist", clipY] = process.argv;
const { server, base } = await serveDist(dir, "/");
const b = await launch();
const p = await b.newPage({ viewport: { width: Number(width), height: 900 } });
const errs: string[] = [];
p.on("console", (m) => m.type() === "error" && errs.push(m.text()));
p.on("pageerror", (e) => errs.push(String(e)));
await p.goto(base + page, { waitUntil: "networkidle" });
await scrollThrough(p); // charts below the fold are drawn when scrolled into view
await p.waitForTimeout(1500);
// With clipY: a 1400 px tall slice of the page starting at that offset (legible in an image viewer).
await p.screenshot({ path: out, fullPage: true, ...(clipY ? { clip: { x: 0, y: Number(clipY), width: Number(width), height: 1400 } } : {}) });
console.log("errors:", errs, "cell errors:", await p.locator(".observablehq--error").count());
await b.close(); server.close();
