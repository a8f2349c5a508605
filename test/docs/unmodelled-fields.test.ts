// docs/protocol.md's "Fields the world does not model" is the page's promise about the fields
// a real API sends and the mock leaves at zero. This holds it to the answers: every field of a
// message the page's RPCs answer with is either sent somewhere in a busy world, or named in
// the table; and a field the table calls zero is never sent.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sampleRequest } from "../../scripts/sample-requests.js";
import { loadWorldFile } from "../../src/adapters/node/load-world-file.js";
import { loadContract } from "../../src/contract/load-contract.js";
import type { MessageDescriptor } from "../../src/contract/message-descriptor.js";
import { findPackageRoot } from "../../src/package-root.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import type { WorldData } from "../../src/store/world.js";
import { callAdmin } from "../support/admin-client.js";
import { callRpc } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import { TEST_TIMING } from "../support/create-test-context.js";

const root = findPackageRoot();
const contract = loadContract();
/** The warm-pool RPCs' messages are the fact sheet's own; the page's are the ones in question. */
const pageRpcs = [...contract.rpcs.values()].filter((rpc) => !rpc.method.includes("WarmPool"));
const byTypeName = new Map([...contract.messages.values()].map((m) => [m.typeName, m]));

interface DocumentedRow {
  /** Every field of the message the row names. */
  named: Set<string>;
  /** The fields the row says are left at zero. */
  zero: Set<string>;
  /** Backticked words that look like field names but are not the message's. */
  strangers: string[];
}

