import { CaseFailure, show } from "./case-failure.js";
import { statusForCode } from "./contract/connect-codes.js";
import type { ResponseValidator } from "./contract/create-response-validator.js";
import type { Exchange } from "./http/api-client.js";
import type { ConnectErrorBody } from "./wire-types.js";

/** The check every answer of a well-formed RPC call goes through before a case looks at it. */
export const SCHEMA_CHECK =
  "every response body matches the schema openapi/ gives for its RPC and status";
export const UNKNOWN_FIELD_CHECK =
  "a response carries only the fields its schema names (with --strict; otherwise a warning)";
export const STATUS_TABLE_CHECK =
  "an error's HTTP status is the one the Connect code table gives its code";
export const ERROR_BODY_CHECK =
  "an error answer is a Connect error: application/json {code, message?}";

/**
 * Judges an RPC answer by the contract: schema for its status, error body, code table. Throws
 * CaseFailure on a violation; returns the unknown fields it found, which are warnings unless
 * `strict` (then they throw too).
 */
export function checkConformance(
  exchange: Exchange,
  validator: ResponseValidator,
  strict: boolean,
): string[] {
  const method = exchange.rpc;
  if (!method || !validator.methods.includes(method)) return [];
  const contentType = exchange.headers.get("content-type") ?? "";
  const isJson = /^application\/json\s*(;|$)/i.test(contentType);
  if (exchange.status !== 200) {
    const body = exchange.json as { code?: unknown } | undefined;
    if (!isJson || typeof body !== "object" || body === null || typeof body.code !== "string") {
      throw new CaseFailure(
        ERROR_BODY_CHECK,
        `a JSON object with a "code" (Content-Type application/json) for HTTP ${exchange.status}`,
        `Content-Type ${show(contentType || undefined)}, body ${show(exchange.text)}`,
        exchange,
      );
    }
  } else if (!isJson) {
    throw new CaseFailure(
      SCHEMA_CHECK,
      "Content-Type application/json",
      show(contentType || undefined),
      exchange,
    );
  }
  const { problems, unknownFields } = validator.validate(method, exchange.status, exchange.json);
  const schema = () => validator.schemaName(method, exchange.status) ?? "?";
  if (problems.length > 0) {
    throw new CaseFailure(
      SCHEMA_CHECK,
      `a body that matches ${schema()} (${method}, HTTP ${exchange.status})`,
      [...problems, ...unknownFields].join("; "),
      exchange,
    );
  }
  if (strict && unknownFields.length > 0) {
    throw new CaseFailure(
      UNKNOWN_FIELD_CHECK,
      `only the properties ${schema()} names (${method}, HTTP ${exchange.status}; --strict)`,
      unknownFields.join("; "),
      exchange,
    );
  }
  if (exchange.status !== 200) {
    const code = (exchange.json as ConnectErrorBody).code;
    const status = statusForCode(code);
    if (status !== exchange.status) {
      throw new CaseFailure(
        STATUS_TABLE_CHECK,
        `HTTP ${status} for "${code}"`,
        `HTTP ${exchange.status}`,
        exchange,
      );
    }
  }
  return unknownFields.map(
    (field) => `${method} HTTP ${exchange.status}: ${field} (unknown to ${schema()})`,
  );
}
