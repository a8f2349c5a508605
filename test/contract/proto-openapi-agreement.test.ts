import {
  type DescField,
  type DescMessage,
  type DescOneof,
  getOption,
  hasOption,
  ScalarType,
  toJson,
} from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../../src/adapters/node/load-openapi.js";
import { createAjv } from "../../src/contract/create-ajv.js";
import { loadContract } from "../../src/contract/load-contract.js";
import type { FieldDescriptor, MessageDescriptor } from "../../src/contract/message-descriptor.js";
import {
  ConstraintSchema,
  field as fieldRules,
  Ignore,
  oneof as oneofRules,
} from "../../src/gen/buf/validate/validate_pb.js";
import { canonicalDuration } from "../../src/protocol/parse-proto-json.js";
import { PROTO_REGISTRY } from "../../src/protocol/proto-registry.js";

// proto/ is compiled into src/gen/; openapi/ is read through the same loader the server uses.
// Every field must agree in both directions, so neither file can change alone.
const contract = loadContract();
const registry = PROTO_REGISTRY;
const schemas = contract.doc.components.schemas;
const RPC_PATH = /^\/(gitpod\.v1\.[A-Za-z]+)\/([A-Za-z]+)$/;

function scalarName(scalar: ScalarType | undefined): string {
  return String(ScalarType[scalar ?? 0]).toLowerCase();
}

function typeOfElement(kind: string, field: DescField): string {
  if (kind === "scalar") return scalarName(field.scalar);
  if (kind === "enum") return `enum ${field.enum?.typeName}`;
  const message = field.message?.typeName;
  if (message === "google.protobuf.Timestamp") return "timestamp";
  if (message === "google.protobuf.Duration") return "duration";
  return `message ${message}`;
}

function protoShape(field: DescField) {
  let type: string;
  if (field.fieldKind === "map") {
    type = `map<${scalarName(field.mapKey)}, ${typeOfElement(field.mapKind, field)}>`;
  } else {
    type = typeOfElement(field.fieldKind === "list" ? field.listKind : field.fieldKind, field);
  }
  return {
    name: field.name,
    jsonName: field.jsonName,
    number: field.number,
    type,
    optional: field.proto.proto3Optional === true,
    oneof: field.proto.proto3Optional ? undefined : field.oneof?.name,
    repeated: field.fieldKind === "list",
    deprecated: field.deprecated,
  };
}

function openapiType(owner: MessageDescriptor, field: FieldDescriptor, kind: string): string {
  const property = schemas[schemaName(owner.typeName)]?.properties?.[field.jsonName];
  const element =
    field.kind === "map"
      ? property.additionalProperties
      : field.repeated
        ? property.items
        : property;
  if (kind === "enum") return `enum ${schemas[refName(enumBranch(element))]?.["x-proto-enum"]}`;
  if (kind === "message") return `message ${field.message?.typeName}`;
  return kind;
}

function openapiShape(owner: MessageDescriptor, field: FieldDescriptor) {
  const property = schemas[schemaName(owner.typeName)]?.properties?.[field.jsonName];
  const type =
    field.kind === "map"
      ? `map<string, ${openapiType(owner, field, field.mapValue ?? "")}>`
      : openapiType(owner, field, field.kind);
  return {
    name: field.protoName,
    jsonName: field.jsonName,
    number: field.number,
    type,
    optional: field.optional,
    oneof: field.oneof,
    repeated: field.repeated,
    deprecated: property.deprecated === true,
  };
}

