// Differential test against the reference implementation of buf.validate: the fuzzer's
// requests (valid ones in both name styles, and single-defect mutants), decoded into the
// messages generated from proto/ (which carry the API's buf.validate rules), are judged by
// @bufbuild/protovalidate; the mock must agree on the verdict and, for every rejected request,
// on each violation's field path, rule id, rule path and message.
// DIFF_RUNS and DIFF_SEED make longer or different local runs: DIFF_RUNS=2000 npx vitest run
// test/contract/protovalidate-differential.test.ts
import { type DescMessage, fromBinary, fromJson, type JsonValue } from "@bufbuild/protobuf";
import { createValidator, violationsToProto } from "@bufbuild/protovalidate";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContract } from "../../src/contract/load-contract.js";
import { ViolationsSchema } from "../../src/gen/buf/validate/validate_pb.js";
import { getProtoSchema } from "../../src/protocol/proto-registry.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { callRpc } from "../support/call-rpc.js";
import { encodeJsonNode } from "../support/json-node.js";
import { RequestArbitraries, type RequestCase } from "../support/request-arbitraries.js";
import { CROSS_FIELD_RULES } from "../support/rpc-table.js";
import { type RunningServer, startServer } from "../support/start-server.js";

const RUNS_PER_METHOD = Number(process.env.DIFF_RUNS ?? 250);
const SEED = Number(process.env.DIFF_SEED ?? 20261202);
const contract = loadContract();
const world = loadDefaultWorld();
const validator = createValidator();

const arbitraries = new RequestArbitraries(contract, {
  uuids: [
    ...world.projects.map((p) => p.id),
    ...world.environmentClasses.map((c) => c.id),
    ...world.warmPools.map((p) => p.id),
  ],
  strings: { token: fc.oneof(fc.constant(""), fc.string({ maxLength: 20 })) },
});

/**
 * The API's protovalidate predates v0.11 and words its messages `value must …`, and a
 * string's length `value length must be at least N characters`; the reference says `must …`
 * and `must be at least N characters`. Those wordings are the only difference normalised.
 */
function normaliseMessage(message: string): string {
  if (/^must be at (least|most) \d+ characters$/.test(message)) return `value length ${message}`;
  return message.startsWith("must ") ? `value ${message}` : message;
}

interface Compared {
  field: string;
  rule: string;
  ruleId: string;
  message: string;
}

/** A FieldPath of either generated copy of buf.validate (the mock's or protovalidate's). */
interface FieldPath {
  elements: readonly {
    fieldName: string;
    fieldNumber: number;
    fieldType: number;
    subscript: { case: string | undefined; value?: unknown };
  }[];
}

function describePath(path: FieldPath | undefined): string {
  return (path?.elements ?? [])
    .map((e) => {
      const subscript = e.subscript.case === undefined ? "" : `[${e.subscript.value}]`;
      // A oneof's element has a name only: its type is unset, which the reference's proto2
      // enum reads as its first value (1) and the mock's proto3 copy as 0.
      const type = e.fieldNumber === 0 ? "-" : e.fieldType;
      return `${e.fieldName}(${e.fieldNumber}:${type})${subscript}`;
    })
    .join(".");
}

function fieldPathText(path: FieldPath | undefined): string {
  return (path?.elements ?? [])
    .map((e) =>
      e.subscript.case === "index" ? `${e.fieldName}[${e.subscript.value}]` : e.fieldName,
    )
    .join(".");
}

function compared(
  violations: readonly { field?: FieldPath; rule?: FieldPath; message: string }[],
  ids: string[],
): Compared[] {
  return violations.map((v, i) => ({
    field: describePath(v.field),
    rule: describePath(v.rule),
    ruleId: ids[i] ?? "",
    message: v.message,
  }));
}

/** The request as the reference sees it, or undefined when it is not a decodable message. */
function decodeForReference(schema: DescMessage, request: RequestCase, method: string) {
  let json: unknown;
  try {
    // Strict UTF-8, and a byte order mark kept (JSON has none, so parsing then fails).
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(
      encodeJsonNode(request.body),
    );
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  // Query parameters (the Stainless page token and size) win over the body, as on the API.
  const params = new URLSearchParams(request.query);
  for (const field of contract.findRpc(method)?.queryFields ?? []) {
    const value = params.get(field.name);
    if (value === null) continue;
    let node = json as Record<string, unknown>;
    for (const key of field.path.slice(0, -1)) {
      const protoKey = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      const existing = node[key] ?? node[protoKey];
      delete node[protoKey];
      node[key] = typeof existing === "object" && existing !== null ? existing : {};
      node = node[key] as Record<string, unknown>;
    }
    const last = field.path.at(-1) as string;
    delete node[last.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
    node[last] = value;
  }
  try {
    return fromJson(schema, json as JsonValue, { ignoreUnknownFields: true });
  } catch {
    return undefined;
  }
}

const figures = {
  requests: 0,
  undecodable: 0,
  acceptedByBoth: 0,
  refusedByBoth: 0,
  crossFieldRefusals: 0,
  violationsCompared: 0,
  ruleIds: new Map<string, number>(),
};
const disagreements: string[] = [];

/**
 * RUNS_PER_METHOD requests to `method` that decode: valid ones and single-field defects, in
 * both name styles. Defects that do not decode (a string where a number belongs) are the
 * fuzzer's business, not validation's; they are counted and left out.
 */
function sampleDecodable(method: string, schema: DescMessage) {
  const arbitrary = fc.oneof(
    { weight: 1, arbitrary: arbitraries.valid(method) },
    { weight: 2, arbitrary: arbitraries.invalidFields(method) },
  );
  const picked: { request: RequestCase; message: ReturnType<typeof decodeForReference> & {} }[] =
    [];
  for (let chunk = 0; picked.length < RUNS_PER_METHOD; chunk++) {
    if (chunk > 100) throw new Error(`${method}: too few decodable requests`);
    for (const request of fc.sample(arbitrary, { numRuns: 100, seed: SEED + chunk })) {
      // A value of the wrong JSON type is a decoding defect by construction; protobuf-es
      // reads some of them (the int32 "0x10" as 16) where protojson, and the API, refuse.
      const message = request.note.includes("wrong type")
        ? undefined
        : decodeForReference(schema, request, method);
      if (!message) figures.undecodable++;
      else if (picked.length < RUNS_PER_METHOD) picked.push({ request, message });
    }
  }
  return picked;
}

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ contract });
});
afterAll(async () => {
  await server.close();
});

