import type { ErrorObject } from "ajv";
import type { FieldPathElement, Violation } from "../errors/connect-error.js";
import {
  type FieldDescriptor,
  type MessageDescriptor,
  PROTO_FIELD_TYPE,
} from "./message-descriptor.js";

/** Turns ajv errors into protovalidate violations: proto field paths, rule ids and wording. */
export function toViolations(errors: readonly ErrorObject[], root: MessageDescriptor): Violation[] {
  const violations: Violation[] = [];
  for (const error of errors) {
    const segments = error.instancePath.split("/").slice(1).map(unescapePointer);
    if (error.keyword === "required") segments.push(String(error.params.missingProperty));
    const field = toFieldPath(segments, root);
    const rule = describeRule(error, field.at(-1));
    violations.push({ field, ...rule });
  }
  // protovalidate reports fields in declaration order; ajv in its own evaluation order.
  return violations.sort((a, b) => comparePaths(a.field, b.field));
}

function describeRule(
  error: ErrorObject,
  last: FieldPathElement | undefined,
): { ruleId: string; message: string } {
  const schema = error.parentSchema ?? {};
  const prefix = last?.fieldType === PROTO_FIELD_TYPE.uint64 ? "uint64" : "int32";
  switch (error.keyword) {
    case "required":
      return { ruleId: "required", message: "value is required" };
    case "format":
      if (error.params.format === "uuid") {
        return error.data === ""
          ? { ruleId: "string.uuid_empty", message: "value is empty, which is not a valid UUID" }
          : { ruleId: "string.uuid", message: "value must be a valid UUID" };
      }
      return {
        ruleId: `string.${error.params.format}`,
        message: `value must be a valid ${error.params.format}`,
      };
    case "minimum":
    case "maximum":
      if (typeof schema.minimum === "number" && typeof schema.maximum === "number") {
        return {
          ruleId: `${prefix}.gte_lte`,
          message: `value must be greater than or equal to ${schema.minimum} and less than or equal to ${schema.maximum}`,
        };
      }
      return error.keyword === "minimum"
        ? {
            ruleId: `${prefix}.gte`,
            message: `value must be greater than or equal to ${schema.minimum}`,
          }
        : {
            ruleId: `${prefix}.lte`,
            message: `value must be less than or equal to ${schema.maximum}`,
          };
    case "maxItems":
      return {
        ruleId: "repeated.max_items",
        message: `value must contain no more than ${error.params.limit} item(s)`,
      };
    case "enum":
      return {
        ruleId: "enum.defined_only",
        message: "value must be one of the defined enum values",
      };
    default:
      return { ruleId: error.keyword, message: error.message ?? "value is invalid" };
  }
}

function toFieldPath(segments: string[], root: MessageDescriptor): FieldPathElement[] {
  const path: FieldPathElement[] = [];
  let message: MessageDescriptor | undefined = root;
  for (const segment of segments) {
    const previous = path.at(-1);
    if (/^\d+$/.test(segment) && previous && previous.index === undefined) {
      previous.index = Number(segment);
      continue;
    }
    const field: FieldDescriptor | undefined = message?.byJsonName.get(segment);
    path.push({
      fieldNumber: field?.number ?? 0,
      fieldName: field?.protoName ?? segment,
      fieldType: field ? PROTO_FIELD_TYPE[field.kind] : 0,
    });
    message = field?.message;
  }
  return path;
}

function comparePaths(a: FieldPathElement[], b: FieldPathElement[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as FieldPathElement;
    const y = b[i] as FieldPathElement;
    if (x.fieldNumber !== y.fieldNumber) return x.fieldNumber - y.fieldNumber;
    if ((x.index ?? -1) !== (y.index ?? -1)) return (x.index ?? -1) - (y.index ?? -1);
  }
  return a.length - b.length;
}

function unescapePointer(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}
