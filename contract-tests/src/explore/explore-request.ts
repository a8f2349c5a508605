import type { CONTRACT_RPCS } from "../contract/load-contract-document.js";
import type { Credential, RawRequest } from "../http/api-client.js";
import { SERVICE_PATH } from "../http/api-client.js";

/** One of the five warm-pool RPCs. */
export type Rpc = (typeof CONTRACT_RPCS)[number];

/**
 * How a request travels. The first ones are what clients send (shrinking moves towards
 * `json`): a Stainless SDK's JSON POST, connect-es's headers, a gzip body, Connect GET (of the
 * read RPCs; of the others it must be refused), paging in the URL query. The rest are requests
 * the target must refuse as the model does.
 */
export const WIRES = [
  "json",
  "connect-json",
  "gzip",
  "get",
  "get-base64",
  "query-paging",
  "text-plain",
  "unknown-encoding",
  "bad-timeout",
  "protocol-v2",
  "put",
  "empty-body",
  "wrong-case-path",
] as const;
export type Wire = (typeof WIRES)[number];

export type Caller = "own" | "foreign" | "none";

/** One RPC call as the explorer means it, before it is put on the wire for either side. */
export interface CallSpec {
  rpc: Rpc;
  /** The message in ProtoJSON's lowerCamelCase names. */
  message: Record<string, unknown>;
  caller: Caller;
  wire: Wire;
  /** Send the message's field names in snake_case (ProtoJSON parsers accept both). */
  snakeCase?: boolean;
  /** Add a field the contract does not name (ProtoJSON parsers ignore it). */
  unknownField?: boolean;
}

/** A field no version of the contract names, sent to check that the target ignores it. */
export const UNKNOWN_FIELD = "someFutureField";

const WIRE_TEXT: Record<Wire, string> = {
  json: "",
  "connect-json": "with connect-es headers",
  gzip: "gzip body",
  get: "Connect GET",
  "get-base64": "Connect GET, base64",
  "query-paging": "paging in the URL query",
  "text-plain": "as text/plain",
  "unknown-encoding": "Content-Encoding x-unknown-codec",
  "bad-timeout": "Connect-Timeout-Ms: abc",
  "protocol-v2": "Connect-Protocol-Version: 2",
  put: "by PUT",
  "empty-body": "with an empty body",
  "wrong-case-path": "lower-case method name in the path",
};

/** Words that say how a call travels, for step descriptions; empty for a plain JSON POST. */
export function describeWire(spec: CallSpec): string {
  return [
    spec.caller === "foreign" ? "as the foreign token" : "",
    spec.caller === "none" ? "without a token" : "",
    WIRE_TEXT[spec.wire],
    spec.snakeCase ? "snake_case fields" : "",
    spec.unknownField ? `plus ${UNKNOWN_FIELD}` : "",
  ]
    .filter(Boolean)
    .join(", ");
}

/** The body a call sends, as text: its naming, plus the unknown field when asked. */
export function bodyOf(spec: CallSpec, message: Record<string, unknown> = spec.message): string {
  const named = spec.snakeCase ? (toSnakeCase(message) as Record<string, unknown>) : message;
  return JSON.stringify(spec.unknownField ? { ...named, [UNKNOWN_FIELD]: "ignored" } : named);
}

/** Puts a call on the wire: the same bytes for the target and the model. */
export function renderCall(spec: CallSpec): RawRequest {
  const path = `${SERVICE_PATH}${spec.rpc}`;
  const json = { "Content-Type": "application/json" };
  switch (spec.wire) {
    case "json":
      return { path, headers: json, body: bodyOf(spec) };
    case "connect-json":
      return {
        path,
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Connect-Protocol-Version": "1",
          "Connect-Timeout-Ms": "15000",
        },
        body: bodyOf(spec),
      };
    case "gzip":
      return { path, headers: json, body: bodyOf(spec), gzip: true };
    case "get":
      return {
        method: "GET",
        path: `${path}?connect=v1&encoding=json&message=${encodeURIComponent(bodyOf(spec))}`,
      };
    case "get-base64":
      return {
        method: "GET",
        path: `${path}?connect=v1&encoding=json&base64=1&message=${Buffer.from(bodyOf(spec)).toString("base64url")}`,
      };
    case "query-paging": {
      // As Stainless SDKs page: token and page size in the query of the POST.
      const { pagination, ...rest } = spec.message as Record<string, unknown> & {
        pagination?: Record<string, unknown>;
      };
      const query = new URLSearchParams();
      if (pagination?.pageSize !== undefined) query.set("pageSize", String(pagination.pageSize));
      if (pagination?.token) query.set("token", String(pagination.token));
      const search = query.toString();
      return { path: search ? `${path}?${search}` : path, headers: json, body: bodyOf(spec, rest) };
    }
    case "text-plain":
      return { path, headers: { "Content-Type": "text/plain" }, body: bodyOf(spec) };
    case "unknown-encoding":
      return {
        path,
        headers: { ...json, "Content-Encoding": "x-unknown-codec" },
        body: bodyOf(spec),
      };
    case "bad-timeout":
      return { path, headers: { ...json, "Connect-Timeout-Ms": "abc" }, body: bodyOf(spec) };
    case "protocol-v2":
      return { path, headers: { ...json, "Connect-Protocol-Version": "2" }, body: bodyOf(spec) };
    case "put":
      return { method: "PUT", path, headers: json, body: bodyOf(spec) };
    case "empty-body":
      return { path, headers: json, body: "" };
    case "wrong-case-path":
      return {
        path: `${SERVICE_PATH}${spec.rpc[0]?.toLowerCase()}${spec.rpc.slice(1)}`,
        headers: json,
        body: bodyOf(spec),
      };
  }
}

/** The credential a caller stands for; null sends no Authorization header. */
export function credentialFor(
  caller: Caller,
  own: Credential,
  foreign: Credential | undefined,
): Credential | null {
  if (caller === "none") return null;
  if (caller === "foreign") return foreign ?? own;
  return own;
}

function toSnakeCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnakeCase);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      toSnakeCase(inner),
    ]),
  );
}
