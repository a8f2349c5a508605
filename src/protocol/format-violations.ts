import { ConnectError, type FieldPathElement, type Violation } from "../errors/connect-error.js";

/** Renders a field path the way protovalidate does: `filter.project_ids[3]`. */
export function formatFieldPath(path: readonly FieldPathElement[]): string {
  return path
    .map((e) => (e.index === undefined ? e.fieldName : `${e.fieldName}[${e.index}]`))
    .join(".");
}

/** Renders violations as protovalidate-go's error message (the real server's wording). */
export function formatViolations(violations: readonly Violation[]): string {
  const lines = violations.map((v) => {
    const path = formatFieldPath(v.field);
    return ` - ${path ? `${path}: ` : ""}${v.message} [${v.ruleId}]`;
  });
  return ["validation error:", ...lines].join("\n");
}

/** The `invalid_argument` error the real server answers for failed protovalidate rules. */
export function createValidationError(violations: readonly Violation[]): ConnectError {
  return new ConnectError("invalid_argument", formatViolations(violations), violations);
}
