import type { FieldPathElement } from "../errors/connect-error.js";

// Field numbers and types in buf/validate/validate.proto (FieldConstraints and its rule
// messages) of the rules openapi/ can express; protovalidate reports the failed rule's path.
const MESSAGE = 11;
const BOOL = 8;
const group = (fieldName: string, fieldNumber: number): FieldPathElement => ({
  fieldName,
  fieldNumber,
  fieldType: MESSAGE,
});
const rule = (fieldName: string, fieldNumber: number, fieldType: number): FieldPathElement => ({
  fieldName,
  fieldNumber,
  fieldType,
});

const RULE_PATHS: Readonly<Record<string, readonly FieldPathElement[]>> = {
  required: [rule("required", 25, BOOL)],
  "string.uuid": [group("string", 14), rule("uuid", 22, BOOL)],
  "string.uuid_empty": [group("string", 14), rule("uuid", 22, BOOL)],
  "int32.gte_lte": [group("int32", 3), rule("gte", 5, 5)],
  "int32.gte": [group("int32", 3), rule("gte", 5, 5)],
  "int32.lte": [group("int32", 3), rule("lte", 3, 5)],
  "uint64.gte_lte": [group("uint64", 6), rule("gte", 5, 4)],
  "uint64.gte": [group("uint64", 6), rule("gte", 5, 4)],
  "uint64.lte": [group("uint64", 6), rule("lte", 3, 4)],
  "repeated.max_items": [group("repeated", 18), rule("max_items", 2, 4)],
  "enum.defined_only": [group("enum", 16), rule("defined_only", 2, BOOL)],
};

/** The path of a protovalidate rule inside FieldConstraints, e.g. `string.uuid`; [] when unknown. */
export function rulePathFor(ruleId: string): readonly FieldPathElement[] {
  return RULE_PATHS[ruleId] ?? [];
}
