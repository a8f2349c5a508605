import fc from "fast-check";
import type { JsonSchema, OpenApiDocument } from "../../src/adapters/node/load-openapi.js";
import type { Contract } from "../../src/contract/load-contract.js";
import { GLOBEX_ORG } from "./fixtures.js";
import { type JsonNode, lit, rawText } from "./json-node.js";

/** One generated request to an RPC, and whether the contract says it is valid. */
export interface RequestCase {
  body: JsonNode;
  /** URL query string, "" or starting with "?". */
  query: string;
  valid: boolean;
  /** What the generator did, for failure reports. */
  note: string;
}

/** Values worth hitting: IDs that exist (or will), and strings for fields without a format. */
export interface GenerationHints {
  uuids: readonly string[];
  /** Values for a field, by proto field name (e.g. `token`, `project_id`). */
  strings: Readonly<Record<string, fc.Arbitrary<string>>>;
}

type Mutant = { node: JsonNode; note: string; query?: string };

const REF = "#/components/schemas/";
const SPECIAL_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "__defineGetter__",
  "unknownField",
];
const INVALID_UTF8 = [
  [0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
].map((b) => Uint8Array.from(b));
const BOM = Uint8Array.from([0xef, 0xbb, 0xbf]);
const BROKEN_BODIES = [
  "",
  "[]",
  "null",
  '"text"',
  "42",
  "true",
  "{",
  '{"a":}',
  "{}x",
  "{,}",
  "[{}]",
];

/**
 * Generates requests for the RPCs of a contract by walking its request schemas (and `x-proto-*`
 * keywords): valid ones in every ProtoJSON spelling, and mutants with exactly one thing wrong.
 * Nothing here knows a field by name except through `hints`. An RPC is named as the contract's
 * findRpc takes it: `Service/Method`, or its label.
 */
export class RequestArbitraries {
  private readonly doc: OpenApiDocument;

  constructor(
    private readonly contract: Contract,
    private readonly hints: GenerationHints,
  ) {
    this.doc = contract.doc;
  }

  /** Requests to `method`: mostly valid ones, and mutants of every kind. */
  forMethod(method: string): fc.Arbitrary<RequestCase> {
    return fc.oneof(
      { weight: 3, arbitrary: this.valid(method) },
      { weight: 3, arbitrary: this.invalid(method) },
    );
  }

  /** Valid requests to `method`. */
  valid(method: string): fc.Arbitrary<RequestCase> {
    return fc
      .tuple(this.validMessage(this.requestSchema(method)), this.validQuery(method))
      .map(([body, query]) => ({ body, query, valid: true, note: "valid" }));
  }

  /** Requests to `method` that the contract says are invalid. */
  invalid(method: string): fc.Arbitrary<RequestCase> {
    const schema = this.requestSchema(method);
    const mutants: fc.Arbitrary<Mutant>[] = [
      this.invalidMessage(schema),
      fc.constantFrom(...BROKEN_BODIES).map((text) => ({
        node: rawText(text),
        note: `body ${JSON.stringify(text)}`,
      })),
      fc
        .tuple(this.validMessage(schema), fc.constantFrom(...INVALID_UTF8))
        .map(([node, bytes]) => ({
          node: withEntry(node, "note", {
            t: "array",
            items: [
              { t: "bytes", bytes: Buffer.concat([Buffer.from('"a'), bytes, Buffer.from('b"')]) },
            ],
          }),
          note: `invalid UTF-8 ${Buffer.from(bytes).toString("hex")} in an unknown field`,
        })),
      // JSON has no byte order mark; protojson rejects one, whatever follows.
      this.validMessage(schema).map((node) => ({
        node: { t: "sequence", parts: [{ t: "bytes", bytes: BOM }, node] } as JsonNode,
        note: "a byte order mark before a valid message",
      })),
    ];
    const invalidQuery = this.invalidQuery(method);
    if (invalidQuery) {
      mutants.push(
        fc.tuple(this.validMessage(schema), invalidQuery).map(([node, q]) => ({
          node,
          note: `query ${q}`,
          query: q,
        })),
      );
    }
    return fc.oneof(...mutants).map((m) => ({
      body: m.node,
      query: m.query ?? "",
      valid: false,
      note: m.note,
    }));
  }

  /**
   * Well-formed requests to `method` with exactly one field made invalid (a required one left
   * out, a value out of range or of the wrong type), or one bad query parameter: the mutants
   * that reach validation, without the broken bodies that never get past decoding.
   */
  invalidFields(method: string): fc.Arbitrary<RequestCase> {
    const schema = this.requestSchema(method);
    const fields = this.invalidMessage(schema).map((m) => ({ ...m, query: "" }));
    const invalidQuery = this.invalidQuery(method);
    const mutants = invalidQuery
      ? fc.oneof(
          { weight: 4, arbitrary: fields },
          {
            weight: 1,
            arbitrary: fc
              .tuple(this.validMessage(schema), invalidQuery)
              .map(([node, q]) => ({ node, note: `query ${q}`, query: q })),
          },
        )
      : fields;
    return mutants.map((m) => ({ body: m.node, query: m.query, valid: false, note: m.note }));
  }

  private requestSchema(method: string): JsonSchema {
    const operation = this.operation(method);
    return this.resolve(operation.requestBody.content["application/json"]?.schema ?? {});
  }

  private operation(method: string) {
    const path = this.contract.findRpc(method)?.path;
    const operation = path === undefined ? undefined : this.doc.paths[path]?.post;
    if (!operation) throw new Error(`no RPC ${method}`);
    return operation;
  }

  private queryParameters(method: string): JsonSchema[] {
    return (this.operation(method).parameters ?? []).filter(
      (p): p is JsonSchema => (p as JsonSchema).in === "query",
    );
  }

  private resolve(schema: JsonSchema): JsonSchema {
    let s = schema;
    while (typeof s.$ref === "string") {
      const target = this.doc.components.schemas[s.$ref.slice(REF.length)];
      if (!target) throw new Error(`unresolved ${s.$ref}`);
      // Keep the property's own keywords (x-proto-*) over the referenced schema's.
      const { $ref: _, ...own } = s;
      s = { ...target, ...own };
    }
    return s;
  }

  private validQuery(method: string): fc.Arbitrary<string> {
    const params = this.queryParameters(method);
    if (params.length === 0) {
      return fc.constantFrom("", "?unrelated=1");
    }
    return fc
      .tuple(
        ...params.map((p) =>
          fc.option(
            this.validScalar(this.resolve(p.schema), p.name).map((v) => [p.name, v] as const),
          ),
        ),
      )
      .map((pairs) => toQuery(pairs.filter((p) => p !== null)));
  }

  private invalidQuery(method: string): fc.Arbitrary<string> | undefined {
    const numeric = this.queryParameters(method).filter(
      (p) => this.resolve(p.schema).type === "integer",
    );
    if (numeric.length === 0) return undefined;
    return fc
      .tuple(
        fc.constantFrom(...numeric),
        fc.constantFrom("abc", "1.5", "-1", "101", "99999999999", "0x10", "1e400"),
      )
      .filter(([p, v]) => !isInRange(this.resolve(p.schema), Number(v)))
      .map(([p, v]) => toQuery([[p.name, v]]));
  }

  private validScalar(schema: JsonSchema, name: string): fc.Arbitrary<string> {
    if (schema.type === "integer") {
      return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 100 }).map(String);
    }
    return this.hints.strings[name] ?? fc.string();
  }

  private validMessage(schema: JsonSchema): fc.Arbitrary<JsonNode> {
    const required = new Set<string>(schema.required ?? []);
    const fields = Object.entries<JsonSchema>(schema.properties ?? {}).map(([jsonName, raw]) => {
      const property = this.resolve(raw);
      const names = [jsonName, property["x-proto-name"] as string];
      const entry = fc.tuple(fc.constantFrom(...names), this.validValue(property));
      // A field that is not required may be absent, or null (which ProtoJSON reads as unset).
      return required.has(jsonName)
        ? entry.map((e) => [e])
        : fc.oneof(
            { weight: 3, arbitrary: entry.map((e) => [e]) },
            { weight: 2, arbitrary: fc.constant([]) },
            {
              weight: 1,
              arbitrary: fc
                .constantFrom(...names)
                .map((n) => [[n, lit(null)] as [string, JsonNode]]),
            },
          );
    });
    const pollution = lit({
      polluted: true,
      organizationId: GLOBEX_ORG,
    });
    const extras = fc.array(
      fc.tuple(
        fc.constantFrom(...SPECIAL_KEYS),
        fc.oneof(fc.constant(pollution), fc.jsonValue({ maxDepth: 2 }).map(lit)),
      ),
      { maxLength: 2 },
    );
    return fc.tuple(fc.tuple(...fields), extras, fc.boolean()).map(([groups, extra, shadow]) => {
      const entries = groups.flat() as [string, JsonNode][];
      // The last of duplicate keys wins: an earlier junk copy must change nothing.
      const shadows = shadow
        ? entries.slice(0, 1).map(([key]) => [key, lit({ junk: [1, "x"] })] as [string, JsonNode])
        : [];
      return { t: "object" as const, entries: [...extra, ...shadows, ...entries] };
    });
  }

  private validValue(
    schema: JsonSchema,
    name: string = schema["x-proto-name"],
  ): fc.Arbitrary<JsonNode> {
    const hint = this.hints.strings[name];
    switch (schema.type) {
      case "object":
        return this.validMessage(schema);
      case "array": {
        const item = this.validValue(this.resolve(schema.items), name);
        const max = schema.maxItems ?? 5;
        return fc
          .oneof(
            { weight: 4, arbitrary: fc.array(item, { maxLength: Math.min(max, 4) }) },
            { weight: 1, arbitrary: fc.array(item, { minLength: max, maxLength: max }) },
          )
          .map((items) => ({ t: "array", items }));
      }
      case "integer":
        return fc
          .integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 })
          .chain((n) => fc.constantFrom(lit(n), lit(String(n)), rawText(`${n}.0`)));
      case "string":
        if (schema.format === "uuid") {
          return fc
            .oneof(
              { weight: hint ? 6 : 0, arbitrary: hint ?? fc.uuid() },
              { weight: 3, arbitrary: fc.constantFrom(...this.hints.uuids) },
              { weight: 1, arbitrary: fc.uuid() },
            )
            .chain((id) => fc.constantFrom(id, id.toUpperCase()))
            .map(lit);
        }
        return (hint ?? fc.string()).map(lit);
      default:
        throw new Error(`no generator for schema type ${schema.type}`);
    }
  }

  /** A valid message with exactly one field made invalid (or a required one left out). */
  private invalidMessage(schema: JsonSchema): fc.Arbitrary<Mutant> {
    const properties = Object.entries<JsonSchema>(schema.properties ?? {});
    const required = new Set<string>(schema.required ?? []);
    const options: fc.Arbitrary<Mutant>[] = [];
    for (const [jsonName, raw] of properties) {
      const property = this.resolve(raw);
      const values = this.invalidValue(property);
      if (!values) continue;
      options.push(
        fc
          .tuple(this.validMessage(schema), values, fc.boolean())
          .map(([message, bad, afterValid]) => {
            const name = property["x-proto-name"] as string;
            const rest = dropField(message, jsonName, name);
            // The invalid copy comes last, so the duplicate-key rule cannot rescue it.
            const entries: [string, JsonNode][] = afterValid
              ? [...rest.entries, [jsonName, this.placeholder(property)], [name, bad.node]]
              : [...rest.entries, [jsonName, bad.node]];
            return { node: { t: "object", entries }, note: `${jsonName}: ${bad.note}` };
          }),
      );
      if (required.has(jsonName)) {
        options.push(
          fc.tuple(this.validMessage(schema), fc.boolean()).map(([message, asNull]) => {
            const rest = dropField(message, jsonName, property["x-proto-name"]);
            return asNull
              ? {
                  node: { t: "object", entries: [...rest.entries, [jsonName, lit(null)]] },
                  note: `${jsonName}: null for a required field`,
                }
              : { node: rest, note: `${jsonName}: required field missing` };
          }),
        );
      }
    }
    return fc.oneof(...options);
  }

  // Some valid-looking value of the field, to be overridden by a later invalid duplicate.
  private placeholder(schema: JsonSchema): JsonNode {
    if (schema.type === "integer") return lit(schema.minimum ?? 0);
    if (schema.type === "array") return lit([]);
    if (schema.type === "object") return lit({});
    return lit("");
  }

  private invalidValue(schema: JsonSchema): fc.Arbitrary<Mutant> | undefined {
    const of = (node: JsonNode, note: string) => ({ node, note });
    const deep = fc
      .tuple(fc.constantFrom(1_000, 100_000), fc.boolean())
      .map(([depth, arrays]) =>
        arrays
          ? of(rawText(`${"[".repeat(depth)}${"]".repeat(depth)}`), `arrays nested ${depth} deep`)
          : of(
              rawText(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
              `objects nested ${depth} deep`,
            ),
      );
    const wrong = (...values: unknown[]) =>
      fc.constantFrom(...values).map((v) => of(lit(v), `wrong type ${JSON.stringify(v)}`));
    switch (schema.type) {
      case "string": {
        const base = [wrong(17, true, {}, [], 1.5), deep];
        if (schema.format !== "uuid") return fc.oneof(...base);
        return fc.oneof(
          ...base,
          fc
            .constantFrom(
              "not-a-uuid",
              "{b0e12f6c-4c67-429d-a4a6-d9838b5da047}",
              "b0e12f6c4c67429da4a6d9838b5da047",
              " b0e12f6c-4c67-429d-a4a6-d9838b5da047",
            )
            .map((v) => of(lit(v), `not a UUID ${JSON.stringify(v)}`)),
          fc
            .constantFrom(10_000, 300_000)
            .map((n) => of(lit("7".repeat(n)), `string of ${n} chars`)),
        );
      }
      case "integer": {
        const outside = [
          (schema.minimum ?? 0) - 1,
          (schema.maximum ?? 0) + 1,
          2 ** 31,
          -(2 ** 31) - 1,
        ].filter((n) => !isInRange(schema, n) && (n !== 0 || schema["x-proto-optional"] === true));
        return fc.oneof(
          wrong("abc", true, {}, [], 1.5, "1.5", "0x10", "", " 3", "3 ", "\t3"),
          fc
            .constantFrom(...outside)
            .chain((n) =>
              fc.constantFrom(
                of(lit(n), `out of range ${n}`),
                of(lit(String(n)), `out of range "${n}"`),
              ),
            ),
          fc.constantFrom("1e400", "-1e400").map((t) => of(rawText(t), `number ${t}`)),
          deep,
        );
      }
      case "array": {
        const item = this.resolve(schema.items);
        const max = schema.maxItems;
        const options: fc.Arbitrary<Mutant>[] = [
          wrong("x", {}, 5, true),
          fc.constant(of(lit([null]), "null list element")),
        ];
        const badItem = this.invalidValue(item);
        if (badItem)
          options.push(
            badItem.map((m) => of({ t: "array", items: [m.node] }, `element: ${m.note}`)),
          );
        if (typeof max === "number") {
          options.push(
            fc
              .array(this.validValue(item), { minLength: max + 1, maxLength: max + 1 })
              .map((items) => of({ t: "array", items }, `${max + 1} items`)),
          );
        }
        return fc.oneof(...options);
      }
      case "object": {
        // Deep objects inside a message are unknown fields, which ProtoJSON ignores: only arrays.
        const deepArrays = deep.filter((m) => m.note.startsWith("arrays"));
        const options: fc.Arbitrary<Mutant>[] = [wrong("x", 5, [], true), deepArrays];
        if (Object.keys(schema.properties ?? {}).length > 0) {
          options.push(this.invalidMessage(schema));
        }
        return fc.oneof(...options);
      }
      default:
        return undefined;
    }
  }
}

function isInRange(schema: JsonSchema, n: number): boolean {
  return (
    Number.isInteger(n) &&
    n >= (schema.minimum ?? Number.NEGATIVE_INFINITY) &&
    n <= (schema.maximum ?? Number.POSITIVE_INFINITY)
  );
}

function toQuery(pairs: readonly (readonly [string, string])[]): string {
  return pairs.length === 0
    ? ""
    : `?${new URLSearchParams(pairs.map(([k, v]) => [k, v] as [string, string])).toString()}`;
}

function dropField(
  node: JsonNode,
  jsonName: string,
  protoName: string,
): JsonNode & { t: "object" } {
  if (node.t !== "object") throw new Error("expected an object");
  return { t: "object", entries: node.entries.filter(([k]) => k !== jsonName && k !== protoName) };
}

function withEntry(node: JsonNode, key: string, value: JsonNode): JsonNode {
  if (node.t !== "object") throw new Error("expected an object");
  return { t: "object", entries: [...node.entries, [key, value]] };
}
