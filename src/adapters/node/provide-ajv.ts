// Imported for its effect by every Node entry: ajv is required on first use, not at start-up.
import { createRequire } from "node:module";
import { provideAjv } from "../../contract/create-ajv.js";

provideAjv(() => {
  // esbuild bundles a literal require() (and in its output `typeof require` is its own helper,
  // always a function), so the CLI bundle carries ajv, still evaluated on this first call rather
  // than read from node_modules file by file. tsc and tsx output is ESM without `require`.
  const ajv = (
    typeof require === "function"
      ? require("ajv/dist/2020.js")
      : createRequire(import.meta.url)("ajv/dist/2020.js")
  ) as typeof import("ajv/dist/2020.js");
  return ajv.Ajv2020;
});
