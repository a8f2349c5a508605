// The package's entry re-exports every wire type generated from openapi/ without a hand list;
// a name the entry also exports from elsewhere (a world record called like a message) would
// silently hide the wire type, so each alias must resolve to its generated declaration.
import { join } from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import { API_TYPES_PATH, findClientSchemas } from "../../scripts/generate.js";
import { loadContract } from "../../src/contract/load-contract.js";
import { findPackageRoot } from "../../src/package-root.js";

const INDEX_PATH = join(findPackageRoot(), "src", "index.ts");

it("exports every generated wire type from src/index.ts as generated", () => {
  const program = ts.createProgram([INDEX_PATH], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(INDEX_PATH);
  const module = entry && checker.getSymbolAtLocation(entry);
  if (!module) throw new Error("src/index.ts did not load");
  const exported = new Map(checker.getExportsOfModule(module).map((s) => [s.name, s]));
  const wrong: string[] = [];
  const names = [...findClientSchemas(loadContract()), "paths", "components", "operations"];
  for (const name of names) {
    const symbol = exported.get(name);
    const target =
      symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const file = target?.declarations?.[0]?.getSourceFile().fileName;
    if (file !== API_TYPES_PATH) wrong.push(`${name}: ${file ?? "not exported"}`);
  }
  expect(wrong).toEqual([]);
  expect(names.length).toBeGreaterThan(15);
}, 60_000);
