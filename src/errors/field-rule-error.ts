/** A business rule a request field broke, named by proto field names from the request's root. */
export interface FieldRule {
  /** Proto field names from the request message down, e.g. `["max_size"]`. */
  path: readonly string[];
  ruleId: string;
  message: string;
}

/**
 * What the domain throws when a request breaks a rule about its fields. It knows nothing of
 * field numbers or wire formats: the RPC edge, which knows the request message, turns it into
 * protovalidate violations.
 */
export class FieldRuleError extends Error {
  override readonly name = "FieldRuleError";

  constructor(readonly rules: readonly FieldRule[]) {
    super(rules.map((r) => `${r.path.join(".")}: ${r.message}`).join("; "));
  }
}
