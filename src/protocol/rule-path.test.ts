import type { DescField, DescMessage } from "@bufbuild/protobuf";
import { FieldRulesSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { describe, expect, it } from "vitest";
import type { FieldPathElement } from "../errors/connect-error.js";
import { rulePathFor } from "./rule-path.js";

// protovalidate's own descriptor of FieldRules (FieldConstraints before v0.11; the numbers
// did not change): every rule path must name its fields by that descriptor's names,
// numbers and types.
const FIELD_TYPE = { message: 11 } as const;

function walk(path: readonly FieldPathElement[]): string[] {
  const problems: string[] = [];
  let message: DescMessage | undefined = FieldRulesSchema;
  for (const step of path) {
    const field: DescField | undefined = message?.fields.find((f) => f.number === step.fieldNumber);
    if (!field) {
      problems.push(`${message?.typeName} has no field ${step.fieldNumber}`);
      break;
    }
    const type = field.fieldKind === "message" ? FIELD_TYPE.message : field.scalar;
    if (field.name !== step.fieldName || type !== step.fieldType) {
      problems.push(
        `${step.fieldName}=${step.fieldNumber}/${step.fieldType} is ${field.name}/${type}`,
      );
    }
    message = field.fieldKind === "message" ? field.message : undefined;
  }
  return problems;
}

const dotted = (path: readonly FieldPathElement[]) => path.map((e) => e.fieldName).join(".");
const numbers = (path: readonly FieldPathElement[]) => path.map((e) => e.fieldNumber).join(".");

describe("rulePathFor", () => {
  const cases: [ruleId: string, onItem: boolean, path: string, numbers: string][] = [
    ["required", false, "required", "25"],
    ["string.uuid", false, "string.uuid", "14.22"],
    ["string.uuid_empty", false, "string.uuid", "14.22"],
    ["string.uuid", true, "repeated.items.string.uuid", "18.4.14.22"],
    ["string.uuid_empty", true, "repeated.items.string.uuid", "18.4.14.22"],
    ["int32.gte_lte", false, "int32.gte", "3.5"],
    ["int32.gt_lt", false, "int32.gt", "3.4"],
    ["int32.gt_lte", false, "int32.gt", "3.4"],
    ["int32.gte_lt", false, "int32.gte", "3.5"],
    ["int32.gte", false, "int32.gte", "3.5"],
    ["int32.gt", false, "int32.gt", "3.4"],
    ["int32.lte", false, "int32.lte", "3.3"],
    ["int32.lt", false, "int32.lt", "3.2"],
    ["int32.gte_lte", true, "repeated.items.int32.gte", "18.4.3.5"],
    ["uint64.gte_lte", false, "uint64.gte", "6.5"],
    ["uint64.lte", false, "uint64.lte", "6.3"],
    ["repeated.max_items", false, "repeated.max_items", "18.2"],
    ["repeated.min_items", false, "repeated.min_items", "18.1"],
    ["enum.defined_only", false, "enum.defined_only", "16.2"],
  ];
  for (const [ruleId, onItem, path, nums] of cases) {
    it(`${ruleId}${onItem ? " on an item" : ""} is ${path} (${nums}) in protovalidate's FieldRules`, () => {
      const rule = rulePathFor(ruleId, onItem);
      expect(dotted(rule)).toBe(path);
      expect(numbers(rule)).toBe(nums);
      expect(walk(rule)).toEqual([]);
    });
  }

  it("has no path for rules outside buf.validate, e.g. the cross-field size rule", () => {
    expect(rulePathFor("max_size_gte_min_size")).toEqual([]);
    expect(rulePathFor("string.email_unknown_to_us")).toEqual([]);
    expect(rulePathFor("float.gt")).toEqual([]);
  });

  it("the walk catches a wrong number, name or type", () => {
    expect(
      walk([
        { fieldName: "string", fieldNumber: 14, fieldType: 11 },
        { fieldName: "uuid", fieldNumber: 21, fieldType: 8 },
      ]),
    ).not.toEqual([]);
    expect(
      walk([
        { fieldName: "int32", fieldNumber: 3, fieldType: 11 },
        { fieldName: "gte", fieldNumber: 5, fieldType: 4 },
      ]),
    ).not.toEqual([]);
    expect(walk([{ fieldName: "repeat", fieldNumber: 18, fieldType: 11 }])).not.toEqual([]);
  });
});
