import type { ConnectCode } from "./connect-code.js";

/** One element of a protovalidate field path, e.g. `filter` or `project_ids[3]`. */
export interface FieldPathElement {
  fieldNumber: number;
  fieldName: string;
  /** protobuf FieldDescriptorProto.Type number (9 string, 5 int32, 11 message, …). */
  fieldType: number;
  index?: number;
}

/** A protovalidate violation, as carried by `buf.validate.Violations`. */
export interface Violation {
  field: FieldPathElement[];
  ruleId: string;
  message: string;
  /**
   * Where the rule sits in FieldConstraints, when the rule id alone does not say (a CEL rule is
   * `cel[i]`, a oneof's `required` has no path); derived from the rule id otherwise.
   */
  rule?: FieldPathElement[];
}

/** Error metadata telling Stainless SDKs, which retry every 429, that retrying cannot help. */
export const DO_NOT_RETRY: Readonly<Record<string, string>> = { "x-should-retry": "false" };

/** The single error type of the mock: domain and protocol code throw it, the server serialises it. */
export class ConnectError extends Error {
  override readonly name = "ConnectError";

  constructor(
    readonly code: ConnectCode,
    message: string,
    readonly violations: readonly Violation[] = [],
    /** Sent as response headers, as Connect does with error metadata on unary calls. */
    readonly metadata: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
