import type { FieldPathElement, Violation } from "../errors/connect-error.js";
import type { FieldRule } from "../errors/field-rule-error.js";
import {
  type FieldDescriptor,
  type MessageDescriptor,
  PROTO_FIELD_TYPE,
} from "./message-descriptor.js";

/** Turns rules named by proto field names into violations with the field numbers and types of `root`. */
export function resolveFieldRules(
  rules: readonly FieldRule[],
  root: MessageDescriptor,
): Violation[] {
  return rules.map((rule) => {
    const field: FieldPathElement[] = [];
    let message: MessageDescriptor | undefined = root;
    for (const name of rule.path) {
      const descriptor: FieldDescriptor | undefined = message?.byProtoName.get(name);
      if (!descriptor) throw new Error(`${root.typeName} has no field ${rule.path.join(".")}`);
      field.push({
        fieldNumber: descriptor.number,
        fieldName: descriptor.protoName,
        fieldType: PROTO_FIELD_TYPE[descriptor.kind],
      });
      message = descriptor.message;
    }
    return { field, ruleId: rule.ruleId, message: rule.message };
  });
}
