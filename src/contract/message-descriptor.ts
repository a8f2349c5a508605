/** The protobuf shape of one field, read from the `x-proto-*` keywords of `openapi/`. */
export interface FieldDescriptor {
  jsonName: string;
  protoName: string;
  number: number;
  kind: FieldKind;
  /** proto3 `optional`: the field has presence and is written even when it holds its default. */
  optional: boolean;
  repeated: boolean;
  /** The oneof the field belongs to: it has presence, and only one of the oneof's fields may be set. */
  oneof?: string;
  /** The message type of a `message` field (or of a `map` field's values). */
  message?: MessageDescriptor;
  /** Enum value names to numbers, for an `enum` field. */
  enumNumbers?: Readonly<Record<string, number>>;
  /** The kind of a `map` field's values (its keys are strings). */
  mapValue?: Exclude<FieldKind, "map">;
}

export type FieldKind =
  | "string"
  | "int32"
  | "uint32"
  | "int64"
  | "uint64"
  | "bool"
  | "bytes"
  | "enum"
  | "message"
  | "timestamp"
  | "duration"
  | "map";

/** The protobuf shape of one message, with lookups by JSON and proto field name. */
export interface MessageDescriptor {
  typeName: string;
  fields: readonly FieldDescriptor[];
  byJsonName: ReadonlyMap<string, FieldDescriptor>;
  byProtoName: ReadonlyMap<string, FieldDescriptor>;
}

/** protobuf FieldDescriptorProto.Type numbers, used in protovalidate field paths. */
export const PROTO_FIELD_TYPE: Record<FieldKind, number> = {
  string: 9,
  int32: 5,
  uint32: 13,
  int64: 3,
  uint64: 4,
  bool: 8,
  bytes: 12,
  enum: 14,
  message: 11,
  timestamp: 11,
  duration: 11,
  map: 11,
};

/** Whether a field is written even when it holds its default: proto3 optional, oneof members and messages. */
export function hasPresence(field: FieldDescriptor): boolean {
  return (
    field.optional ||
    field.oneof !== undefined ||
    field.kind === "message" ||
    field.kind === "timestamp" ||
    field.kind === "duration"
  );
}
