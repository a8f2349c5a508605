/** The protobuf shape of one field, read from the `x-proto-*` keywords of `openapi/`. */
export interface FieldDescriptor {
  jsonName: string;
  protoName: string;
  number: number;
  kind: FieldKind;
  /** proto3 `optional`: the field has presence and is written even when it holds its default. */
  optional: boolean;
  repeated: boolean;
  /** The message type of a `message` field. */
  message?: MessageDescriptor;
  /** Enum value names to numbers, for an `enum` field. */
  enumNumbers?: Readonly<Record<string, number>>;
}

export type FieldKind = "string" | "int32" | "uint64" | "bool" | "enum" | "message" | "timestamp";

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
  uint64: 4,
  bool: 8,
  enum: 14,
  message: 11,
  timestamp: 11,
};
