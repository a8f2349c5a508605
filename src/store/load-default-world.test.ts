import { describe, expect, it } from "vitest";
import { loadAjv2020 } from "../contract/create-ajv.js";
import { loadDefaultWorld } from "./load-default-world.js";
import { parseWorld } from "./parse-world.js";
import { WORLD_SCHEMA } from "./world-schema.js";

describe("loadDefaultWorld", () => {
  // At run time the shipped fixtures skip the ajv shape check for start-up speed; this is it.
  it("gives a world that passes the full shape and reference check", () => {
    const world = loadDefaultWorld();
    expect(parseWorld(structuredClone(world), "fixtures/")).toEqual(world);
  });

  it("is described by a schema that passes the JSON Schema 2020-12 meta-schema", () => {
    const ajv = new (loadAjv2020())({ strict: true });
    expect(ajv.validateSchema(WORLD_SCHEMA)).toBe(true);
  });

  it("still checks references between records", () => {
    const world = loadDefaultWorld();
    world.defaultToken = "nobody";
    expect(() => parseWorld(world, "w", { checkShape: false })).toThrow(
      "defaultToken: names no principal",
    );
  });
});
