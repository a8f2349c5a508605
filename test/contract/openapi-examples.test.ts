// Tools that turn openapi/ into requests (Dredd, Schemathesis, Postman) need a value for every
// required parameter: Dredd 14 refused warm-pools.yaml outright ("Required URI parameter
// 'message' has no example or default value"). Every required parameter carries an example,
// and every JSON request body of the RPCs one the default world answers.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findPackageRoot } from "../../src/package-root.js";
import { callRpc } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";

type Node = Record<string, unknown>;
const DIR = join(findPackageRoot(), "openapi");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const documents = readdirSync(DIR)
  .filter((name) => name.endsWith(".yaml"))
  .map((name) => ({ name, doc: parse(readFileSync(join(DIR, name), "utf8")) as Node }));

/** Follows a local `$ref` ("#/components/parameters/X") to what it names. */
function resolve(doc: Node, node: Node): Node {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  let target: unknown = doc;
  for (const key of ref.replace(/^#\//, "").split("/")) target = (target as Node)[key];
  return resolve(doc, target as Node);
}

/** Every parameter of every operation, path-level ones included, as `METHOD path name`. */
function parametersOf(doc: Node): { where: string; parameter: Node }[] {
  const found: { where: string; parameter: Node }[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Node>)) {
    const shared = ((item.parameters ?? []) as Node[]).map((p) => resolve(doc, p));
    for (const method of METHODS) {
      const operation = item[method] as Node | undefined;
      if (!operation) continue;
      const own = ((operation.parameters ?? []) as Node[]).map((p) => resolve(doc, p));
      for (const parameter of [...shared, ...own]) {
        found.push({ where: `${method.toUpperCase()} ${path} ${parameter.name}`, parameter });
      }
    }
  }
  return found;
}

describe.each(documents)("openapi/$name", ({ doc }) => {
  it("gives every required parameter an example", () => {
    const required = parametersOf(doc).filter(({ parameter }) => parameter.required === true);
    expect(required.length).toBeGreaterThan(0);
    const missing = required
      .filter(({ parameter }) => parameter.example === undefined)
      .map(({ where }) => where);
    expect(missing).toEqual([]);
  });
});

describe("openapi/warm-pools.yaml", () => {
  const doc = documents.find((d) => d.name === "warm-pools.yaml")?.doc as Node;
  const bodies = Object.entries(doc.paths as Record<string, Node>).flatMap(([path, item]) => {
    const post = item.post as Node | undefined;
    const json = (post?.requestBody as Node | undefined)?.content as Node | undefined;
    const body = json?.["application/json"] as Node | undefined;
    return body ? [{ path, example: body.example }] : [];
  });

  it("gives every RPC's JSON request body an example", () => {
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.filter((b) => b.example === undefined).map((b) => b.path)).toEqual([]);
  });

  it.each(bodies)(
    "$path: the example is a request the default world answers",
    async ({ path, example }) => {
      const { app } = createTestApp();
      // `PrebuildService/CreateWarmPool` from `/gitpod.v1.PrebuildService/CreateWarmPool`.
      const answer = await callRpc(app, path.replace(/^\/gitpod\.v1\./, ""), example);
      expect(answer.code).toBe("ok");
    },
  );
});
