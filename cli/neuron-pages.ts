/**
 * The per-neuron pages of a built site. Framework renders src/neurons/[neuron].md once, as
 * /neurons/0 (observablehq.config.ts), and this writes /neurons/0 … /neurons/{H−1} from it: each a
 * copy of the template with its neuron index and its data file filled in, and each data file
 * (data/neuron/<j>.json of the report archive) under a content-hashed name, as Framework names
 * files. Rendering the H identical pages in Framework took most of a build (a sat-rnn build with
 * loaders cached: 44 s with 128 rendered pages, 21 s with one).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { untar } from "../data-loaders/common.ts";

/** The placeholders of the template (src/neurons/[neuron].md). */
const NEURON = "@@neuron@@";
const FILE = "@@neuron-file@@";

/**
 * Writes the neuron pages of the site in `site` from its template page and the report archive's
 * bytes. Returns the number of pages written (0 when the site has no neuron page template).
 */
export function writeNeuronPages(site: string, archive: Uint8Array): number {
  const templatePath = join(site, "neurons/0.html");
  if (!existsSync(templatePath)) return 0;
  const template = readFileSync(templatePath, "utf8");
  if (!template.includes(NEURON) || !template.includes(FILE)) throw new Error(`${templatePath}: the neuron page template lacks its placeholders (${NEURON}, ${FILE})`);
  const files = [...untar(archive)]
    .map(([name, body]) => [/^neuron\/(\d+)\.json$/.exec(name)?.[1], body] as const)
    .filter((e): e is readonly [string, Uint8Array] => e[0] !== undefined)
    .map(([j, body]) => [Number(j), body] as const)
    .sort((a, b) => a[0] - b[0]);
  if (!files.length) throw new Error("the report archive holds no data/neuron/<j>.json: the neuron pages cannot be written");
  mkdirSync(join(site, "_file/data/neuron"), { recursive: true });
  for (const [j, body] of files) {
    const name = `${j}.${createHash("sha256").update(body).digest("hex").slice(0, 8)}.json`;
    writeFileSync(join(site, "_file/data/neuron", name), body);
    const page = template
      .replaceAll(`"${NEURON}"`, JSON.stringify(String(j)))
      .replaceAll(`"${FILE}"`, JSON.stringify(`../_file/data/neuron/${name}`))
      .replace(/<title>Neuron\b/, `<title>Neuron h${j}`);
    writeFileSync(join(site, `neurons/${j}.html`), page);
  }
  return files.length;
}
