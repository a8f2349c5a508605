import { describe, expect, it } from "vitest";
import type { FieldDescriptor, MessageDescriptor } from "../contract/message-descriptor.js";
import { createTextSlot, encodeProtoJson, TEXT_SLOT } from "./encode-proto-json.js";

function message(typeName: string, fields: Partial<FieldDescriptor>[]): MessageDescriptor {
  const full = fields.map((f, i) => ({
    jsonName: `f${i}`,
    protoName: `f${i}`,
    number: i + 1,
    kind: "string" as const,
    optional: false,
    repeated: false,
    ...f,
  }));
  return {
    typeName,
    fields: full,
    byJsonName: new Map(full.map((f) => [f.jsonName, f])),
    byProtoName: new Map(full.map((f) => [f.protoName, f])),
  };
}

const PHASES = { PHASE_UNSPECIFIED: 0, PHASE_READY: 1 };
const inner = message("test.Inner", [{ jsonName: "name" }, { jsonName: "count", kind: "int32" }]);
const outer = message("test.Outer", [
  { jsonName: "id" },
  { jsonName: "size", kind: "uint64" },
  { jsonName: "enabled", kind: "bool" },
  { jsonName: "phase", kind: "enum", enumNumbers: PHASES },
  { jsonName: "createdAt", kind: "timestamp" },
  { jsonName: "inner", kind: "message", message: inner },
  { jsonName: "items", kind: "message", message: inner, repeated: true },
  { jsonName: "tags", repeated: true },
  { jsonName: "limit", kind: "int32", optional: true },
  { jsonName: "odd-name" },
]);

describe("encodeProtoJson", () => {
  it("writes set fields in field order, uint64 as a string and timestamps in RFC 3339", () => {
    const json = encodeProtoJson(outer, {
      "odd-name": "quoted",
      inner: { count: 2, name: "a" },
      createdAt: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
      phase: "PHASE_READY",
      enabled: true,
      size: 12,
      id: "x",
      items: [{ name: "b" }, {}],
      tags: ["t"],
      limit: 3,
    });
    expect(json).toBe(
      '{"id":"x","size":"12","enabled":true,"phase":"PHASE_READY",' +
        '"createdAt":"2026-01-02T03:04:05.006Z","inner":{"name":"a","count":2},' +
        '"items":[{"name":"b"},{}],"tags":["t"],"limit":3,"odd-name":"quoted"}',
    );
  });

  it("leaves out defaults of fields without presence, and keeps them where presence exists", () => {
    const json = encodeProtoJson(outer, {
      id: "",
      size: 0,
      enabled: false,
      phase: "PHASE_UNSPECIFIED",
      createdAt: 0,
      inner: {},
      items: [],
      tags: [],
      limit: 0,
      "odd-name": null,
      unknown: "ignored",
    });
    expect(JSON.parse(json)).toEqual({
      createdAt: "1970-01-01T00:00:00.000Z",
      inner: {},
      limit: 0,
    });
  });

  it("writes a message type that contains itself", () => {
    const fields: FieldDescriptor[] = [
      {
        jsonName: "name",
        protoName: "name",
        number: 1,
        kind: "string",
        optional: false,
        repeated: false,
      },
    ];
    const tree: MessageDescriptor = {
      typeName: "test.Tree",
      fields,
      byJsonName: new Map(),
      byProtoName: new Map(),
    };
    fields.push({
      jsonName: "child",
      protoName: "child",
      number: 2,
      kind: "message",
      optional: false,
      repeated: false,
      message: tree,
    });
    expect(encodeProtoJson(tree, { name: "a", child: { name: "b", child: { name: "" } } })).toBe(
      '{"name":"a","child":{"name":"b","child":{}}}',
    );
  });
});

describe("strings and numbers", () => {
  it("are written exactly as JSON.stringify writes them, escapes and lone surrogates included", () => {
    const strings = [
      "plain",
      '"',
      "\\",
      "\u0000",
      "\u001f",
      "\u007f",
      "a\nb",
      "\u2028",
      "\u{1F600}",
      "\ud800",
      "x\udfff",
      "é",
    ];
    for (const name of strings) {
      expect(encodeProtoJson(inner, { name })).toBe(`{"name":${JSON.stringify(name)}}`);
    }
    for (const count of [
      1,
      -1,
      -0,
      2 ** 31 - 1,
      -(2 ** 31),
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]) {
      expect(encodeProtoJson(inner, { count })).toBe(
        count === 0 ? "{}" : `{"count":${JSON.stringify(count)}}`,
      );
    }
  });
});

describe("a message value with a text slot", () => {
  const value = () => ({ [TEXT_SLOT]: createTextSlot(), name: "a", count: 2 });

  it("keeps its text from the second write on, the same text as without a slot", () => {
    const slotted = value();
    const plain = encodeProtoJson(inner, { name: "a", count: 2 });
    expect(encodeProtoJson(inner, slotted)).toBe(plain);
    expect(slotted[TEXT_SLOT].text).toBeUndefined();
    expect(encodeProtoJson(inner, slotted)).toBe(plain);
    expect(slotted[TEXT_SLOT].text).toBe(plain);
    expect(encodeProtoJson(inner, slotted)).toBe(plain);
  });

  it("hands out the kept text without reading the value again, as its owner promised", () => {
    const slotted = value();
    encodeProtoJson(inner, slotted);
    encodeProtoJson(inner, slotted);
    slotted.name = "changed against the promise";
    expect(encodeProtoJson(inner, slotted)).toBe('{"name":"a","count":2}');
  });

  it("is written inside a larger message the same as its text alone", () => {
    const slotted = value();
    const alone = encodeProtoJson(inner, slotted);
    encodeProtoJson(inner, slotted);
    expect(encodeProtoJson(outer, { id: "x", inner: slotted, items: [slotted, slotted] })).toBe(
      `{"id":"x","inner":${alone},"items":[${alone},${alone}]}`,
    );
  });
});