describe("the mock's validation agrees with protovalidate", () => {
  for (const rpc of contract.rpcs.values()) {
    const method = { name: rpc.label, input: getProtoSchema(rpc.request.typeName) };
    it(`${method.name}: ${RUNS_PER_METHOD} generated requests`, { timeout: 120_000 }, async () => {
      // Valid requests and single-field defects, in both name styles; the defects that do not
      // decode (a string where a number belongs) are the fuzzer's business, not validation's.
      const before = disagreements.length;
      const requests = sampleDecodable(method.name, method.input);
      for (const { request, message } of requests) {
        figures.requests++;
        const answer = await callRpc(server.url, method.name, encodeJsonNode(request.body), {
          query: request.query.replace(/^\?/, ""),
        });
        const where = `${method.name} ${request.note} ${request.query} ${encodeJsonNode(request.body).toString("utf8").slice(0, 200)}`;
        const verdict = validator.validate(method.input, message);
        if (verdict.kind === "error") throw verdict.error;
        if (verdict.kind === "valid") {
          if (answer.code !== "invalid_argument") figures.acceptedByBoth++;
          else if (CROSS_FIELD_RULES.test(String(answer.body?.message)))
            figures.crossFieldRefusals++;
          else disagreements.push(`${where}: valid for protovalidate, mock: ${answer.text}`);
          continue;
        }
        if (answer.code !== "invalid_argument") {
          disagreements.push(
            `${where}: protovalidate: ${verdict.error.message}; mock: ${answer.code}`,
          );
          continue;
        }
        figures.refusedByBoth++;
        const [reference] = violationsToProto(verdict.violations);
        const expected = compared(
          reference.violations.map((v) => ({ ...v, message: normaliseMessage(v.message) })),
          reference.violations.map((v) => v.ruleId),
        );
        const details = (answer.body?.details ?? []) as { type: string; value: string }[];
        const detail = details.find((d) => d.type === ViolationsSchema.typeName);
        const mine = detail
          ? fromBinary(ViolationsSchema, Buffer.from(detail.value, "base64")).violations
          : [];
        const actual = compared(
          mine,
          mine.map((v) => v.constraintId),
        );
        const expectedText = [
          "validation error:",
          ...reference.violations.map(
            (v) => ` - ${fieldPathText(v.field)}: ${normaliseMessage(v.message)} [${v.ruleId}]`,
          ),
        ].join("\n");
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          disagreements.push(
            `${where}:\n  protovalidate ${JSON.stringify(expected)}\n  mock          ${JSON.stringify(actual)}`,
          );
        } else if (answer.body?.message !== expectedText) {
          disagreements.push(
            `${where}: message ${JSON.stringify(answer.body?.message)} != ${JSON.stringify(expectedText)}`,
          );
        } else {
          figures.violationsCompared += expected.length;
          for (const v of expected) {
            const key = `${v.ruleId} @ ${v.rule.replace(/\(\d+:\d+\)/g, "")}`;
            figures.ruleIds.set(key, (figures.ruleIds.get(key) ?? 0) + 1);
          }
        }
      }
      expect(disagreements.slice(before, before + 10)).toEqual([]);
    });
  }

  it("compared enough requests and every rule kind the contract uses", () => {
    if (process.env.DIFF_REPORT)
      console.log(
        JSON.stringify(
          {
            ...figures,
            ruleIds: Object.fromEntries(figures.ruleIds),
            disagreements: disagreements.length,
          },
          null,
          2,
        ),
      );
    expect(figures.requests).toBe(RUNS_PER_METHOD * contract.rpcs.size);
    // CI runs the default: at least 1,000 requests.
    if (process.env.DIFF_RUNS === undefined) expect(figures.requests).toBeGreaterThanOrEqual(1000);
    expect(disagreements).toEqual([]);
    // Both verdicts are common, so neither "always valid" nor "always invalid" could pass.
    expect(figures.acceptedByBoth).toBeGreaterThan(figures.requests / 5);
    expect(figures.refusedByBoth).toBeGreaterThan(figures.requests / 10);
    // "required @ " is a required oneof (no rule path); relative_path is UpdateProject's CEL rule.
    // URIs are rare among the defects; src/contract/is-uri.test.ts holds them to protovalidate.
    expect([...figures.ruleIds.keys()].sort()).toEqual([
      "duration.gte_lte @ duration.gte",
      "enum.defined_only @ enum.defined_only",
      "enum.defined_only @ repeated.items.enum.defined_only",
      "int32.gte_lte @ int32.gte",
      "relative_path @ cel[0]",
      "repeated.max_items @ repeated.max_items",
      "required @ ",
      "required @ required",
      "string.max_len @ string.max_len",
      "string.min_len @ string.min_len",
      "string.uuid @ repeated.items.string.uuid",
      "string.uuid @ string.uuid",
      "string.uuid_empty @ string.uuid",
    ]);
  });
});