// An enum field without `enum.defined_only` accepts any number: anyOf [the enum, an integer].
function enumBranch(schema: JsonSchema): JsonSchema {
  return Array.isArray(schema?.anyOf)
    ? schema.anyOf.find((b: JsonSchema) => typeof b.$ref === "string")
    : schema;
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

/** Every RPC openapi/ describes, by service, read from its paths (as the server routes them). */
function openapiRpcs() {
  return Object.entries(contract.doc.paths).flatMap(([path, item]) => {
    const m = RPC_PATH.exec(path);
    const post = item.post;
    if (!m || !post) return [];
    const ok = post.responses["200"] as { content: Record<string, { schema: JsonSchema }> };
    return [
      {
        service: m[1] as string,
        method: m[2] as string,
        request:
          schemas[refName(post.requestBody.content["application/json"]?.schema ?? {})]?.[
            "x-proto-message"
          ],
        response:
          schemas[refName(ok.content["application/json"]?.schema ?? {})]?.["x-proto-message"],
        idempotency: post["x-connect-idempotency"],
      },
    ];
  });
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

  it("every enum has the same values and numbers", () => {
    const enums = Object.values(schemas).filter((s) => typeof s["x-proto-enum"] === "string");
    const fromProto = [...registry]
      .filter((t) => t.kind === "enum" && t.typeName.startsWith("gitpod.v1."))
      .map((t) => t.typeName)
      .sort();
    expect(enums.map((s) => s["x-proto-enum"]).sort()).toEqual(fromProto);
    for (const schema of enums) {
      const values = registry.getEnum(schema["x-proto-enum"])?.values ?? [];
      const numbers = Object.fromEntries(values.map((v) => [v.name, v.number]));
      expect(schema["x-proto-enum-numbers"], schema["x-proto-enum"]).toEqual(numbers);
      expect(schema.enum, schema["x-proto-enum"]).toEqual(Object.keys(numbers));
    }
    // As the API's descriptors number them: in tens.
    expect(schemas.WarmPoolPhase?.["x-proto-enum-numbers"]?.WARM_POOL_PHASE_READY).toBe(20);
  });

  it("every service has the same RPCs, messages and idempotency levels", () => {
    const fromProto = [...registry]
      .flatMap((t) =>
        t.kind === "service"
          ? t.methods.map((m) => ({
              service: t.typeName,
              method: m.name,
              request: m.input.typeName,
              response: m.output.typeName,
              idempotency: MethodOptions_IdempotencyLevel[m.idempotency],
            }))
          : [],
      )
      .sort((a, b) => `${a.service}/${a.method}`.localeCompare(`${b.service}/${b.method}`));
    const fromOpenapi = openapiRpcs().sort((a, b) =>
      `${a.service}/${a.method}`.localeCompare(`${b.service}/${b.method}`),
    );
    expect(fromOpenapi).toEqual(fromProto);
    expect(fromProto.map((r) => r.service)).toEqual(
      expect.arrayContaining([
        "gitpod.v1.PrebuildService",
        "gitpod.v1.ProjectService",
        "gitpod.v1.EnvironmentService",
        "gitpod.v1.RunnerConfigurationService",
        "gitpod.v1.RunnerService",
      ]),
    );
  });
});

