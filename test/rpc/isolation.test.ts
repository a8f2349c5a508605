// One organization must learn nothing about another: not through answers, error messages,
// list results, page tokens or counts.
import { afterEach, describe, expect, it } from "vitest";
import { growWorld, syntheticUuid } from "../../scripts/grow-world.js";
import { loadContract } from "../../src/contract/load-contract.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import type { WorldData } from "../../src/store/world.js";
import { callRpc, pageOf, type RpcResponse, warmPoolOf } from "../support/call-rpc.js";
import { createManualClock } from "../support/create-manual-clock.js";
import {
  ACME_ORG,
  ALICE,
  BOB,
  EXISTING_POOL,
  GLOBEX_CLASS,
  GLOBEX_ORG,
  GLOBEX_POOL,
  GLOBEX_PROJECT,
  LARGE,
  STANDARD,
  WEB_APP,
} from "../support/fixtures.js";
import { rpcCases } from "../support/rpc-table.js";
import { type RunningServer, startServer } from "../support/start-server.js";

const contract = loadContract();
const MADE_UP = "00000000-0000-4000-8000-00000000abcd";
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Tenant {
  token: string;
  organizationId: string;
  projectId: string;
  classId: string;
  poolId: string;
}
const acme: Tenant = {
  token: ALICE,
  organizationId: ACME_ORG,
  projectId: WEB_APP,
  classId: LARGE,
  poolId: EXISTING_POOL,
};
const globex: Tenant = {
  token: BOB,
  organizationId: GLOBEX_ORG,
  projectId: GLOBEX_PROJECT,
  classId: GLOBEX_CLASS,
  poolId: GLOBEX_POOL,
};

/** Every identifier and name of an organization's records, which no other caller may see. */
function secretsOf(world: WorldData, organizationId: string): string[] {
  const org = world.organizations.find((o) => o.id === organizationId);
  const runners = world.runners.filter((r) => r.organizationId === organizationId);
  const runnerIds = new Set(runners.map((r) => r.id));
  const classes = world.environmentClasses.filter((c) => runnerIds.has(c.runnerId));
  const projects = world.projects.filter((p) => p.organizationId === organizationId);
  const projectIds = new Set(projects.map((p) => p.id));
  return [
    organizationId,
    org?.name ?? "",
    ...runners.flatMap((r) => [r.id, r.name]),
    ...classes.flatMap((c) => [c.id, c.displayName]),
    ...projects.flatMap((p) => [p.id, p.name]),
    ...world.prebuilds.filter((p) => projectIds.has(p.projectId)).map((p) => p.id),
    ...world.warmPools.filter((p) => p.organizationId === organizationId).map((p) => p.id),
  ].filter((s) => s.length > 0);
}

function expectNoLeak(answer: RpcResponse, secrets: string[], sent: string[]): void {
  const text = answer.text.toLowerCase();
  for (const secret of secrets) {
    if (sent.some((s) => s.toLowerCase() === secret.toLowerCase())) continue;
    expect(text, `answer leaks ${secret}`).not.toContain(secret.toLowerCase());
  }
}

describe.each([
  ["Globex", "Acme", globex, acme],
  ["Acme", "Globex", acme, globex],
])("%s's token against %s's data", (_callerName, _ownerName, caller, owner) => {
  const world = loadDefaultWorld();
  // A name the caller's own records also contain (Acme's class "Standard" in Globex's "Globex
  // Standard") is no secret in the caller's answers.
  const own = secretsOf(world, caller.organizationId).map((s) => s.toLowerCase());
  const secrets = secretsOf(world, owner.organizationId).filter(
    (secret) => !own.some((mine) => mine.includes(secret.toLowerCase())),
  );

  it.each(rpcCases().map((c) => [c.label, c] as const))(
    "%s with the other organization's sample request answers as for made-up IDs, changes nothing",
    async (label, { entry, sampleOf }) => {
      server = await startServer({ contract });
      const before = server.store.snapshot();
      const request = sampleOf(owner.organizationId);
      const sent = Object.values(request).map(String);
      for (const variant of [request, upperCased(request)]) {
        const answer = await callRpc(server.url, label, variant, { token: caller.token });
        expect(answer.code).toBe(entry.foreignCode);
        expectNoLeak(answer, secrets, sent);
      }
      // The answer is the one for IDs that exist nowhere.
      const foreign = await callRpc(server.url, label, request, { token: caller.token });
      const missing = await callRpc(server.url, label, replaceIds(request, MADE_UP), {
        token: caller.token,
      });
      expect(missing.code).toBe(foreign.code);
      const ids = Object.values(request).filter((v): v is string => typeof v === "string");
      expect(withIdsReplaced(foreign.text, ids)).toBe(missing.text);
      expect(server.store.snapshot()).toEqual(before);
    },
  );

  it("CreateWarmPool with the other organization's class in an own project says what a made-up class would", async () => {
    server = await startServer({ contract });
    const own = caller === acme ? WEB_APP : GLOBEX_PROJECT;
    const foreign = await callRpc(
      server.url,
      "CreateWarmPool",
      { projectId: own, environmentClassId: owner.classId },
      { token: caller.token },
    );
    const madeUp = await callRpc(
      server.url,
      "CreateWarmPool",
      { projectId: own, environmentClassId: MADE_UP },
      { token: caller.token },
    );
    expect(foreign.body?.code).toBe(madeUp.body?.code);
    expect(String(foreign.body?.message).replace(owner.classId, "X")).toBe(
      String(madeUp.body?.message).replace(MADE_UP, "X"),
    );
    expectNoLeak(foreign, secrets, [owner.classId]);
  });

  it("ListWarmPools returns only the caller's pools, whatever the filter", async () => {
    server = await startServer({ contract });
    const filters = [
      {},
      { filter: { projectIds: [owner.projectId] } },
      { filter: { environmentClassIds: [owner.classId] } },
      { filter: { projectIds: [owner.projectId, caller.projectId] } },
      { pagination: { pageSize: 1 } },
    ];
    for (const body of filters) {
      let token = "";
      do {
        const answer = await callRpc(server.url, "ListWarmPools", body, {
          token: caller.token,
          query: token ? `token=${token}` : "",
        });
        const page = pageOf(answer);
        for (const pool of page.pools as unknown as { metadata: { organizationId: string } }[]) {
          expect(pool.metadata.organizationId).toBe(caller.organizationId);
        }
        expectNoLeak(answer, secrets, []);
        token = page.nextToken;
      } while (token);
    }
  });
});

