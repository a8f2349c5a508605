import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { findForeignImports } from "../../scripts/dockerfile/find-foreign-imports.js";

const root = mkdtempSync(join(tmpdir(), "foreign-imports-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("names the packages built code imports, not minified text that reads like an import", () => {
  mkdirSync(join(root, "dist"));
  writeFileSync(
    join(root, "dist", "main.js"),
    [
      'import{a}from"left-pad";import*as b from"@scope/pkg/sub";',
      'const c=require("node:fs"),d=import("./local.js");',
      // The dashboard's minified JSX once held this, which the check read as a package ",".
      't("span",{children:["(rotating: instances still from"," ",e]});',
    ].join("\n"),
  );
  expect(findForeignImports(root, "dist", ["left-pad"]).sort()).toEqual([
    "@scope/pkg (dist/main.js)",
  ]);
  expect(findForeignImports(root, "dist", ["left-pad", "@scope/pkg"])).toEqual([]);
});
