import { fromBinary } from "@bufbuild/protobuf";
import { expect, it } from "vitest";
import { ViolationsSchema } from "../gen/buf/validate/validate_pb.js";
import { ConnectError } from "./connect-error.js";
import { createValidationError } from "./format-violations.js";
import { serializeError } from "./serialize-error.js";

it("writes code and message, and no details without violations", () => {
  expect(serializeError(new ConnectError("not_found", "gone"))).toEqual({
    status: 404,
    body: { code: "not_found", message: "gone" },
  });
  expect(serializeError(new Error("secret"))).toEqual({
    status: 500,
    body: { code: "internal", message: "internal error" },
  });
});

it("attaches violations as a buf.validate.Violations detail in unpadded base64", () => {
  const error = createValidationError([
    {
      field: [
        { fieldNumber: 2, fieldName: "filter", fieldType: 11 },
        { fieldNumber: 1, fieldName: "project_ids", fieldType: 9, index: 3 },
      ],
      ruleId: "string.uuid",
      message: "value must be a valid UUID",
    },
  ]);
  const { body } = serializeError(error);
  const [detail] = body.details ?? [];
  expect(detail?.type).toBe("buf.validate.Violations");
  expect(detail?.value).not.toMatch(/=$/);
  const decoded = fromBinary(ViolationsSchema, Buffer.from(detail?.value ?? "", "base64"));
  expect(detail?.debug).toEqual({
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
            { fieldNumber: 14, fieldName: "string", fieldType: "TYPE_MESSAGE" },
            { fieldNumber: 22, fieldName: "uuid", fieldType: "TYPE_BOOL" },
          ],
        },
        constraintId: "string.uuid",
        message: "value must be a valid UUID",
      },
    ],
  });
  expect(decoded.violations[0]?.field?.elements[1]?.subscript).toEqual({
    case: "index",
    value: 3n,
  });
});
