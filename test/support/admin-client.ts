import type { RequestListener } from "node:http";
import type { ValidateFunction } from "ajv";
import request from "supertest";
import { expect } from "vitest";
import {
  ADMIN_OPENAPI_PATH,
  type JsonSchema,
  loadOpenApi,
} from "../../src/adapters/node/load-openapi.js";
import { createAjv } from "../../src/contract/create-ajv.js";

const doc = loadOpenApi(ADMIN_OPENAPI_PATH) as ReturnType<typeof loadOpenApi> & {
  components: { responses: Record<string, JsonSchema> };
};
const ajv = createAjv(doc);
const validators = new Map<string, ValidateFunction>();

/** The schema openapi/admin.yaml gives for an operation's response with this status. */
function responseValidator(operationId: string, status: number): ValidateFunction | undefined {
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (op.operationId !== operationId) continue;
      const key = `${method} ${path} ${status}`;
      const cached = validators.get(key);
      if (cached) return cached;
      let response = (op.responses[String(status)] ?? op.responses.default) as
        | JsonSchema
        | undefined;
      if (!response) throw new Error(`${operationId} documents no ${status} response`);
      if (response.$ref) {
        response = doc.components.responses[String(response.$ref).split("/").pop() as string];
      }
      const schema = response?.content?.["application/json"]?.schema;
      if (!schema) return undefined;
      const validate = ajv.compile(
        JSON.parse(
          JSON.stringify(schema).replaceAll('"#/components/schemas/', '"warm-pools.json#/$defs/'),
        ),
      );
      validators.set(key, validate);
      return validate;
    }
  }
  throw new Error(`openapi/admin.yaml has no operation ${operationId}`);
}

/**
 * Calls an admin endpoint and checks that the answer matches what openapi/admin.yaml says
 * for that operation and status, so the document cannot drift from the server. `app` is an
 * app in process or the base URL of a listening server.
 */
export async function callAdmin(
  app: RequestListener | string,
  operationId: string,
  method: "get" | "post" | "put" | "patch" | "delete",
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  let req = request(app)[method](path);
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  const res = body === undefined ? await req : await req.send(body as object);
  const validate = responseValidator(operationId, res.status);
  if (validate && res.status !== 204) {
    const valid = validate(res.body);
    expect(valid, `${operationId} ${res.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
  }
  return res;
}
