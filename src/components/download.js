// "data" links: each chart or table of the report links the Arrow file and the CSV it is drawn
// from (data/tables/<name>.arrow|.csv, written by data-loaders/tables.ts), and the schema page
// documents their columns. FileAttachment needs literal paths, so every table is listed here once
// (and only `.href` is taken: a bare .arrow/.csv attachment would make Framework fetch apache-arrow
// and d3-dsv from a CDN, pitfalls §1);
// test/arrow-site.test.ts checks this list is exactly the tables data-loaders/tables.ts writes.
import {FileAttachment} from "observablehq:stdlib";

const FILES = {
  positions: () => [FileAttachment("../data/tables/positions.arrow").href, FileAttachment("../data/tables/positions.csv").href],
  neurons: () => [FileAttachment("../data/tables/neurons.arrow").href, FileAttachment("../data/tables/neurons.csv").href],
  ledger: () => [FileAttachment("../data/tables/ledger.arrow").href, FileAttachment("../data/tables/ledger.csv").href],
  h: () => [FileAttachment("../data/tables/h.arrow").href, FileAttachment("../data/tables/h.csv").href],
  z: () => [FileAttachment("../data/tables/z.arrow").href, FileAttachment("../data/tables/z.csv").href],
  q1_sparsity: () => [FileAttachment("../data/tables/q1_sparsity.arrow").href, FileAttachment("../data/tables/q1_sparsity.csv").href],
  q2_offsets: () => [FileAttachment("../data/tables/q2_offsets.arrow").href, FileAttachment("../data/tables/q2_offsets.csv").href],
  q3_knockouts: () => [FileAttachment("../data/tables/q3_knockouts.arrow").href, FileAttachment("../data/tables/q3_knockouts.csv").href],
  q3_subsets: () => [FileAttachment("../data/tables/q3_subsets.arrow").href, FileAttachment("../data/tables/q3_subsets.csv").href],
  q4_coflips: () => [FileAttachment("../data/tables/q4_coflips.arrow").href, FileAttachment("../data/tables/q4_coflips.csv").href],
  q4_dwell: () => [FileAttachment("../data/tables/q4_dwell.arrow").href, FileAttachment("../data/tables/q4_dwell.csv").href],
  q5_grid: () => [FileAttachment("../data/tables/q5_grid.arrow").href, FileAttachment("../data/tables/q5_grid.csv").href],
  q5_pruning: () => [FileAttachment("../data/tables/q5_pruning.arrow").href, FileAttachment("../data/tables/q5_pruning.csv").href],
  q7_offsets: () => [FileAttachment("../data/tables/q7_offsets.arrow").href, FileAttachment("../data/tables/q7_offsets.csv").href],
};

export const TABLE_NAMES = Object.keys(FILES);

function files(name) {
  const f = FILES[name];
  if (!f) throw new Error(`download.js: no table named ${name}`);
  return f();
}

/** The Arrow table `name`, read with Arquero (explicitly from node_modules: no CDN). */
export async function loadTable(name) {
  const aq = (await import("arquero/dist/arquero.min.js")).default; // UMD bundle: its exports are the default
  const response = await fetch(files(name)[0]);
  if (!response.ok) throw new Error(`${name}.arrow: ${response.status}`);
  return aq.fromArrow(await response.arrayBuffer());
}

function link(href, label, title, download) {
  const a = document.createElement("a");
  a.href = href;
  a.download = download;
  a.textContent = label;
  a.title = title;
  return a;
}

/**
 * A small line "data: name (Arrow · CSV · columns)" for each table `names`; options.schema is the
 * schema page's URL relative to the page ("./data-files", or "../data-files" one folder down).
 */
export function dataLinks(...args) {
  const opts = typeof args[args.length - 1] === "object" ? args.pop() : {};
  const schema = opts.schema ?? "./data-files";
  const p = document.createElement("p");
  p.className = "data-links";
  p.append("data: ");
  args.forEach((name, i) => {
    const [arrow, csv] = files(name);
    if (i) p.append(" · ");
    const s = document.createElement("span");
    s.append(`${name} (`, link(arrow, "Arrow", `${name}.arrow: Apache Arrow IPC file (Feather v2)`, `${name}.arrow`), ", ", link(csv, "CSV", `${name}.csv`, `${name}.csv`), ", ");
    const c = document.createElement("a");
    c.href = `${schema}#table-${name}`;
    c.textContent = "columns";
    s.append(c, ")");
    p.append(s);
  });
  return p;
}

/** The link to every table (Arrow + CSV), schema.json and every chapter's JSON, as one archive. */
export function allDataLink(label = "all data (.tar)") {
  const href = FileAttachment("../data/tables.tar").href;
  return link(href, label, "every table as Arrow and CSV, schema.json, and each chapter's JSON: one uncompressed tar", "sat-rnn-data.tar");
}
