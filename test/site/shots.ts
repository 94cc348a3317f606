// Dev tool: viewport screenshots of pages while scrolling (not full-page: that resizes the viewport).
//   npx tsx test/site/shots.ts OUTDIR WIDTH HEIGHT page[@scroll1,scroll2…] …   (dist served on 127.0.0.1)
import { launch, scrollThrough } from "./browser.ts";
import { serveDist } from "../../cli/static-server.ts";
const [, , outDir = "/tmp/shots", w = "1280", h = "900", ...pages] = process.argv;
const { server, base } = await serveDist(process.env.DIST ?? "dist", "/");
const b = await launch();
const ctx = await b.newContext({ viewport: { width: Number(w), height: Number(h) }, colorScheme: (process.env.SCHEME as "dark" | "light") ?? "light" });
for (const spec of pages) {
  const [page, scrolls = "0"] = spec.split("@");
  const p = await ctx.newPage();
  const errs: string[] = [];
  p.on("console", (m) => m.type() === "error" && errs.push(m.text()));
  p.on("pageerror", (e) => errs.push(String(e)));
  await p.goto(base + page, { waitUntil: "networkidle" });
  await scrollThrough(p);
  await p.waitForTimeout(800);
  const sw = await p.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  for (const y of scrolls.split(",")) {
    await p.evaluate((yy) => window.scrollTo(0, yy), Number(y));
    await p.waitForTimeout(400);
    const name = `${outDir}/${(page || "index").replace(/\//g, "_")}-${w}-${y}.png`;
    await p.screenshot({ path: name });
  }
  console.log(page || "index", "scrollWidth/Height", sw, "errors:", errs.slice(0, 3), "cell errors:", await p.locator(".observablehq--error").count());
  await p.close();
}
await b.close();
server.close();