/** The table of the section, by message type name. */
function readTable(): Map<string, DocumentedRow> {
  const text = readFileSync(join(root, "docs", "protocol.md"), "utf8");
  const section = text.split("### Fields the world does not model")[1]?.split(/\n#{2,3} /)[0];
  if (!section)
    throw new Error("docs/protocol.md has no section 'Fields the world does not model'");
  const rows = new Map<string, DocumentedRow>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const name = /^`(\w+)`$/.exec(cells[1] ?? "")?.[1];
    if (!name) continue;
    const message = byTypeName.get(`gitpod.v1.${name}`);
    if (!message) throw new Error(`the table names ${name}, which is no message of the contract`);
    const row: DocumentedRow = { named: new Set(), zero: new Set(), strangers: [] };
    for (const segment of (cells[2] ?? "").split(";")) {
      for (const [, word = ""] of segment.matchAll(/`([^`]+)`/g)) {
        if (message.byJsonName.has(word)) {
          row.named.add(word);
          if (segment.trim().endsWith("(zero)")) row.zero.add(word);
        } else if (/^[a-z][A-Za-z]*$/.test(word)) row.strangers.push(word);
      }
    }
    rows.set(message.typeName, row);
  }
  return rows;
}

/** Which fields of which messages an answer sends (walked with the contract's descriptors). */
function recordFields(
  seen: Map<string, Set<string>>,
  message: MessageDescriptor,
  value: unknown,
): void {
  if (typeof value !== "object" || value === null) return;
  const fields = seen.get(message.typeName) ?? new Set<string>();
  seen.set(message.typeName, fields);
  for (const [key, item] of Object.entries(value)) {
    const field = message.byJsonName.get(key);
    if (!field) throw new Error(`${message.typeName} has no field ${key}`);
    fields.add(key);
    const nested = field.message;
    if (!nested || field.kind === "map") continue;
    for (const element of field.repeated ? (item as unknown[]) : [item]) {
      recordFields(seen, nested, element);
    }
  }
}

describe("docs/protocol.md's fields the world does not model", () => {
  const seen = new Map<string, Set<string>>();
  const table = readTable();

  // Busy worlds (the default one, and one with every prebuild phase): prebuilds started
  // through the API, one failed by a fault rule, a failing runner and a disabled class, each
  // page RPC's sample and every record of the lists, seen by every organization.
  beforeAll(async () => {
    const worlds = [
      loadDefaultWorld(),
      loadWorldFile(join(root, "fixtures", "scenarios", "worlds", "every-phase.json")),
    ];
    for (const world of worlds)
      await answerAround(world, (rpc, body) => {
        const response = contract.findRpc(rpc)?.response;
        if (!response) throw new Error(`no RPC ${rpc}`);
        recordFields(seen, response, body);
      });
  });

  it("is read from the docs and names only fields of its messages", () => {
    expect(table.size).toBeGreaterThan(5);
    expect(Object.fromEntries([...table].map(([name, row]) => [name, row.strangers]))).toEqual(
      Object.fromEntries([...table.keys()].map((name) => [name, []])),
    );
  });

  it("names every field of the page's answers that the mock never sends", () => {
    const reached = new Set(seen.keys());
    expect(pageRpcs.filter((rpc) => !reached.has(rpc.response.typeName))).toEqual([]);
    const unnamed: string[] = [];
    for (const typeName of reached) {
      const message = byTypeName.get(typeName);
      for (const field of message?.fields ?? []) {
        const sent = seen.get(typeName)?.has(field.jsonName);
        if (!sent && !table.get(typeName)?.named.has(field.jsonName)) {
          unnamed.push(`${typeName}.${field.jsonName}`);
        }
      }
    }
    expect(unnamed).toEqual([]);
  });

  it("says zero only of fields the mock never sends", () => {
    const sentAnyway: string[] = [];
    for (const [typeName, row] of table) {
      for (const field of row.zero) {
        if (seen.get(typeName)?.has(field)) sentAnyway.push(`${typeName}.${field}`);
      }
    }
    expect(sentAnyway).toEqual([]);
  });
});

/** Calls the page's RPCs on a mock of `world`, in every state the page can show, handing on each answer. */
async function answerAround(
  world: WorldData,
  answered: (rpc: string, body: unknown) => void,
): Promise<void> {
  const { app, clock } = createTestApp({ world, timing: TEST_TIMING });
  const call = async (rpc: string, message: unknown, token: string) => {
    const answer = await callRpc(app, rpc, message, { token });
    expect(answer.code, `${rpc} ${JSON.stringify(message)}`).toBe("ok");
    answered(rpc, answer.body);
    return answer.body;
  };
  const [principal] = world.principals;
  if (!principal) throw new Error("a world without principals");
  const projectId = String(
    sampleRequest("PrebuildService/CreatePrebuild", world, principal.organizationId).projectId,
  );
  await callAdmin(app, "addFault", "post", "/_admin/faults", {
    rpc: "CreatePrebuild",
    failPrebuild: "npm ci exited with 1",
    times: 1,
  });
  // One fails, one completes, one is left running.
  for (let i = 0; i < 3; i++) {
    await call("PrebuildService/CreatePrebuild", { projectId, spec: {} }, principal.token);
    if (i < 2) clock.advance(TEST_TIMING.prebuildDelayMs);
  }
  for (const { token, organizationId } of world.principals) {
    for (const rpc of pageRpcs) {
      // A world may lack what a sample needs (every-phase's second organization has no free
      // pair); the default world has all, and every answer type is checked to be reached.
      let sample: Record<string, unknown>;
      try {
        sample = sampleRequest(rpc.name, world, organizationId);
      } catch {
        continue;
      }
      await call(rpc.name, sample, token);
    }
  }
  // Then a failing runner and a disabled class, which starting a prebuild would refuse.
  const [runner] = world.runners;
  const [environmentClass] = world.environmentClasses;
  await callAdmin(app, "degradeRunner", "post", `/_admin/runners/${runner?.id}/degrade`, {
    message: "cannot reach the cluster",
  });
  await callAdmin(
    app,
    "patchEnvironmentClass",
    "patch",
    `/_admin/environment-classes/${environmentClass?.id}`,
    { enabled: false },
  );
  for (const { token, organizationId } of world.principals) {
    const lists: [string, Record<string, unknown>][] = [
      ["ProjectService/ListProjects", { count: { include: true } }],
      ["EnvironmentService/ListEnvironmentClasses", {}],
      ["RunnerService/ListRunners", {}],
      ["PrebuildService/ListPrebuilds", {}],
    ];
    for (const [rpc, message] of lists) {
      // A page of 1 (a nextToken) and a page of everything.
      await call(rpc, { ...message, pagination: { pageSize: 1 } }, token);
      await call(rpc, { ...message, pagination: { pageSize: 100 } }, token);
    }
    for (const project of world.projects.filter((p) => p.organizationId === organizationId)) {
      await call("ProjectService/GetProject", { projectId: project.id }, token);
      await call("ProjectService/ListProjectEnvironmentClasses", { projectId: project.id }, token);
    }
  }
}