// The buf.validate annotations in proto/ (what protovalidate checks) and the limits in openapi/
// (what the mock checks) must state the same rules for every field of every request.
describe("proto/'s buf.validate rules and openapi/'s limits agree", () => {
  type Limits = {
    required: boolean;
    uuid: boolean;
    uri: boolean;
    minLen?: number;
    maxLen?: number;
    gte?: number;
    lte?: number;
    durationGte?: string;
    durationLte?: string;
    definedOnly: boolean;
    minItems?: number;
    maxItems?: number;
    itemsUuid: boolean;
    itemsUri: boolean;
    itemsDefinedOnly: boolean;
    cel?: unknown;
    zeroIsUnset: boolean;
    /** The rule is checked on the empty value when the field is unset (no presence, no ignore). */
    checksEmpty: boolean;
  };

  function resolve(schema: JsonSchema | undefined): JsonSchema {
    const ref = schema?.$ref;
    if (typeof ref !== "string") return schema ?? {};
    return { ...resolve(schemas[refName({ $ref: ref })]), ...schema, $ref: undefined };
  }

  function durationText(d: { seconds: bigint; nanos: number } | undefined): string | undefined {
    if (!d) return undefined;
    return `${d.seconds}${d.nanos ? `.${String(d.nanos).padStart(9, "0").replace(/0+$/, "")}` : ""}s`;
  }

  function fromAnnotations(field: DescField): Limits {
    const rules = hasOption(field, fieldRules) ? getOption(field, fieldRules) : undefined;
    const limits: Limits = {
      required: rules?.required ?? false,
      uuid: false,
      uri: false,
      definedOnly: false,
      itemsUuid: false,
      itemsUri: false,
      itemsDefinedOnly: false,
      zeroIsUnset: rules?.ignore === Ignore.IF_UNPOPULATED,
      checksEmpty: false,
    };
    if (rules && rules.cel.length > 0) {
      limits.cel = rules.cel.map((c) => toJson(ConstraintSchema, c));
    }
    const type = rules?.type;
    if (type?.case === "string") {
      limits.uuid = type.value.wellKnown.case === "uuid";
      limits.uri = type.value.wellKnown.case === "uri";
      if (type.value.minLen !== undefined) limits.minLen = Number(type.value.minLen);
      if (type.value.maxLen !== undefined) limits.maxLen = Number(type.value.maxLen);
      // protovalidate checks a well-known format on an unset proto3 string too ("" is no UUID).
      limits.checksEmpty =
        (limits.uuid || limits.uri) &&
        !limits.required &&
        !limits.zeroIsUnset &&
        field.fieldKind === "scalar" &&
        !field.proto.proto3Optional &&
        field.oneof === undefined;
    }
    if (type?.case === "enum") limits.definedOnly = type.value.definedOnly === true;
    if (type?.case === "int32") {
      const { greaterThan, lessThan } = type.value;
      if (greaterThan.case === "gte") limits.gte = greaterThan.value;
      if (lessThan.case === "lte") limits.lte = lessThan.value;
      // openapi/ says minimum/maximum only: an exclusive bound would be a rule it cannot state.
      expect(greaterThan.case, `${field.name}: gt`).not.toBe("gt");
      expect(lessThan.case, `${field.name}: lt`).not.toBe("lt");
    }
    if (type?.case === "duration") {
      const { greaterThan, lessThan } = type.value;
      expect(greaterThan.case, `${field.name}: duration bounds`).toBe("gte");
      expect(lessThan.case, `${field.name}: duration bounds`).toBe("lte");
      limits.durationGte = durationText(greaterThan.value as never);
      limits.durationLte = durationText(lessThan.value as never);
    }
    if (type?.case === "repeated") {
      if (type.value.minItems !== undefined) limits.minItems = Number(type.value.minItems);
      if (type.value.maxItems !== undefined) limits.maxItems = Number(type.value.maxItems);
      const items = type.value.items?.type;
      limits.itemsUuid = items?.case === "string" && items.value.wellKnown.case === "uuid";
      limits.itemsUri = items?.case === "string" && items.value.wellKnown.case === "uri";
      limits.itemsDefinedOnly = items?.case === "enum" && items.value.definedOnly === true;
    }
    return limits;
  }

  function fromOpenapi(owner: MessageDescriptor, field: FieldDescriptor): Limits {
    const schema = schemas[schemaName(owner.typeName)];
    const property = resolve(schema?.properties?.[field.jsonName]);
    const items = resolve(property.items);
    // An enum checks defined_only when it is the enum schema alone (not anyOf with integers).
    const closedEnum = (s: JsonSchema) => Array.isArray(s.enum) && s.anyOf === undefined;
    const limits: Limits = {
      required: (schema?.required ?? []).includes(field.jsonName),
      uuid: property.format === "uuid",
      uri: property.format === "uri",
      definedOnly: field.kind === "enum" && !field.repeated && closedEnum(property),
      itemsUuid: items.format === "uuid",
      itemsUri: items.format === "uri",
      itemsDefinedOnly: field.kind === "enum" && field.repeated && closedEnum(items),
      // ProtoJSON cannot tell a non-optional 0 from an absent field; where 0 is outside the
      // range, openapi/ reads 0 as unset, which buf.validate says with `ignore`. A Subject's ID
      // is read the same way: absent unless set.
      zeroIsUnset:
        (field.kind === "int32" &&
          !field.optional &&
          !field.repeated &&
          typeof property.minimum === "number" &&
          property.minimum > 0) ||
        (owner.typeName === "gitpod.v1.Subject" && field.protoName === "id"),
      checksEmpty: property.default === "",
    };
    if (property["x-proto-cel"]) limits.cel = [property["x-proto-cel"]];
    if (field.kind === "int32" && typeof property.minimum === "number")
      limits.gte = property.minimum;
    if (field.kind === "int32" && typeof property.maximum === "number")
      limits.lte = property.maximum;
    if (typeof property.minLength === "number") limits.minLen = property.minLength;
    if (typeof property.maxLength === "number") limits.maxLen = property.maxLength;
    if (property["x-proto-duration"]) {
      limits.durationGte = property["x-proto-duration"].gte;
      limits.durationLte = property["x-proto-duration"].lte;
    }
    if (typeof property.minItems === "number") limits.minItems = property.minItems;
    if (typeof property.maxItems === "number") limits.maxItems = property.maxItems;
    return limits;
  }

  const requests = new Map<string, MessageDescriptor>();
  const visit = (message: MessageDescriptor) => {
    if (requests.has(message.typeName)) return;
    requests.set(message.typeName, message);
    for (const f of message.fields) if (f.message) visit(f.message);
  };
  const byType = new Map([...contract.messages.values()].map((m) => [m.typeName, m]));
  for (const rpc of openapiRpcs()) {
    const request = byType.get(rpc.request);
    if (request) visit(request);
  }

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

    it(`${descriptor.typeName}: every required oneof is required in openapi/ too`, () => {
      const message = registry.getMessage(descriptor.typeName);
      const required = (message?.oneofs ?? [])
        .filter((o: DescOneof) => hasOption(o, oneofRules) && getOption(o, oneofRules).required)
        .map((o) => o.name);
      const schema = schemas[schemaName(descriptor.typeName)];
      const fromOpenapi = schema?.["x-proto-oneof-required"];
      expect(fromOpenapi === undefined ? [] : [fromOpenapi]).toEqual(required);
      if (fromOpenapi !== undefined) {
        // minProperties: 1 stands for the oneof only when the message has no other field.
        expect(schema?.minProperties).toBe(1);
        expect(descriptor.fields.every((f) => f.oneof === fromOpenapi)).toBe(true);
      }
    });
  }

  it("covers every kind of rule the contract uses, so a dropped annotation shows", () => {
    const all = [...requests.values()].flatMap((d) =>
      (registry.getMessage(d.typeName)?.fields ?? []).map(fromAnnotations),
    );
    expect(all.filter((l) => l.required && l.uuid)).toHaveLength(7);
    expect(all.filter((l) => l.checksEmpty)).toHaveLength(6);
    expect(all.filter((l) => l.gte !== undefined && l.lte !== undefined)).toHaveLength(8);
    expect(all.filter((l) => l.maxItems === 25 && l.itemsUuid)).toHaveLength(10);
    expect(all.filter((l) => l.itemsDefinedOnly)).toHaveLength(5);
    expect(all.filter((l) => l.definedOnly)).toHaveLength(2);
    expect(all.filter((l) => l.durationGte !== undefined)).toHaveLength(2);
    expect(all.filter((l) => l.cel !== undefined)).toHaveLength(2);
    expect(all.filter((l) => l.uri || l.itemsUri)).toHaveLength(2);
    expect(all.filter((l) => l.maxLen !== undefined)).toHaveLength(3);
    expect(all.filter((l) => l.zeroIsUnset)).toHaveLength(2);
  });

  // A Duration's bounds are checked by a pattern on its canonical text: the pattern must accept
  // exactly the durations within the bounds.
  it("each Duration pattern accepts exactly the durations within its bounds", () => {
    const ajv = createAjv(contract.doc);
    const seconds = (text: string) => Number(text.slice(0, -1));
    for (const schema of Object.values(schemas)) {
      for (const property of Object.values<JsonSchema>(schema.properties ?? {})) {
        const bounds = property["x-proto-duration"];
        if (!bounds) continue;
        const check = ajv.compile({ type: "string", pattern: property.pattern });
        const duration = fc
          .tuple(
            fc.oneof(
              fc.integer({ min: -10, max: 10_000 }),
              fc.constantFrom(299, 300, 301, 7199, 7200, 7201),
            ),
            fc.constantFrom("", ".0", ".5", ".000000001", ".999999999", ".000"),
          )
          .map(([s, f]) => canonicalDuration(`${s}${f}s`) ?? "");
        fc.assert(
          fc.property(duration, (text) => {
            const inside =
              seconds(text) >= seconds(bounds.gte) && seconds(text) <= seconds(bounds.lte);
            expect(check(text), text).toBe(inside);
          }),
          { numRuns: 2000, seed: 20261205 },
        );
      }
    }
  });
});
