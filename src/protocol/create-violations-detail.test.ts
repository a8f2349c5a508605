import { fromBinary } from "@bufbuild/protobuf";
import { expect, it } from "vitest";
import type { Violation } from "../errors/connect-error.js";
import { ViolationsSchema } from "../gen/buf/validate/validate_pb.js";
import { serializeError } from "./answer-error.js";
import { createViolationsDetail } from "./create-violations-detail.js";
import { createValidationError } from "./format-violations.js";

const listElement: Violation = {
  field: [
    { fieldNumber: 2, fieldName: "filter", fieldType: 11 },
    { fieldNumber: 1, fieldName: "project_ids", fieldType: 9, index: 3 },
  ],
  ruleId: "string.uuid",
  message: "value must be a valid UUID",
};

it("encodes violations as buf.validate.Violations: unpadded base64 plus debug JSON", () => {
  const detail = createViolationsDetail([listElement]);
  expect(detail.type).toBe("buf.validate.Violations");
  expect(detail.value).toMatch(/^[A-Za-z0-9+/]+$/);
  const decoded = fromBinary(ViolationsSchema, Buffer.from(detail.value, "base64"));
  expect(decoded.violations[0]?.field?.elements[1]?.subscript).toEqual({
    case: "index",
    value: 3n,
  });
  expect(detail.debug).toEqual({
    violations: [
      {
        field: {
          elements: [
            { fieldNumber: 2, fieldName: "filter", fieldType: "TYPE_MESSAGE" },
            { fieldNumber: 1, fieldName: "project_ids", fieldType: "TYPE_STRING", index: "3" },
          ],
        },
        rule: {
          elements: [
            { fieldNumber: 18, fieldName: "repeated", fieldType: "TYPE_MESSAGE" },
            { fieldNumber: 4, fieldName: "items", fieldType: "TYPE_MESSAGE" },
            { fieldNumber: 14, fieldName: "string", fieldType: "TYPE_MESSAGE" },
            { fieldNumber: 22, fieldName: "uuid", fieldType: "TYPE_BOOL" },
          ],
        },
        constraintId: "string.uuid",
        message: "value must be a valid UUID",
      },
    ],
  });
});

it("leaves the rule path out for a rule it has no path for", () => {
  const detail = createViolationsDetail([{ field: [], ruleId: "custom", message: "no" }]);
  expect(detail.debug).toEqual({ violations: [{ constraintId: "custom", message: "no" }] });
});

it("is attached by serializeError to errors that carry violations", async () => {
  const error = createValidationError([listElement]);
  const { status, body } = await serializeError(error);
  expect(status).toBe(400);
  expect(body.details).toEqual([createViolationsDetail([listElement])]);
});
