// `globSync` for Framework's build with every answer kept (see cli/framework-hooks.mjs): the same
// pattern and options in the same folder give the same files for the whole build.
const glob = await import(new URL(import.meta.url).searchParams.get("glob"));
const answers = new Map();

export function globSync(pattern, options = {}) {
  const key = JSON.stringify([pattern, options]);
  let files = answers.get(key);
  if (!files) answers.set(key, (files = glob.globSync(pattern, options)));
  return [...files];
}
