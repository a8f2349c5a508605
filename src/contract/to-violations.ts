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
    const oneof = error.parentSchema?.["x-proto-oneof-required"];
    if (error.keyword === "minProperties" && typeof oneof === "string") {
      // A required oneof with no field set: protovalidate names the oneof, with no number.
      field.push({ fieldNumber: 0, fieldName: oneof, fieldType: 0 });
      violations.push({
        field,
        ruleId: "required",
        message: "exactly one field is required in oneof",
        rule: [],
      });
      continue;
    }
    const rule = describeRule(error, field.at(-1));
    violations.push({ field, ...rule });
  }
  // protovalidate reports fields in declaration order; ajv in its own evaluation order.
  return violations.sort((a, b) => comparePaths(a.field, b.field));
}

// What a well-known string format is called in protovalidate's rule ids and messages.
const WELL_KNOWN: Readonly<Record<string, string>> = { uuid: "UUID", uri: "URI" };

function describeRule(
  error: ErrorObject,
  last: FieldPathElement | undefined,
): { ruleId: string; message: string; rule?: FieldPathElement[] } {
  const schema = error.parentSchema ?? {};
  const prefix = last?.fieldType === PROTO_FIELD_TYPE.uint64 ? "uint64" : "int32";
  switch (error.keyword) {
    case "required":
      return { ruleId: "required", message: "value is required" };
    case "minLength":
      return {
        ruleId: "string.min_len",
        message: `value length must be at least ${error.params.limit} characters`,
      };
    case "maxLength":
      return {
        ruleId: "string.max_len",
        message: `value length must be at most ${error.params.limit} characters`,
      };
    case "pattern": {
      // A pattern stands for a rule protovalidate states otherwise: a CEL rule, or the bounds
      // of a Duration (whose canonical text the pattern checks).
      const cel = schema["x-proto-cel"];
      if (cel) {
        return {
          ruleId: cel.id,
          message: cel.message,
          rule: celRulePath(0, last?.index !== undefined),
        };
      }
      const duration = schema["x-proto-duration"];
      if (duration) {
        return {
          ruleId: "duration.gte_lte",
          message: `value must be greater than or equal to ${duration.gte} and less than or equal to ${duration.lte}`,
        };
      }
      return {
        ruleId: "string.pattern",
        message: `value does not match regex pattern \`${schema.pattern}\``,
      };
    }
    case "format":
      if (WELL_KNOWN[error.params.format]) {
        const name = WELL_KNOWN[error.params.format];
        return error.data === ""
          ? {
              ruleId: `string.${error.params.format}_empty`,
              message: `value is empty, which is not a valid ${name}`,
            }
          : { ruleId: `string.${error.params.format}`, message: `value must be a valid ${name}` };
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

// FieldConstraints.cel (23) holds a field's CEL rules; repeated.items (18.4) an item's rules.
// The paths of the other rules follow from their ids (src/protocol/rule-path.ts).
function celRulePath(index: number, onItem: boolean): FieldPathElement[] {
  const cel = { fieldName: "cel", fieldNumber: 23, fieldType: 11, index };
  if (!onItem) return [cel];
  return [
    { fieldName: "repeated", fieldNumber: 18, fieldType: 11 },
    { fieldName: "items", fieldNumber: 4, fieldType: 11 },
    cel,
  ];
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
