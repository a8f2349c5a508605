import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";

// ESM imports, createRequire(import.meta.url)("x") for what loads on first use, and the
// require() calls a bundle keeps for what it leaves to node_modules.
const IMPORTS =
  /(?:from|import\(|require\(|createRequire\(import\.meta\.url\)\()\s*["']([^"'.][^"']*)["']/g;

/** npm's rule for a package name: lower case, optionally scoped, no spaces or punctuation. */
const PACKAGE_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;

/**
 * The packages the JavaScript in `root`'s folder `under` imports at run time that are neither
 * Node built-ins nor in `dependencies` (an image installs those only), as `name (file)` with
 * the file relative to `root`.
 */
export function findForeignImports(
  root: string,
  under: string,
  dependencies: readonly string[],
): string[] {
  const allowed = new Set([...dependencies, ...builtinModules]);
  const foreign = new Set<string>();
  for (const file of listFiles(join(root, under))) {
    if (!file.endsWith(".js")) continue;
    for (const m of readFileSync(file, "utf8").matchAll(IMPORTS)) {
      const spec = (m[1] as string).replace(/^node:/, "");
      const name = spec.startsWith("@")
        ? spec.split("/").slice(0, 2).join("/")
        : spec.split("/")[0];
      // Minified text can read like an import (`"…still from"," "`): only a package name counts.
      if (name && PACKAGE_NAME.test(name) && !allowed.has(name))
        foreign.add(`${name} (${relative(root, file)})`);
    }
  }
  return [...foreign];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
