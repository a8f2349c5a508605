import type { ValidateFunction } from "ajv";
import type { JsonSchema } from "../../src/adapters/node/load-openapi.js";
import { componentRef, createAjv } from "../../src/contract/create-ajv.js";
import { loadContract } from "../../src/contract/load-contract.js";
import type { RawResponse } from "./raw-request.js";

const doc = loadContract().doc as unknown as {
  paths: Record<string, Record<string, JsonSchema>>;
  components: { responses: Record<string, JsonSchema>; schemas: Record<string, JsonSchema> };
};
const ajv = createAjv(loadContract().doc);
const compiled = new Map<string, ValidateFunction>();

// Concrete paths win over templated ones, as OpenAPI says.
function findPath(pathname: string): Record<string, JsonSchema> | undefined {
  if (doc.paths[pathname]) return doc.paths[pathname];
  for (const [template, item] of Object.entries(doc.paths)) {
    if (!template.includes("{")) continue;
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (pattern.test(pathname)) return item;
  }
  return undefined;
}

function resolve(response: JsonSchema): JsonSchema {
  const ref = response.$ref;
  return typeof ref === "string"
    ? (doc.components.responses[ref.split("/").at(-1) ?? ""] ?? {})
    : response;
}

function header(res: RawResponse, name: string): string | undefined {
  const value = res.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * What in one answer of the mock openapi/warm-pools.yaml does not describe: its status for the
 * path and method, its declared headers (presence and value), and its body (absent where the
 * document declares no content, else of a declared media type and schema). [] when described.
 * A path the document does not list may only be answered with a bare 404.
 */
export function answerProblems(method: string, url: string, res: RawResponse): string[] {
  const where = `${method} ${url} -> ${res.status}`;
  const item = findPath(new URL(url).pathname);
  if (!item) {
    return res.status === 404 && res.body.length === 0
      ? []
      : [`${where}: the path is not in the document, and the answer is not a bare 404`];
  }
  const operation = item[method.toLowerCase()];
  if (!operation) return [`${where}: the document has no ${method} operation for the path`];
  const responses = operation.responses as Record<string, JsonSchema>;
  const declared =
    responses[String(res.status)] ?? responses[`${String(res.status)[0]}XX`] ?? responses.default;
  if (!declared) return [`${where}: the operation declares no such status`];
  const response = resolve(declared);
  const problems: string[] = [];
  for (const [name, spec] of Object.entries<JsonSchema>(response.headers ?? {})) {
    const value = header(res, name);
    if (value === undefined) {
      if (spec.required) problems.push(`${where}: required header ${name} missing`);
      continue;
    }
    const schema = spec.schema ?? {};
    if ("const" in schema && value !== schema.const) {
      problems.push(`${where}: header ${name} is ${JSON.stringify(value)}, not ${schema.const}`);
    }
  }
  const content = response.content as Record<string, JsonSchema> | undefined;
  if (!content) {
    if (res.body.length > 0) problems.push(`${where}: a body where the document declares none`);
    return problems;
  }
  const mediaType = (header(res, "content-type") ?? "").split(";")[0]?.trim() ?? "";
  const media = content[mediaType];
  if (!media) return [...problems, `${where}: content type ${mediaType || "(none)"} not declared`];
  // Binary protobuf bodies are declared without a schema: JSON Schema cannot read them.
  if (!media.schema) return problems;
  const name =
    String(media.schema?.$ref ?? "")
      .split("/")
      .at(-1) ?? "";
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.compile(componentRef(name));
    compiled.set(name, validate);
  }
  if (!validate(res.json)) {
    problems.push(`${where}: body does not match ${name}: ${ajv.errorsText(validate.errors)}`);
  }
  return problems;
}
