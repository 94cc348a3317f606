// Observable Framework configuration. The sidebar lists only the pages that exist, so a chapter
// appears as soon as its page is written and there are never placeholder pages.
import { existsSync } from "node:fs";
import { loadModelFile, resolveInputs } from "./lib/io.ts";

/**
 * The per-neuron page, rendered once as /neurons/0: `sat-rnn build` writes /neurons/0 … /neurons/{H−1}
 * from it (cli/neuron-pages.ts) instead of Framework rendering H identical pages. `sat-rnn dev`
 * serves any /neurons/<j> from the page itself.
 */
function neuronPaths(): string[] {
  if (!existsSync("src/neurons/[neuron].md")) return [];
  try {
    return loadModelFile(resolveInputs().modelPath).H > 0 ? ["/neurons/0"] : [];
  } catch {
    return []; // bad inputs are reported by the build command before Framework runs
  }
}

const chapters: { name: string; path: string }[] = [
  { name: "Q1 · Boolean automaton", path: "/q1" },
  { name: "Q2 · Offsets", path: "/q2" },
  { name: "Q3 · Neurons", path: "/q3" },
  { name: "Q4 · Saturation", path: "/q4" },
  { name: "Q5 · Redux", path: "/q5" },
  { name: "Q6 · Justification", path: "/q6" },
  { name: "Q7 · Algebra", path: "/q7" },
  { name: "Open questions (§7)", path: "/open-questions" },
];
const explorer: { name: string; path: string }[] = [
  { name: "Neurons", path: "/neurons/" },
  { name: "Text view", path: "/text" },
  { name: "Model in the browser", path: "/playground" },
];
const reference: { name: string; path: string }[] = [
  { name: "Claims ledger", path: "/claims" },
  { name: "Robustness across models", path: "/robustness" },
  // listed only when the build compares with another model (--compare / SAT_RNN_COMPARE)
  ...(process.env.SAT_RNN_COMPARE ? [{ name: "This model vs another", path: "/compare" }] : []),
  { name: "Method", path: "/method" },
  { name: "Data files", path: "/data-files" },
];

const exists = (p: { path: string }) => existsSync(`src${p.path.endsWith("/") ? `${p.path}index` : p.path}.md`);
const section = (name: string, pages: { name: string; path: string }[]) => {
  const present = pages.filter(exists);
  return present.length ? [{ name, open: true, pages: present }] : [];
};

export default {
  title: "The sat-rnn, measured",
  root: "src",
  // The build command writes into a fresh folder and swaps it in only on success (no half-written site).
  output: process.env.SAT_RNN_OUTPUT ?? "dist",
  pages: [...section("The paper's questions", chapters), ...section("Explore", explorer), ...section("Reference", reference)],
  // No Google Fonts: the site must work offline (pitfalls §3).
  globalStylesheets: [],
  // An inline icon, so browsers do not request /favicon.ico (a 404 on static hosts and sub-paths).
  // The head script runs while <head> is parsed, before the first layout: the document's language,
  // a viewport that allows zooming (Framework's own template sets maximum-scale=1), and a skip link
  // as the body's first element.
  head: `<script>document.documentElement.lang = "en";
document.querySelector('meta[name="viewport"]')?.setAttribute("content", "width=device-width, initial-scale=1");
document.addEventListener("DOMContentLoaded", () => { const a = document.createElement("a"); a.className = "skip-link"; a.href = "#observablehq-main"; a.textContent = "Skip to the content"; document.body.prepend(a); });</script>
` + '<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 16 16%22%3E%3Crect width=%2216%22 height=%2216%22 rx=%223%22 fill=%22%234269d0%22/%3E%3C/svg%3E">',
  style: "style.css",
  dynamicPaths: neuronPaths,
  toc: true,
  pager: false,
  footer: "Every number on these pages is computed from the model file at build time.",
  search: false,
  // TypeScript loaders run prebuilt (cli/loader.mjs → build/, made by cli/build-js.mjs), not through
  // tsx. They are the only loaders: the other interpreters are switched off, because Framework looks
  // for a loader of every data file under each interpreter's extension (a directory glob each time,
  // for every file a page names): with twelve of them a sat-rnn build took 55 s instead of 48 s.
  interpreters: {
    ".ts": ["node", "cli/loader.mjs"],
    ...Object.fromEntries([".js", ".py", ".r", ".R", ".rs", ".go", ".java", ".jl", ".php", ".sh", ".exe"].map((ext) => [ext, null])),
  },
};
