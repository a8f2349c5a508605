import {
  type DescField,
  type DescMessage,
  getOption,
  hasOption,
  ScalarType,
} from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { loadContract } from "../../src/contract/load-contract.js";
import type { FieldDescriptor, MessageDescriptor } from "../../src/contract/message-descriptor.js";
import { field as fieldRules, Ignore } from "../../src/gen/buf/validate/validate_pb.js";
import { PROTO_REGISTRY } from "../../src/protocol/proto-registry.js";

// proto/ is compiled into src/gen/; openapi/ is read through the same loader the server uses.
// Every field must agree in both directions, so neither file can change alone.
const contract = loadContract();
const registry = PROTO_REGISTRY;
const schemas = contract.doc.components.schemas;
// The requests of the warm-pool RPCs and the messages they hold.
const WARM_POOL_REQUESTS =
  /^gitpod\.v1\.((Create|Get|List|Update|Delete)WarmPools?Request(\.Filter)?|PaginationRequest)$/;

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

  it("every service has the same RPCs, messages and idempotency levels", () => {
    const line = (method: string, request: string, response: string, idempotency: string) =>
      `${method}(${request}) returns (${response}) ${idempotency}`;
    const services = [...registry].filter((type) => type.kind === "service");
    const fromProto = services
      .filter((service) => service.typeName.startsWith("gitpod.v1."))
      .flatMap((service) =>
        service.methods.map((m) =>
          line(
            `${service.typeName}/${m.name}`,
            m.input.typeName,
            m.output.typeName,
            MethodOptions_IdempotencyLevel[m.idempotency],
          ),
        ),
      )
      .sort();
    const fromOpenapi = [...contract.rpcs.values()]
      .map((rpc) =>
        line(
          `${rpc.service}/${rpc.method}`,
          rpc.request.typeName,
          rpc.response.typeName,
          rpc.idempotency,
        ),
      )
      .sort();
    expect(fromOpenapi).toEqual(fromProto);
    expect(fromOpenapi.length).toBeGreaterThanOrEqual(5);
  });
});

// The buf.validate annotations in proto/ (what protovalidate checks) and the limits in openapi/
// (what the mock checks) must state the same rules for every field of every request.
describe("proto/'s buf.validate rules and openapi/'s limits agree", () => {
  type Limits = {
    required: boolean;
    uuid: boolean;
    gte?: number;
    lte?: number;
    maxItems?: number;
    itemsUuid: boolean;
    zeroIsUnset: boolean;
  };

  function resolve(schema: Record<string, unknown> | undefined): Record<string, unknown> {
    const ref = schema?.$ref;
    if (typeof ref !== "string") return schema ?? {};
    return { ...schemas[refName({ $ref: ref })], ...schema, $ref: undefined };
  }

  function fromAnnotations(field: DescField): Limits {
    const rules = hasOption(field, fieldRules) ? getOption(field, fieldRules) : undefined;
    const limits: Limits = {
      required: rules?.required ?? false,
      uuid: false,
      itemsUuid: false,
      zeroIsUnset: rules?.ignore === Ignore.IF_UNPOPULATED,
    };
    const type = rules?.type;
    if (type?.case === "string") limits.uuid = type.value.wellKnown.case === "uuid";
    if (type?.case === "int32") {
      const { greaterThan, lessThan } = type.value;
      if (greaterThan.case === "gte") limits.gte = greaterThan.value;
      if (lessThan.case === "lte") limits.lte = lessThan.value;
      // openapi/ says minimum/maximum only: an exclusive bound would be a rule it cannot state.
      expect(greaterThan.case, `${field.name}: gt`).not.toBe("gt");
      expect(lessThan.case, `${field.name}: lt`).not.toBe("lt");
    }
    if (type?.case === "repeated") {
      if (type.value.maxItems !== undefined) limits.maxItems = Number(type.value.maxItems);
      const items = type.value.items?.type;
      limits.itemsUuid = items?.case === "string" && items.value.wellKnown.case === "uuid";
    }
    return limits;
  }

  function fromOpenapi(owner: MessageDescriptor, field: FieldDescriptor): Limits {
    const schema = schemas[schemaName(owner.typeName)];
    const property = resolve(schema?.properties?.[field.jsonName]);
    const items = resolve(property.items as Record<string, unknown> | undefined);
    const limits: Limits = {
      required: (schema?.required ?? []).includes(field.jsonName),
      uuid: property.format === "uuid",
      itemsUuid: items.format === "uuid",
      // ProtoJSON cannot tell a non-optional 0 from an absent field; where 0 is outside the
      // range, openapi/ reads 0 as unset, which buf.validate says with `ignore`.
      zeroIsUnset:
        field.kind === "int32" &&
        !field.optional &&
        !field.repeated &&
        typeof property.minimum === "number" &&
        property.minimum > 0,
    };
    if (typeof property.minimum === "number") limits.gte = property.minimum;
    if (typeof property.maximum === "number") limits.lte = property.maximum;
    if (typeof property.maxItems === "number") limits.maxItems = property.maxItems;
    return limits;
  }

  const requests = new Map<string, MessageDescriptor>();
  const visit = (message: MessageDescriptor) => {
    if (requests.has(message.typeName)) return;
    requests.set(message.typeName, message);
    for (const f of message.fields) if (f.message) visit(f.message);
  };
  for (const rpc of contract.rpcs.values()) visit(rpc.request);

  for (const descriptor of requests.values()) {
    it(`${descriptor.typeName}: every field has the same rules`, () => {
      const message = registry.getMessage(descriptor.typeName);
      const rows = (message?.fields ?? []).map((f) => {
        const owned = descriptor.byProtoName.get(f.name);
        return {
          field: f.name,
          proto: fromAnnotations(f),
          openapi: owned ? fromOpenapi(descriptor, owned) : undefined,
        };
      });
      expect(rows.map((r) => ({ field: r.field, limits: r.openapi }))).toEqual(
        rows.map((r) => ({ field: r.field, limits: r.proto })),
      );
    });
  }

  // Pinned for the warm-pool requests of the fact sheet, whose rules are known in full.
  it("covers every kind of rule the warm-pool requests use, so a dropped annotation shows", () => {
    const warmPools = [...requests.values()].filter((d) => WARM_POOL_REQUESTS.test(d.typeName));
    const all = warmPools.flatMap((d) =>
      (registry.getMessage(d.typeName)?.fields ?? []).map(fromAnnotations),
    );
    expect(all.filter((l) => l.required && l.uuid)).toHaveLength(5);
    expect(all.filter((l) => l.gte !== undefined && l.lte !== undefined)).toHaveLength(7);
    expect(all.filter((l) => l.maxItems === 25 && l.itemsUuid)).toHaveLength(2);
    expect(all.filter((l) => l.zeroIsUnset)).toHaveLength(1);
  });
});
