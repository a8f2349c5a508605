import type { RequestListener } from "node:http";
import { describe, expect, it } from "vitest";
import { callRpc } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import {
  BOB,
  EXISTING_POOL,
  GLOBEX_ORG,
  GLOBEX_POOL,
  GLOBEX_PROJECT,
  LARGE,
  STANDARD,
  WEB_APP,
  XLARGE,
} from "../support/fixtures.js";

type Pool = {
  id: string;
  metadata: { projectId: string; environmentClassId: string; createdAt: string };
};

async function walk(
  app: RequestListener,
  pageSize: number,
  extra: object = {},
  viaQuery = false,
): Promise<Pool[]> {
  const seen: Pool[] = [];
  let token = "";
  for (let page = 0; page < 100; page++) {
    const res = viaQuery
      ? await callRpc(app, "ListWarmPools", extra, {
          query: `pageSize=${pageSize}${token ? `&token=${token}` : ""}`,
        })
      : await callRpc(app, "ListWarmPools", { ...extra, pagination: { pageSize, token } });
    expect(res.status).toBe(200);
    const pools: Pool[] = res.body.warmPools ?? [];
    expect(pools.length).toBeLessThanOrEqual(pageSize);
    seen.push(...pools);
    token = res.body.pagination.nextToken ?? "";
    if (!token) return seen;
    expect(pools.length).toBe(pageSize);
  }
  throw new Error("pagination did not end");
}

describe("ListWarmPools", () => {
  it("lists only the caller's organization's pools, in creation order", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "ListWarmPools", {});
    const ids = res.body.warmPools.map((p: Pool) => p.id);
    expect(ids[0]).toBe(EXISTING_POOL);
    expect(ids).toHaveLength(6);
    expect(ids).not.toContain(GLOBEX_POOL);
    expect(res.body.pagination).toEqual({});
    const bob = await callRpc(app, "ListWarmPools", {}, { token: BOB });
    expect(bob.body.warmPools.map((p: Pool) => p.id)).toEqual([GLOBEX_POOL]);
  });

  it("defaults to pages of 25 (pageSize 0 or absent)", async () => {
    const { app, store } = createTestApp();
    for (const project of store.projects.values()) {
      project.prebuildConfiguration = {
        enabled: true,
        environmentClassIds: [STANDARD, LARGE, XLARGE],
        timeoutSeconds: 600,
      };
    }
    for (const project of [...store.projects.values()].filter(
      (p) => p.organizationId !== GLOBEX_ORG,
    )) {
      for (const cls of [STANDARD, LARGE, XLARGE]) {
        await callRpc(app, "CreateWarmPool", { projectId: project.id, environmentClassId: cls });
      }
    }
    const first = await callRpc(app, "ListWarmPools", { pagination: { pageSize: 0 } });
    expect(first.body.warmPools).toHaveLength(25);
    expect(first.body.pagination.nextToken).toBeTruthy();
    const none = await callRpc(app, "ListWarmPools", {});
    expect(none.body.warmPools).toHaveLength(25);
    const all = await walk(app, 100);
    expect(all.length).toBeGreaterThan(25);
  });

  it("walks every pool exactly once with page size 1, from the body or the URL query", async () => {
    const { app } = createTestApp();
    const everything = (
      await callRpc(app, "ListWarmPools", { pagination: { pageSize: 100 } })
    ).body.warmPools.map((p: Pool) => p.id);
    for (const viaQuery of [false, true]) {
      const walked = (await walk(app, 1, {}, viaQuery)).map((p) => p.id);
      expect(walked).toEqual(everything);
    }
    expect((await walk(app, 4)).map((p) => p.id)).toEqual(everything);
  });

  it("lets the query token and size win over the body's", async () => {
    const { app } = createTestApp();
    const res = await callRpc(
      app,
      "ListWarmPools",
      { pagination: { pageSize: 5 } },
      { query: "pageSize=2" },
    );
    expect(res.body.warmPools).toHaveLength(2);
  });

  it("never repeats or skips a pool while pools are created and deleted during the walk", async () => {
    const { app, clock } = createTestApp({ timing: { deleteDelayMs: 0 } });
    const page1 = await callRpc(app, "ListWarmPools", { pagination: { pageSize: 2 } });
    const firstIds = page1.body.warmPools.map((p: Pool) => p.id);
    // Remove a pool already seen, and add one at the end.
    await callRpc(app, "DeleteWarmPool", { warmPoolId: firstIds[0] });
    clock.advance(1);
    const added = (
      await callRpc(app, "CreateWarmPool", { projectId: WEB_APP, environmentClassId: STANDARD })
    ).body.warmPool.id;
    let token = page1.body.pagination.nextToken;
    const rest: string[] = [];
    while (token) {
      const res = await callRpc(app, "ListWarmPools", { pagination: { pageSize: 2, token } });
      rest.push(...res.body.warmPools.map((p: Pool) => p.id));
      token = res.body.pagination.nextToken;
    }
    const all = [...firstIds, ...rest];
    expect(new Set(all).size).toBe(all.length);
    expect(rest.at(-1)).toBe(added);
    expect(all).toHaveLength(7);
  });

  it("filters by project IDs and by class IDs, and by both", async () => {
    const { app } = createTestApp();
    await callRpc(app, "CreateWarmPool", { projectId: WEB_APP, environmentClassId: STANDARD });
    const byProject = await callRpc(app, "ListWarmPools", { filter: { projectIds: [WEB_APP] } });
    expect(byProject.body.warmPools.map((p: Pool) => p.metadata.environmentClassId).sort()).toEqual(
      [LARGE, STANDARD].sort(),
    );
    const byClass = await callRpc(app, "ListWarmPools", {
      filter: { environmentClassIds: [LARGE] },
    });
    expect(byClass.body.warmPools.map((p: Pool) => p.id)).toEqual([EXISTING_POOL]);
    const both = await callRpc(app, "ListWarmPools", {
      filter: { projectIds: [WEB_APP], environmentClassIds: [STANDARD] },
    });
    expect(both.body.warmPools).toHaveLength(1);
    expect(both.body.warmPools[0].metadata.environmentClassId).toBe(STANDARD);
    const several = await callRpc(app, "ListWarmPools", {
      filter: { environmentClassIds: [LARGE, STANDARD] },
    });
    expect(several.body.warmPools.length).toBe(7);
  });

  it("omits warmPools when nothing matches and never lists a foreign pool through a filter", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "ListWarmPools", {
      filter: { projectIds: [GLOBEX_PROJECT] },
    });
    expect(res.body).toEqual({ pagination: {} });
  });

  it.each([["garbage"], ["wp1.bm90LWpzb24"], ["wp1.eyJhZnRlciI6LTF9"], ["wp1.eyJhZnRlciI6MX0="]])(
    "answers invalid_argument for a bad page token %s",
    async (token) => {
      const { app } = createTestApp();
      const res = await callRpc(app, "ListWarmPools", { pagination: { token } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("invalid_argument");
      expect(res.body.message).toContain("invalid page token");
      const viaQuery = await callRpc(
        app,
        "ListWarmPools",
        {},
        { query: `token=${encodeURIComponent(token)}` },
      );
      expect(viaQuery.body.code).toBe("invalid_argument");
    },
  );
});
