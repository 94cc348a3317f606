// Loaded into the Framework process of `sat-rnn build` (node --import, cli/site.ts startFramework).
// Framework looks up the loader of every file a page names by globbing the directories of src/ for
// parameterised names (route.js, a fresh `globSync` each time): in a build that was 10 of its 22 s
// on the demo model. Nothing under src/ changes while a build runs, so each answer is kept.
import { register } from "node:module";

register("./framework-hooks-resolve.mjs", import.meta.url);
