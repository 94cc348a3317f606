/** The neuron pages written from Framework's one rendered template (cli/neuron-pages.ts). */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeNeuronPages } from "../cli/neuron-pages.ts";
import { tar } from "../data-loaders/common.ts";

const TEMPLATE = `<!DOCTYPE html><title>Neuron | site</title><script type="module">
const PAGE = {neuron: "@@neuron@@", file: "@@neuron-file@@"};
const j = Number(PAGE.neuron.startsWith("@@") ? "0" : PAGE.neuron);
</script>`;

function site(template = TEMPLATE): string {
  const dir = mkdtempSync(join(tmpdir(), "sat-rnn-neuron-pages-"));
  mkdirSync(join(dir, "neurons"));
  writeFileSync(join(dir, "neurons/0.html"), template);
  return dir;
}

const enc = new TextEncoder();
const archive = (n: number) => tar(new Map<string, string | Uint8Array>([["q1.json", "{}"], ["neuron/index.json", "[]"], ...Array.from({ length: n }, (_, j) => [`neuron/${j}.json`, `{"j":${j}}`] as [string, string])]));

describe("writeNeuronPages", () => {
  it("writes one page per neuron with its index, its title and its content-hashed data file", () => {
    const dir = site();
    expect(writeNeuronPages(dir, archive(12))).toBe(12);
    expect(readdirSync(join(dir, "neurons")).sort()).toEqual(Array.from({ length: 12 }, (_, j) => `${j}.html`).sort());
    const page = readFileSync(join(dir, "neurons/11.html"), "utf8");
    const hash = createHash("sha256").update(enc.encode(`{"j":11}`)).digest("hex").slice(0, 8);
    expect(page).toContain(`const PAGE = {neuron: "11", file: "../_file/data/neuron/11.${hash}.json"};`);
    expect(page).toContain(`PAGE.neuron.startsWith("@@")`); // the check itself is left alone
    expect(page).toContain("<title>Neuron h11 | site</title>");
    expect(readFileSync(join(dir, `_file/data/neuron/11.${hash}.json`), "utf8")).toBe(`{"j":11}`);
    // neuron/index.json is not a neuron
    expect(readdirSync(join(dir, "_file/data/neuron"))).toHaveLength(12);
  });

  it("writes nothing without a template, and fails clearly without placeholders or neuron files", () => {
    const empty = mkdtempSync(join(tmpdir(), "sat-rnn-neuron-pages-"));
    expect(writeNeuronPages(empty, archive(3))).toBe(0);
    expect(() => writeNeuronPages(site("<title>Neuron</title>"), archive(3))).toThrow(/lacks its placeholders/);
    expect(() => writeNeuronPages(site(), archive(0))).toThrow(/holds no data\/neuron/);
  });
});
