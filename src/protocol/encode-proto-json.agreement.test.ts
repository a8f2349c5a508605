import { fromJson, type JsonValue, toJson } from "@bufbuild/protobuf";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadContract } from "../contract/load-contract.js";
import { createTextSlot, encodeProtoJson, TEXT_SLOT } from "./encode-proto-json.js";
import { getProtoSchema } from "./proto-registry.js";

// protobuf-es is the reference: our text, read by it and written back, must come out the same,
// field order included. Only timestamps are compared as instants, since protobuf-es leaves out
// a fraction of .000 that we always write (both are valid RFC 3339 for ProtoJSON).
const { messages } = loadContract();
const listResponse = messages.get("ListWarmPoolsResponse");
if (!listResponse) throw new Error("ListWarmPoolsResponse is not in openapi/");
const schema = getProtoSchema(listResponse.typeName);

// The phase names as openapi/ declares them for the status's phase field.
const PHASES = Object.keys(
  messages.get("WarmPoolStatus")?.byJsonName.get("phase")?.enumNumbers ?? {},
);
if (PHASES.length < 2) throw new Error("WarmPoolStatus.phase has no enum values in openapi/");
// Strings that need escaping in JSON, next to the IDs and names that need none. (A lone
// surrogate is no proto string, so protobuf-es refuses it; the unit tests cover it.)
const awkward = fc.constantFrom('"', "\\", "\u0000", "\u001f", "a\nb", "\u2028", "\u{1F600}", "é");
const text = fc.oneof(
  fc.constant(""),
  fc.uuid(),
  awkward,
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
);
const int32 = fc.oneof(fc.constant(0), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
const uint64 = fc.oneof(fc.constant(0), fc.maxSafeNat());
const instant = fc.integer({ min: 0, max: 253_402_300_799_999 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const pool = fc.record({
  id: text,
  metadata: fc.record({
    organizationId: text,
    projectId: text,
    environmentClassId: text,
    runnerId: text,
    createdAt: instant,
    updatedAt: instant,
  }),
  spec: fc.record({
    specVersion: uint64,
    desiredSize: int32,
    snapshotId: maybe(text),
    desiredPhase: fc.constantFrom(...PHASES),
    minSize: maybe(int32),
    maxSize: maybe(int32),
  }),
  status: fc.record({
    phase: fc.constantFrom(...PHASES),
    failureMessage: text,
    statusVersion: uint64,
    runningInstances: int32,
    stoppedInstances: int32,
    desiredSize: int32,
  }),
});
const page = fc.record({
  pagination: fc.record({ nextToken: text }),
  warmPools: fc.array(fc.tuple(pool, fc.boolean()), { maxLength: 4 }),
});

function instantsOf(json: unknown): unknown {
  return JSON.parse(JSON.stringify(json), (key, value) =>
    (key === "createdAt" || key === "updatedAt") && typeof value === "string"
      ? Date.parse(value)
      : value,
  );
}

describe("encodeProtoJson agrees with protobuf-es", () => {
  it("on generated ListWarmPools pages, pools with and without text slots, written twice", () => {
    fc.assert(
      fc.property(page, ({ pagination, warmPools }) => {
        const value = {
          pagination,
          warmPools: warmPools.map(([p, slotted]) =>
            slotted ? { ...p, [TEXT_SLOT]: createTextSlot() } : p,
          ),
        };
        const first = encodeProtoJson(listResponse, value);
        expect(encodeProtoJson(listResponse, value)).toBe(first);
        const reference = toJson(schema, fromJson(schema, JSON.parse(first) as JsonValue));
        expect(JSON.stringify(instantsOf(JSON.parse(first)))).toBe(
          JSON.stringify(instantsOf(reference)),
        );
      }),
      { numRuns: 500, seed: 20261202 },
    );
  });
});
