import type { ValidateFunction } from "ajv";
import type { Violation } from "../errors/connect-error.js";
import {
  createRequestValidators,
  REQUEST_VALIDATORS_SHA256,
} from "../generated/request-validators.js";
import { componentRef, createAjv } from "./create-ajv.js";
import { createMessageDescriptors, schemaRefName } from "./create-message-descriptors.js";
import { FORMATS } from "./formats.js";
import type { MessageDescriptor } from "./message-descriptor.js";
import {
  EMBEDDED_OPENAPI_SHA256,
  embeddedOpenApi,
  isEmbeddedOpenApi,
  type OpenApiDocument,
} from "./openapi-document.js";
import { toViolations } from "./to-violations.js";

export const SERVICE_NAME = "gitpod.v1.PrebuildService";

export type Idempotency = "NO_SIDE_EFFECTS" | "IDEMPOTENT" | "IDEMPOTENCY_UNKNOWN";

/** What the server needs to know about one RPC, all of it read from `openapi/`. */
export interface RpcContract {
  method: string;
  path: string;
  idempotency: Idempotency;
  /** The component schema of the request, e.g. `GetWarmPoolRequest`. */
  requestSchema: string;
  request: MessageDescriptor;
  response: MessageDescriptor;
  /** URL query parameters that stand for request fields (Stainless SDKs page this way). */
  queryFields: readonly QueryField[];
  /** Checks a canonical request against the document's schema; returns protovalidate violations. */
  validateRequest(message: unknown): Violation[];
}

/** A query parameter and the request field (JSON names from the root) it fills. */
export interface QueryField {
  name: string;
  path: readonly string[];
}

/** The whole contract: the document, its message descriptors and one compiled validator per RPC. */
export interface Contract {
  doc: OpenApiDocument;
  messages: ReadonlyMap<string, MessageDescriptor>;
  rpcs: ReadonlyMap<string, RpcContract>;
  /** Compiles every validator now (tests and benchmarks use it to surface schema errors early). */
  precompile(): void;
}

/**
 * Loads `openapi/` and prepares one request validator per RPC. For the document as embedded
 * (src/generated/, the default) they are generated code (`npm run generate`) from the same
 * YAML: no schema is compiled at run time.
 * Any other document (an edited YAML, a test's variant) has each validator compiled by ajv on
 * its first use: compiling them all up front would add ~180 ms to start-up, and even one costs
 * the first request ~30 ms.
 */
export function loadContract(doc: OpenApiDocument = embeddedOpenApi()): Contract {
  let ajv: ReturnType<typeof createAjv> | undefined;
  const generated =
    isEmbeddedOpenApi(doc) && EMBEDDED_OPENAPI_SHA256 === REQUEST_VALIDATORS_SHA256
      ? createRequestValidators(FORMATS)
      : {};
  const messages = createMessageDescriptors(doc);
  const rpcs = new Map<string, RpcContract>();
  const compilers: (() => unknown)[] = [];
  const prefix = `/${SERVICE_NAME}/`;
  for (const [path, item] of Object.entries(doc.paths)) {
    const operation = item.post;
    if (!path.startsWith(prefix) || !operation) continue;
    const requestName = schemaRefName(operation.requestBody.content["application/json"]?.schema);
    const ok = operation.responses["200"];
    const responseName = schemaRefName(
      ok && "content" in ok ? ok.content?.["application/json"]?.schema : undefined,
    );
    const request = requestName ? messages.get(requestName) : undefined;
    const response = responseName ? messages.get(responseName) : undefined;
    if (!requestName || !request || !response) {
      throw new Error(`${path}: request and 200 response must reference message schemas`);
    }
    const queryFields = (operation.parameters ?? []).flatMap((p) => {
      const param = p as { in?: string; name?: string; "x-proto-path"?: string };
      return param.in === "query" && param.name && param["x-proto-path"]
        ? [{ name: param.name, path: param["x-proto-path"].split(".") }]
        : [];
    });
    let validate: ValidateFunction | undefined;
    const compile = (): ValidateFunction => {
      validate = generated[requestName];
      if (!validate) {
        ajv ??= createAjv(doc);
        validate = ajv.compile(componentRef(requestName));
      }
      return validate;
    };
    compilers.push(() => validate ?? compile());
    rpcs.set(path.slice(prefix.length), {
      method: path.slice(prefix.length),
      path,
      idempotency: (operation["x-connect-idempotency"] ?? "IDEMPOTENCY_UNKNOWN") as Idempotency,
      requestSchema: requestName,
      request,
      response,
      queryFields,
      validateRequest: (message) => {
        const check = validate ?? compile();
        return check(message) ? [] : toViolations(check.errors ?? [], request);
      },
    });
  }
  return {
    doc,
    messages,
    rpcs,
    precompile: () => {
      for (const compileOne of compilers) compileOne();
    },
  };
}
