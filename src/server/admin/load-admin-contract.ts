import { join } from "node:path";
import type { ValidateFunction } from "ajv";
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

/** Loads openapi/admin.yaml and compiles a body validator per operation, once per process. */
export function loadAdminContract(path: string = ADMIN_OPENAPI_PATH): Map<string, AdminOperation> {
  const cached = loaded.get(path);
  if (cached) return cached;
  const doc: OpenApiDocument = loadOpenApi(path);
  const ajv = createAjv(doc);
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
