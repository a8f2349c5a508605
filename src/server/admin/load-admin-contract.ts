import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { componentRef, createAjv } from "../../contract/create-ajv.js";
import { loadOpenApi, type OpenApiDocument } from "../../contract/load-openapi.js";
import { findPackageRoot } from "../../package-root.js";

/** The admin API's own OpenAPI document. */
export const ADMIN_OPENAPI_PATH = join(findPackageRoot(), "openapi", "admin.yaml");

/** One operation of openapi/admin.yaml. */
export interface AdminOperation {
  operationId: string;
  method: string;
  /** The OpenAPI path template, e.g. `/_admin/runners/{id}/degrade`. */
  path: string;
  /** Checks a request body against the operation's schema; undefined when it takes none. */
  validateBody?: ValidateFunction;
  bodyRequired: boolean;
}

const loaded = new Map<string, Map<string, AdminOperation>>();
const documents = new Map<string, { doc: OpenApiDocument; ajv: Ajv2020 }>();
const schemas = new Map<string, ValidateFunction>();

function loadAdminDocument(path: string): { doc: OpenApiDocument; ajv: Ajv2020 } {
  let entry = documents.get(path);
  if (!entry) {
    const doc = loadOpenApi(path);
    entry = { doc, ajv: createAjv(doc) };
    documents.set(path, entry);
  }
  return entry;
}

/**
 * A validator for one component schema of openapi/admin.yaml (e.g. `Scenario`), compiled once;
 * `closed` also refuses every property the schema does not name.
 */
export function compileAdminSchema(
  name: string,
  { closed = false, path = ADMIN_OPENAPI_PATH }: { closed?: boolean; path?: string } = {},
): ValidateFunction {
  const key = `${path}#${name}${closed ? "!closed" : ""}`;
  let validate = schemas.get(key);
  if (!validate) {
    const ref = componentRef(name);
    validate = loadAdminDocument(path).ajv.compile(
      closed ? { type: "object", ...ref, unevaluatedProperties: false } : ref,
    );
    schemas.set(key, validate);
  }
  return validate;
}

/** Loads openapi/admin.yaml and compiles a body validator per operation, once per process. */
export function loadAdminContract(path: string = ADMIN_OPENAPI_PATH): Map<string, AdminOperation> {
  const cached = loaded.get(path);
  if (cached) return cached;
  const { doc, ajv } = loadAdminDocument(path);
  const operations = new Map<string, AdminOperation>();
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const body = operation.requestBody as
        | { required?: boolean; content: Record<string, { schema: { $ref?: string } }> }
        | undefined;
      const ref = body?.content["application/json"]?.schema.$ref;
      const name = ref?.replace("#/components/schemas/", "");
      operations.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path: template,
        bodyRequired: body?.required ?? false,
        ...(name ? { validateBody: ajv.compile(componentRef(name)) } : {}),
      });
    }
  }
  loaded.set(path, operations);
  return operations;
}
