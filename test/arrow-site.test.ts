/**
 * The site's "data" links (src/components/download.js) list exactly the tables that
 * data-loaders/tables.ts writes, each with its Arrow and CSV file, and every page's dataLinks(...)
 * names a table that exists (a typo would otherwise only fail in the browser).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TABLE_DOCS } from "../data-loaders/tables.ts";
import { PROJECT_ROOT } from "../lib/io.ts";

const DOWNLOAD = readFileSync(join(PROJECT_ROOT, "src/components/download.js"), "utf8");

function pages(dir = join(PROJECT_ROOT, "src"), out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    if (e.isDirectory()) pages(join(dir, e.name), out);
    else if (e.name.endsWith(".md")) out.push(join(dir, e.name));
  }
  return out;
}

describe("data links", () => {
  const listed = [...DOWNLOAD.matchAll(/^ {2}(\w+): \(\) => \[FileAttachment\("\.\.\/data\/tables\/(\w+)\.arrow"\)\.href, FileAttachment\("\.\.\/data\/tables\/(\w+)\.csv"\)\.href\],$/gm)];

  it("download.js lists every table, Arrow and CSV, and nothing else", () => {
    for (const m of listed) expect([m[2], m[3]]).toEqual([m[1], m[1]]);
    expect(listed.map((m) => m[1]).sort()).toEqual(Object.keys(TABLE_DOCS).sort());
  });

  it("takes only .href of table attachments (a bare .arrow/.csv attachment pulls apache-arrow and d3-dsv from a CDN)", () => {
    const attachments = [...DOWNLOAD.matchAll(/FileAttachment\("([^"]+)"\)(\.\w+)?/g)];
    expect(attachments.length).toBe(2 * listed.length + 1);
    for (const a of attachments) expect(a[2], a[1]).toBe(".href");
  });

  it("every dataLinks(...) in the pages names a listed table", () => {
    const names = new Set(Object.keys(TABLE_DOCS));
    let calls = 0;
    for (const p of pages()) {
      for (const m of readFileSync(p, "utf8").matchAll(/dataLinks\(([^)]*)\)/g)) {
        for (const s of m[1].matchAll(/"(\w+)"/g)) {
          if (/schema/.test(m[1]) && s.index! > m[1].indexOf("schema")) continue;
          calls++;
          expect(names.has(s[1]), `${p}: dataLinks("${s[1]}")`).toBe(true);
        }
      }
    }
    expect(calls).toBeGreaterThan(10);
  });
});
