import { describe, expect, it } from "vitest";
import type { ContractCase } from "./contract-case.js";
import { selectCases, UnknownCaseError } from "./select-cases.js";

const named = (...names: string[]): ContractCase[] =>
  names.map((name) => ({ name, rule: "", run: async () => {} }));
const cases = named(
  "list.filter-project",
  "list.filter-environment-class",
  "create.echoes-request",
  "auth.missing-token",
);
const names = (selected: ContractCase[]) => selected.map((c) => c.name);

describe("selectCases", () => {
  it("runs everything by default, keeping the order", () => {
    expect(names(selectCases(cases, [], []))).toEqual(names(cases));
  });

  it("keeps names and globs given to only, then drops those given to skip", () => {
    expect(
      names(selectCases(cases, ["list.*", "auth.missing-token"], ["list.filter-project"])),
    ).toEqual(["list.filter-environment-class", "auth.missing-token"]);
  });

  it("treats dots literally and anchors patterns at both ends", () => {
    expect(() => selectCases(cases, ["list"], [])).toThrow(UnknownCaseError);
    expect(() => selectCases(cases, ["listXfilter-project"], [])).toThrow(UnknownCaseError);
  });

  it("rejects a pattern that matches nothing, naming it", () => {
    expect(() => selectCases(cases, [], ["create.echo"])).toThrow(/"create.echo"/);
  });
});