describe("with strict auth, callers without a listed token", () => {
  it.each(rpcCases().map((c) => c.label))("get unauthenticated from %s", async (method) => {
    server = await startServer({ contract, strictAuth: true });
    for (const token of [null, "wpm_unknown", "Basic abc"]) {
      const answer = await callRpc(server.url, method, {}, { token });
      expect(answer.status).toBe(401);
      expect(answer.body?.code).toBe("unauthenticated");
    }
  });
});

describe("what another organization does", () => {
  // Globex's view of the world must be the same whether Acme is idle or busy.
  async function globexTranscript(acmeBusy: boolean): Promise<string[]> {
    let world = growWorld(loadDefaultWorld(), GLOBEX_ORG, 3);
    world = growWorld(world, ACME_ORG, 6);
    const clock = createManualClock();
    let n = 0;
    server = await startServer({
      world,
      contract,
      clock,
      newId: () => syntheticUuid(0xabc, n++),
      timing: { readyDelayMs: 100, deleteDelayMs: 100 },
    });
    const { url } = server;
    const globexProject = (i: number) =>
      syntheticUuid(Number.parseInt(GLOBEX_ORG.slice(0, 6), 16), i);
    const acmeProject = (i: number) => syntheticUuid(Number.parseInt(ACME_ORG.slice(0, 6), 16), i);
    let acmeStep = 0;
    const acmeActs = async () => {
      if (!acmeBusy) return;
      for (let k = 0; k < 2; k++, acmeStep++) {
        const created = await callRpc(url, "CreateWarmPool", {
          projectId: acmeProject(acmeStep % 6),
          environmentClassId: [STANDARD, LARGE][acmeStep % 2],
        });
        if (created.code === "ok" && acmeStep % 3 === 0) {
          await callRpc(url, "DeleteWarmPool", { warmPoolId: warmPoolOf(created).id });
        }
      }
    };
    const transcript: string[] = [];
    const bob = async (method: string, body: unknown, query = "") => {
      await acmeActs();
      clock.advance(50);
      const answer = await callRpc(url, method, body, { token: BOB, query });
      transcript.push(`${method} ${answer.status} ${answer.text}`);
      return answer;
    };
    const p1 = warmPoolOf(
      await bob("CreateWarmPool", {
        projectId: globexProject(0),
        environmentClassId: GLOBEX_CLASS,
      }),
    );
    await bob("CreateWarmPool", {
      projectId: globexProject(1),
      environmentClassId: GLOBEX_CLASS,
    });
    let next = "";
    do {
      const page = await bob(
        "ListWarmPools",
        { pagination: { pageSize: 1 } },
        next ? `token=${next}` : "",
      );
      next = pageOf(page).nextToken;
    } while (next);
    await bob("UpdateWarmPool", { warmPoolId: p1.id, maxSize: 4 });
    await bob("DeleteWarmPool", { warmPoolId: p1.id });
    await bob("CreateWarmPool", {
      projectId: globexProject(2),
      environmentClassId: GLOBEX_CLASS,
    });
    await bob("GetWarmPool", { warmPoolId: p1.id });
    clock.advance(1000);
    await bob("ListWarmPools", {});
    await server.close();
    server = undefined;
    // Pool IDs come from one counter shared with Acme here; a real server's are random, so
    // compare them by order of first appearance.
    const names = new Map<string, string>();
    return transcript.map((line) =>
      line.replace(/00000abc-0000-4000-8000-[0-9a-f]{12}/g, (id) => {
        if (!names.has(id)) names.set(id, `new-pool-${names.size}`);
        return names.get(id) as string;
      }),
    );
  }

  it("changes nothing Globex sees, page tokens included", async () => {
    const quiet = await globexTranscript(false);
    const busy = await globexTranscript(true);
    expect(busy).toEqual(quiet);
  });
});

function upperCased(request: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(request).map(([k, v]) => [k, typeof v === "string" ? v.toUpperCase() : v]),
  );
}

// An answer's text with the IDs of the request replaced by the made-up one.
function withIdsReplaced(text: string, ids: string[]): string {
  return ids.reduce((t, id) => t.split(id).join(MADE_UP), text);
}

function replaceIds(request: Record<string, unknown>, id: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(request).map(([k, v]) => [k, typeof v === "string" ? id : v]),
  );
}
