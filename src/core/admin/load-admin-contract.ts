import type { ValidateFunction } from "ajv";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { componentRef, createAjv } from "../../contract/create-ajv.js";
import type { OpenApiDocument } from "../../contract/openapi-document.js";
import { ADMIN_OPENAPI_JSON } from "../../generated/admin-document.js";

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

let document: { doc: OpenApiDocument; ajv: Ajv2020 } | undefined;
let operations: Map<string, AdminOperation> | undefined;
const schemas = new Map<string, ValidateFunction>();

// openapi/admin.yaml as `npm run generate` embedded it (src/generated/admin-document.ts).
function loadAdminDocument(): { doc: OpenApiDocument; ajv: Ajv2020 } {
  if (!document) {
    const doc = JSON.parse(ADMIN_OPENAPI_JSON) as OpenApiDocument;
    document = { doc, ajv: createAjv(doc) };
  }
  return document;
}

/**
 * A validator for one component schema of openapi/admin.yaml (e.g. `Scenario`), compiled once
 * per process; `closed` also refuses every property the schema does not name.
 */
export function compileAdminSchema(
  name: string,
  { closed = false }: { closed?: boolean } = {},
): ValidateFunction {
  const key = `${name}${closed ? "!closed" : ""}`;
  let validate = schemas.get(key);
  if (!validate) {
    const ref = componentRef(name);
    validate = loadAdminDocument().ajv.compile(
      closed ? { type: "object", ...ref, unevaluatedProperties: false } : ref,
    );
    schemas.set(key, validate);
  }
  return validate;
}

/**
 * The operations of openapi/admin.yaml, each with its body validator, compiled on first use
 * and once per process (validators hold no state: mocks share them).
 */
export function loadAdminContract(): Map<string, AdminOperation> {
  if (operations) return operations;
  const { doc, ajv } = loadAdminDocument();
  const found = new Map<string, AdminOperation>();
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const body = operation.requestBody as
        | { required?: boolean; content: Record<string, { schema: { $ref?: string } }> }
        | undefined;
      const ref = body?.content["application/json"]?.schema.$ref;
      const name = ref?.replace("#/components/schemas/", "");
      found.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path: template,
        bodyRequired: body?.required ?? false,
        ...(name ? { validateBody: ajv.compile(componentRef(name)) } : {}),
      });
    }
  }
  operations = found;
  return found;
}
