// Module resolution hook (registered by cli/framework-hooks.mjs): Framework's `import "glob"`
// gets the memoising wrapper cli/framework-glob.mjs, which wraps the glob Framework would have had.
const FRAMEWORK = "/@observablehq/framework/dist/";

export async function resolve(specifier, context, next) {
  const found = await next(specifier, context);
  if (specifier !== "glob" || !context.parentURL?.includes(FRAMEWORK)) return found;
  const wrapper = new URL("./framework-glob.mjs", import.meta.url);
  wrapper.searchParams.set("glob", found.url);
  return { url: wrapper.href, format: "module", shortCircuit: true };
}
