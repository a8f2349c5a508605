import { type DescField, type DescMessage, ScalarType } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { PrebuildService } from "../../src/gen/gitpod/v1/prebuild_pb.js";
import { PROTO_REGISTRY } from "../../src/protocol/proto-registry.js";
import { loadContract } from "../../src/validation/load-contract.js";
import type {
  FieldDescriptor,
  MessageDescriptor,
} from "../../src/validation/message-descriptor.js";

// proto/ is compiled into src/gen/; openapi/ is read through the same loader the server uses.
// Every field must agree in both directions, so neither file can change alone.
const contract = loadContract();
const registry = PROTO_REGISTRY;
const schemas = contract.doc.components.schemas;

function protoShape(field: DescField) {
  const kind = field.fieldKind === "list" ? field.listKind : field.fieldKind;
  const message = field.message?.typeName;
  const enumType = field.enum?.typeName;
  let type: string;
  if (kind === "scalar") type = String(ScalarType[field.scalar ?? 0]).toLowerCase();
  else if (kind === "enum") type = `enum ${enumType}`;
  else type = message === "google.protobuf.Timestamp" ? "timestamp" : `message ${message}`;
  return {
    name: field.name,
    jsonName: field.jsonName,
    number: field.number,
    type,
    optional: field.proto.proto3Optional === true,
    repeated: field.fieldKind === "list",
    deprecated: field.deprecated,
  };
}

function openapiShape(owner: MessageDescriptor, field: FieldDescriptor) {
  const property = schemas[schemaName(owner.typeName)]?.properties?.[field.jsonName];
  const element = field.repeated ? property.items : property;
  let type: string = field.kind;
  if (field.kind === "enum") type = `enum ${schemas[refName(element)]?.["x-proto-enum"]}`;
  if (field.kind === "message") type = `message ${field.message?.typeName}`;
  return {
    name: field.protoName,
    jsonName: field.jsonName,
    number: field.number,
    type,
    optional: field.optional,
    repeated: field.repeated,
    deprecated: property.deprecated === true,
  };
}

function schemaName(typeName: string): string {
  const entry = Object.entries(schemas).find(([, s]) => s["x-proto-message"] === typeName);
  if (!entry) throw new Error(`no openapi schema for ${typeName}`);
  return entry[0];
}

function refName(schema: { $ref?: string }): string {
  return String(schema.$ref).split("/").at(-1) ?? "";
}

function protoMessages(): DescMessage[] {
  return [...registry].filter(
    (type): type is DescMessage =>
      type.kind === "message" && type.typeName.startsWith("gitpod.v1."),
  );
}

describe("proto/ and openapi/ describe the same messages", () => {
  it("name the same set of gitpod.v1 messages", () => {
    const fromProto = protoMessages()
      .map((m) => m.typeName)
      .sort();
    const fromOpenapi = [...contract.messages.values()].map((m) => m.typeName).sort();
    expect(fromOpenapi).toEqual(fromProto);
  });

  for (const descriptor of loadContract().messages.values()) {
    it(`${descriptor.typeName}: every field agrees`, () => {
      const message = registry.getMessage(descriptor.typeName);
      expect(message, `${descriptor.typeName} missing from proto/`).toBeDefined();
      const fromProto = (message?.fields ?? []).map(protoShape);
      const fromOpenapi = descriptor.fields.map((f) => openapiShape(descriptor, f));
      const byNumber = <T extends { number: number }>(a: T, b: T) => a.number - b.number;
      expect(fromOpenapi.sort(byNumber)).toEqual(fromProto.sort(byNumber));
    });
  }

  it("WarmPoolPhase has the same values and numbers", () => {
    const phase = registry.getEnum("gitpod.v1.WarmPoolPhase");
    const fromProto = Object.fromEntries((phase?.values ?? []).map((v) => [v.name, v.number]));
    expect(schemas.WarmPoolPhase?.["x-proto-enum"]).toBe("gitpod.v1.WarmPoolPhase");
    expect(schemas.WarmPoolPhase?.["x-proto-enum-numbers"]).toEqual(fromProto);
    expect(schemas.WarmPoolPhase?.enum).toEqual(Object.keys(fromProto));
  });

  it("the service has the same RPCs, messages and idempotency levels", () => {
    const fromProto = PrebuildService.methods
      .map((m) => ({
        method: m.name,
        request: m.input.typeName,
        response: m.output.typeName,
        idempotency: MethodOptions_IdempotencyLevel[m.idempotency],
      }))
      .sort((a, b) => a.method.localeCompare(b.method));
    const fromOpenapi = [...contract.rpcs.values()]
      .map((rpc) => ({
        method: rpc.method,
        request: rpc.request.typeName,
        response: rpc.response.typeName,
        idempotency: rpc.idempotency,
      }))
      .sort((a, b) => a.method.localeCompare(b.method));
    expect(PrebuildService.typeName).toBe("gitpod.v1.PrebuildService");
    expect(fromOpenapi).toEqual(fromProto);
  });
});
