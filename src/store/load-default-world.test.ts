import { describe, expect, it } from "vitest";
import { loadDefaultWorld } from "./load-default-world.js";
import { parseWorld } from "./parse-world.js";

describe("loadDefaultWorld", () => {
  // At run time the shipped fixtures skip the ajv shape check for start-up speed; this is it.
  it("gives a world that passes the full shape and reference check", () => {
    const world = loadDefaultWorld();
    expect(parseWorld(structuredClone(world), "fixtures/")).toEqual(world);
  });

  it("still checks references between records", () => {
    const world = loadDefaultWorld();
    world.defaultToken = "nobody";
    expect(() => parseWorld(world, "w", { checkShape: false })).toThrow(
      "defaultToken nobody names no principal",
    );
  });
});
