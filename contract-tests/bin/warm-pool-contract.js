#!/usr/bin/env node
// Runs the compiled harness from dist/ (npm run build); on a fresh clone without a build it
// runs the TypeScript source through tsx, a devDependency, so `npx warm-pool-contract` works
// right after `npm ci`. From source, the repository's tsconfig maps the package's own name
// (`import("warm-pool-mock")`, how `explore` loads its reference model) to src/, whatever the
// working directory; the build resolves it through package.json `exports` instead.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = new URL("../../dist/contract-tests/src/cli.js", import.meta.url);
if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
  await import(new URL("../src/cli.ts", import.meta.url).href);
}
