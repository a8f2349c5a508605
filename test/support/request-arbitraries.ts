import fc from "fast-check";
import type { JsonSchema, OpenApiDocument } from "../../src/adapters/node/load-openapi.js";
import { isUri } from "../../src/contract/is-uri.js";
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
    const schema = this.requestSchema(method);
    // Now and then only what must be there: a request of many optional fields (UpdateProject's)
    // otherwise nearly always sets one the RPC refuses or that changes its outcome.
    const body = fc.oneof(
      { weight: 4, arbitrary: this.validMessage(schema) },
      { weight: 1, arbitrary: this.validMessage(schema, { minimal: true }) },
    );
    return fc
      .tuple(body, this.validQuery(method))
      .map(([node, query]) => ({ body: node, query, valid: true, note: "valid" }));
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

  private validMessage(
    schema: JsonSchema,
    { minimal = false }: { minimal?: boolean } = {},
  ): fc.Arbitrary<JsonNode> {
    const required = new Set<string>(schema.required ?? []);
    const properties = Object.entries<JsonSchema>(schema.properties ?? {});
    // A field whose rule also judges its unset (empty) value must be given, as a required one.
    for (const [jsonName, raw] of properties) if (raw.default === "") required.add(jsonName);
    // At most one field of a oneof is set (exactly one when the oneof is required).
    const oneofs = new Map<string, [string, JsonSchema][]>();
    for (const entry of properties) {
      const oneof = entry[1]["x-proto-oneof"];
      if (typeof oneof === "string") oneofs.set(oneof, [...(oneofs.get(oneof) ?? []), entry]);
    }
    const oneofGroups = [...oneofs.entries()].map(([name, members]) => {
      const one = fc.oneof(
        ...members.map(([jsonName, raw]) => {
          const property = this.resolve(raw);
          const names = [jsonName, property["x-proto-name"] as string];
          return fc
            .tuple(fc.constantFrom(...names), this.validValue(property))
            .map((e) => [e] as [string, JsonNode][]);
        }),
      );
      if (schema["x-proto-oneof-required"] === name) return one;
      const none = fc.constant([] as [string, JsonNode][]);
      return minimal ? none : fc.oneof(one, none);
    });
    const fields = properties.flatMap(([jsonName, raw]) => {
      if (typeof raw["x-proto-oneof"] === "string") return [];
      const property = this.resolve(raw);
      const names = [jsonName, property["x-proto-name"] as string];
      const entry = fc.tuple(fc.constantFrom(...names), this.validValue(property));
      // A field that is not required may be absent, or null (which ProtoJSON reads as unset).
      if (minimal && !required.has(jsonName)) return [fc.constant([] as [string, JsonNode][])];
      return [
        required.has(jsonName)
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
            ),
      ];
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
    return fc
      .tuple(fc.tuple(...fields, ...oneofGroups), extras, fc.boolean())
      .map(([groups, extra, shadow]) => {
        const entries = groups.flat() as [string, JsonNode][];
        // The last of duplicate keys wins: an earlier junk copy must change nothing.
        const shadows = shadow
          ? entries.slice(0, 1).map(([key]) => [key, lit({ junk: [1, "x"] })] as [string, JsonNode])
          : [];
        return { t: "object" as const, entries: [...extra, ...shadows, ...entries] };
      });
  }

  // The names and numbers of an enum's values, when the schema is one (or an anyOf with one).
  private enumOf(schema: JsonSchema): Record<string, number> | undefined {
    const branch = Array.isArray(schema.anyOf)
      ? this.resolve(schema.anyOf.find((b: JsonSchema) => typeof b.$ref === "string") ?? {})
      : schema;
    return branch["x-proto-enum-numbers"];
  }

  private validValue(
    schema: JsonSchema,
    name: string = schema["x-proto-name"],
  ): fc.Arbitrary<JsonNode> {
    const hint = this.hints.strings[name];
    const enumNumbers = this.enumOf(schema);
    if (enumNumbers) {
      // Names or numbers of defined values; any int32 where the enum is open (anyOf).
      const open = Array.isArray(schema.anyOf);
      const defined = fc
        .constantFrom(...Object.entries(enumNumbers))
        .chain(([n, v]) => fc.constantFrom(lit(n), lit(v)));
      return open
        ? fc.oneof(
            { weight: 3, arbitrary: defined },
            { weight: 1, arbitrary: fc.integer().map(lit) },
          )
        : defined;
    }
    if (schema["x-proto-type"] === "google.protobuf.Duration") {
      const bounds = schema["x-proto-duration"];
      const min = bounds ? Number.parseInt(bounds.gte, 10) : -1000;
      const max = bounds ? Number.parseInt(bounds.lte, 10) : 100_000;
      return fc
        .tuple(fc.integer({ min, max }), fc.constantFrom("", ".5", ".000000001", ".250", ".000"))
        .map(([seconds, fraction]) => lit(`${seconds}${seconds === max ? "" : fraction}s`));
    }
    if (schema["x-proto-type"] === "map") {
      const value = this.validValue(this.resolve(schema.additionalProperties), name);
      return fc
        .uniqueArray(fc.tuple(fc.string({ maxLength: 8 }), value), {
          maxLength: 3,
          selector: ([k]) => k,
        })
        .map((entries) => ({ t: "object", entries }));
    }
    switch (schema.type) {
      case "boolean":
        return fc.boolean().map(lit);
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
        if (schema.format === "uint64") {
          return fc
            .bigInt({ min: 0n, max: 2n ** 64n - 1n })
            .chain((n) =>
              n <= BigInt(Number.MAX_SAFE_INTEGER)
                ? fc.constantFrom(lit(String(n)), lit(Number(n)))
                : fc.constant(lit(String(n))),
            );
        }
        if (schema.format === "uri") {
          return fc
            .oneof(
              fc.constantFrom(
                "https://github.com/gitpod-io/gitpod",
                "ssh://git@github.com/gitpod-io/gitpod.git",
                "urn:isbn:0451450523",
                "http://[::1]:8080/x?y#z",
              ),
              // Web URLs that RFC 3986 allows (isUri is held to protovalidate's own check).
              fc.webUrl({ withQueryParameters: true, withFragments: true }).filter(isUri),
            )
            .map(lit);
        }
        if (schema["x-proto-cel"]) {
          // The CEL rule of a relative path: empty, or not starting with a slash.
          return fc
            .oneof(
              fc.constant(""),
              fc.string({ minLength: 1 }).filter((t) => !t.startsWith("/")),
            )
            .map(lit);
        }
        if (schema.minLength !== undefined || schema.maxLength !== undefined) {
          return (
            hint ??
            fc.string({
              minLength: schema.minLength ?? 0,
              maxLength: Math.min(schema.maxLength ?? 40, 40),
            })
          )
            .chain((text) =>
              schema.maxLength !== undefined && schema.maxLength <= 300
                ? fc.constantFrom(text, "é".repeat(schema.maxLength))
                : fc.constant(text),
            )
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
    for (const [jsonName, raw] of properties) if (raw.default === "") required.add(jsonName);
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
    if (this.enumOf(schema)) return lit(0);
    if (schema.type === "boolean") return lit(false);
    if (schema["x-proto-type"] === "google.protobuf.Duration") return lit("0s");
    if (schema.type === "integer") return lit(schema.minimum ?? 0);
    if (schema.type === "array") return lit([]);
    if (schema.type === "object") return lit({});
    return lit("");
  }

  private invalidValue(schema: JsonSchema): fc.Arbitrary<Mutant> | undefined {
    const of = (node: JsonNode, note: string) => ({ node, note });
    const enumNumbers = this.enumOf(schema);
    if (enumNumbers) {
      const used = new Set(Object.values(enumNumbers));
      const options = [
        fc
          .constantFrom("NOT_A_VALUE", "", true, {}, 1.5, 2 ** 31)
          .map((v) => of(lit(v), `wrong type ${JSON.stringify(v)}`)),
      ];
      // A number the enum does not define decodes; enum.defined_only refuses it (a closed enum).
      if (!Array.isArray(schema.anyOf)) {
        options.push(
          fc
            .integer({ min: -5, max: 200 })
            .filter((n) => !used.has(n))
            .map((n) => of(lit(n), `undefined enum number ${n}`)),
        );
      }
      return fc.oneof(...options);
    }
    if (schema["x-proto-type"] === "google.protobuf.Duration") {
      const options = [
        fc
          .constantFrom("3600", "1h", "1.0000000001s", "s", 3600, "")
          .map((v) => of(lit(v), `wrong type ${JSON.stringify(v)}`)),
      ];
      const bounds = schema["x-proto-duration"];
      if (bounds) {
        options.push(
          fc
            .constantFrom("299.999999999s", "0s", "-300s", "7200.000000001s", "100000s")
            .map((v) => of(lit(v), `out of range ${v}`)),
        );
      }
      return fc.oneof(...options);
    }
    if (schema["x-proto-type"] === "map") {
      return fc
        .constantFrom("x", 5, [], true)
        .map((v) => of(lit(v), `wrong type ${JSON.stringify(v)}`));
    }
    if (schema.type === "boolean") {
      return fc
        .constantFrom("true", 1, "yes", {}, [])
        .map((v) => of(lit(v), `wrong type ${JSON.stringify(v)}`));
    }
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
        if (schema.format === "uri") {
          return fc.oneof(
            ...base,
            fc
              .constantFrom("not a uri", "//host/path", "http://a b", "http://[::1", "%zz:x", "")
              .map((v) => of(lit(v), `not a URI ${JSON.stringify(v)}`)),
          );
        }
        if (schema["x-proto-cel"]) {
          return fc.oneof(
            ...base,
            fc
              .constantFrom("/", "/workspace/.devcontainer.json", "//x")
              .map((v) => of(lit(v), `absolute path ${JSON.stringify(v)}`)),
          );
        }
        if (schema.maxLength !== undefined || (schema.minLength ?? 0) > 0) {
          const options = [...base];
          if (schema.maxLength !== undefined) {
            const n = schema.maxLength + 1;
            options.push(
              fc
                .constantFrom("x", "é", "\u{1F600}")
                .map((c) => of(lit(c.repeat(n)), `${n} characters`)),
            );
          }
          if ((schema.minLength ?? 0) > 0) {
            options.push(fc.constant(of(lit(""), "empty, below its minimum length")));
          }
          return fc.oneof(...options);
        }
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
        if (schema["x-proto-oneof-required"]) {
          options.push(fc.constant(of(lit({}), `no field of the required oneof`)));
        }
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
