import { fromJson, type JsonValue, toJson } from "@bufbuild/protobuf";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadContract } from "../contract/load-contract.js";
import type { FieldDescriptor, MessageDescriptor } from "../contract/message-descriptor.js";
import {
  createTextSlot,
  encodeProtoJson,
  type MessageValue,
  TEXT_SLOT,
} from "./encode-proto-json.js";
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

// Every message of the contract, generated from its descriptor: each kind of field (int64,
// bytes, Durations, maps, oneofs, open enums, nested and repeated messages) meets the reference.
const RESPONSES = [...messages.entries()].filter(([name]) => name.endsWith("Response"));

function valueFor(descriptor: MessageDescriptor, depth: number): fc.Arbitrary<MessageValue> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  const oneofs = new Map<string, FieldDescriptor[]>();
  for (const field of descriptor.fields) {
    if (field.oneof !== undefined) {
      oneofs.set(field.oneof, [...(oneofs.get(field.oneof) ?? []), field]);
      continue;
    }
    const one = elementFor(field, field.kind, depth);
    if (!one) continue;
    if (field.kind === "map") {
      fields[field.jsonName] = maybe(
        fc.dictionary(fc.string({ maxLength: 4 }), one, { maxKeys: 2 }),
      );
    } else if (field.repeated) {
      fields[field.jsonName] = maybe(fc.array(one, { maxLength: 2 }));
    } else {
      fields[field.jsonName] = maybe(one);
    }
  }
  const members = [...oneofs.values()].map((candidates) =>
    fc.option(
      fc.oneof(
        ...candidates.flatMap((field) => {
          const one = elementFor(field, field.kind, depth);
          return one ? [one.map((value) => [field.jsonName, value] as const)] : [];
        }),
      ),
      { nil: undefined },
    ),
  );
  return fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.tuple(...members))
    .map(([value, chosen]) => {
      const out: MessageValue = { ...value };
      for (const member of chosen) if (member) out[member[0]] = member[1];
      return out;
    });
}

function elementFor(
  field: FieldDescriptor,
  kind: FieldDescriptor["kind"],
  depth: number,
): fc.Arbitrary<unknown> | undefined {
  switch (kind) {
    case "string":
      return text;
    case "bool":
      return fc.boolean();
    case "int32":
      return int32;
    case "uint32":
      return fc.nat({ max: 2 ** 32 - 1 });
    case "int64":
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);
    case "uint64":
      return uint64;
    case "bytes":
      return fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b).toString("base64"));
    case "timestamp":
      return instant;
    case "duration":
      // ProtoJSON writes 0, 3, 6 or 9 fractional digits, as protobuf-es does.
      return fc
        .tuple(
          fc.integer({ min: -10_000, max: 10_000 }),
          fc.constantFrom("", ".500", ".000001", ".000000007"),
        )
        .map(
          ([seconds, fraction]) =>
            `${seconds < 0 && fraction ? seconds : seconds}${seconds === 0 && fraction ? "" : fraction}s`,
        );
    case "enum": {
      const names = Object.keys(field.enumNumbers ?? {});
      return fc.constantFrom(...names);
    }
    case "message":
      return field.message && depth < 4 ? valueFor(field.message, depth + 1) : undefined;
    case "map":
      return elementFor(field, field.mapValue ?? "string", depth);
  }
}

function comparable(json: unknown): unknown {
  return JSON.parse(JSON.stringify(json), (_key, value) =>
    typeof value === "string" && /^\d{4}-\d\d-\d\dT/.test(value) ? Date.parse(value) : value,
  );
}

describe("encodeProtoJson agrees with protobuf-es on every response message", () => {
  for (const [name, descriptor] of RESPONSES) {
    it(name, () => {
      const reference = getProtoSchema(descriptor.typeName);
      fc.assert(
        fc.property(valueFor(descriptor, 0), (value) => {
          const ours = encodeProtoJson(descriptor, value);
          const theirs = toJson(reference, fromJson(reference, JSON.parse(ours) as JsonValue));
          expect(JSON.stringify(comparable(JSON.parse(ours)))).toBe(
            JSON.stringify(comparable(theirs)),
          );
        }),
        { numRuns: 60, seed: 20261205 },
      );
    });
  }
});
