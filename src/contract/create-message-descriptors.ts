import type { FieldDescriptor, FieldKind, MessageDescriptor } from "./message-descriptor.js";
import type { JsonSchema, OpenApiDocument } from "./openapi-document.js";

const SCHEMA_REF = "#/components/schemas/";

const KINDS: Record<string, FieldKind> = {
  string: "string",
  int32: "int32",
  uint32: "uint32",
  int64: "int64",
  uint64: "uint64",
  bool: "bool",
  bytes: "bytes",
  enum: "enum",
  message: "message",
  map: "map",
  "google.protobuf.Timestamp": "timestamp",
  "google.protobuf.Duration": "duration",
};

/** Builds a descriptor for every schema of `openapi/` that names a protobuf message. */
export function createMessageDescriptors(doc: OpenApiDocument): Map<string, MessageDescriptor> {
  const schemas = doc.components.schemas;
  const byName = new Map<string, MessageDescriptor>();

  const refName = (schema: JsonSchema | undefined): string => {
    const ref = schema?.$ref;
    if (typeof ref !== "string" || !ref.startsWith(SCHEMA_REF)) {
      throw new Error(`expected a $ref to ${SCHEMA_REF}…, got ${JSON.stringify(schema)}`);
    }
    return ref.slice(SCHEMA_REF.length);
  };

  const describe = (name: string): MessageDescriptor => {
    const existing = byName.get(name);
    if (existing) return existing;
    const schema = schemas[name];
    if (!schema?.["x-proto-message"]) throw new Error(`schema ${name} is not a protobuf message`);
    const fields: FieldDescriptor[] = [];
    // Registered before its fields are read, so recursive messages terminate.
    const descriptor: MessageDescriptor = {
      typeName: schema["x-proto-message"],
      fields,
      byJsonName: new Map(),
      byProtoName: new Map(),
    };
    byName.set(name, descriptor);
    for (const [jsonName, property] of Object.entries<JsonSchema>(schema.properties ?? {})) {
      const kind = KINDS[property["x-proto-type"]];
      if (!kind) throw new Error(`${name}.${jsonName}: unknown x-proto-type`);
      const repeated = property["x-proto-repeated"] === true;
      // A map's values are described by additionalProperties, a list's items by items.
      const element =
        kind === "map" ? property.additionalProperties : repeated ? property.items : property;
      const field: FieldDescriptor = {
        jsonName,
        protoName: property["x-proto-name"],
        number: property["x-proto-number"],
        kind,
        optional: property["x-proto-optional"] === true,
        repeated,
      };
      if (typeof property["x-proto-oneof"] === "string") field.oneof = property["x-proto-oneof"];
      const elementKind = kind === "map" ? KINDS[property["x-proto-map-value"]] : kind;
      if (kind === "map") {
        if (!elementKind || elementKind === "map") {
          throw new Error(`${name}.${jsonName}: x-proto-map-value names no value kind`);
        }
        field.mapValue = elementKind;
      }
      if (elementKind === "message") field.message = describe(refName(element));
      if (elementKind === "enum") {
        field.enumNumbers = schemas[refName(enumElement(element))]?.["x-proto-enum-numbers"];
      }
      if (typeof field.protoName !== "string" || typeof field.number !== "number") {
        throw new Error(`${name}.${jsonName}: x-proto-name and x-proto-number are required`);
      }
      fields.push(field);
      (descriptor.byJsonName as Map<string, FieldDescriptor>).set(jsonName, field);
      (descriptor.byProtoName as Map<string, FieldDescriptor>).set(field.protoName, field);
    }
    return descriptor;
  };

  for (const [name, schema] of Object.entries(schemas)) {
    if (schema["x-proto-message"]) describe(name);
  }
  return byName;
}

// An enum field that accepts any number (no `enum.defined_only` rule) is written as an anyOf of
// the enum's schema and an integer; the enum's schema is the branch with a $ref.
function enumElement(schema: JsonSchema | undefined): JsonSchema | undefined {
  const anyOf = schema?.anyOf;
  if (!Array.isArray(anyOf)) return schema;
  return anyOf.find((branch: JsonSchema) => typeof branch?.$ref === "string");
}

/** The component name a `$ref` points at. */
export function schemaRefName(schema: JsonSchema | undefined): string | undefined {
  const ref = schema?.$ref;
  return typeof ref === "string" && ref.startsWith(SCHEMA_REF)
    ? ref.slice(SCHEMA_REF.length)
    : undefined;
}
