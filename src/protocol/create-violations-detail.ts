import { create, toBinary, toJson } from "@bufbuild/protobuf";
import type { FieldPathElement, Violation } from "../errors/connect-error.js";
import {
  type FieldPath,
  FieldPathSchema,
  ViolationSchema,
  ViolationsSchema,
} from "../gen/buf/validate/validate_pb.js";
import { encodeBase64 } from "./base64.js";
import { rulePathFor } from "./rule-path.js";

/** One entry of a Connect error's `details`. */
export interface ErrorDetail {
  type: string;
  /** Unpadded standard base64 of the binary message. */
  value: string;
  /** The same message as ProtoJSON, for humans. */
  debug?: unknown;
}

/** The `buf.validate.Violations` detail that protovalidate-backed servers attach to invalid_argument. */
export function createViolationsDetail(violations: readonly Violation[]): ErrorDetail {
  const message = create(ViolationsSchema, {
    violations: violations.map((v) =>
      create(ViolationSchema, {
        field: toFieldPath(v.field),
        // A field path ending in a subscript is an item of a repeated field: its rules live
        // under `repeated.items`.
        rule: toFieldPath(v.rule ?? rulePathFor(v.ruleId, v.field.at(-1)?.index !== undefined)),
        constraintId: v.ruleId,
        message: v.message,
      }),
    ),
  });
  return {
    type: ViolationsSchema.typeName,
    value: encodeBase64(toBinary(ViolationsSchema, message), { pad: false }),
    debug: toJson(ViolationsSchema, message),
  };
}

function toFieldPath(elements: readonly FieldPathElement[]): FieldPath | undefined {
  if (elements.length === 0) return undefined;
  return create(FieldPathSchema, {
    elements: elements.map((e) => ({
      fieldNumber: e.fieldNumber,
      fieldName: e.fieldName,
      fieldType: e.fieldType,
      subscript:
        e.index === undefined
          ? { case: undefined }
          : { case: "index" as const, value: BigInt(e.index) },
    })),
  });
}
