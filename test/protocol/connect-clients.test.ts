import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { compressionGzip, createConnectTransport } from "@connectrpc/connect-node";
import { describe, expect, it } from "vitest";
import { ViolationsSchema } from "../../src/gen/buf/validate/validate_pb.js";
import { PrebuildService, WarmPoolPhase } from "../../src/gen/gitpod/v1/prebuild_pb.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { WorldStore } from "../../src/store/world-store.js";
import { createManualClock } from "../support/create-manual-clock.js";
import {
  ALICE,
  EXISTING_POOL,
  GLOBEX_POOL,
  GPU,
  LARGE,
  LEGACY_NO_PREBUILDS,
  STANDARD,
  WEB_APP,
} from "../support/fixtures.js";
import { listen, type SeenRequest } from "../support/listen.js";

// The reference clients a frontend team uses, generated from this repo's proto/.
const VARIANTS = [
  { name: "JSON over POST", useBinaryFormat: false, useHttpGet: false },
  { name: "binary over POST", useBinaryFormat: true, useHttpGet: false },
  { name: "JSON with GET for reads", useBinaryFormat: false, useHttpGet: true },
  { name: "binary with GET for reads, gzip both ways", useBinaryFormat: true, useHttpGet: true },
];

const auth = { Authorization: `Bearer ${ALICE}` };

describe.each(VARIANTS)("connect-node client, $name", (variant) => {
  const clock = createManualClock();
  const store = new WorldStore(loadDefaultWorld());
  const seen: SeenRequest[] = [];
  const ready = listen(
    {
      store,
      clock,
      timing: { readyDelayMs: 1000, deleteDelayMs: 2000 },
      latencyMs: (method) => (method === "UpdateWarmPool" ? 300 : 0),
      maxBodyBytes: 4096,
    },
    seen,
  );
  const gzip = variant.name.includes("gzip");
  // `prefix` moves every procedure path, so the mock knows none of them.
  const client = async (prefix = "") =>
    createClient(
      PrebuildService,
      createConnectTransport({
        baseUrl: (await ready) + prefix,
        httpVersion: "1.1",
        useBinaryFormat: variant.useBinaryFormat,
        useHttpGet: variant.useHttpGet,
        sendCompression: gzip ? compressionGzip : undefined,
        acceptCompression: gzip ? [compressionGzip] : [],
        compressMinBytes: 0,
      }),
    );

  it("runs the whole lifecycle: create, get, list with paging, update, delete", async () => {
    const c = await client();
    const created = await c.createWarmPool(
      { projectId: WEB_APP, environmentClassId: STANDARD, minSize: 0, maxSize: 2 },
      { headers: auth },
    );
    const pool = created.warmPool;
    expect(pool?.metadata?.projectId).toBe(WEB_APP);
    expect(pool?.spec?.minSize).toBe(0); // presence survives both codecs
    expect(pool?.spec?.maxSize).toBe(2);
    expect(pool?.status?.phase).toBe(WarmPoolPhase.PENDING);
    const id = pool?.id ?? "";

    clock.advance(1000);
    const got = await c.getWarmPool({ warmPoolId: id }, { headers: auth });
    expect(got.warmPool?.status?.phase).toBe(WarmPoolPhase.READY);
    expect(got.warmPool?.metadata?.createdAt).toEqual(pool?.metadata?.createdAt);

    const ids: string[] = [];
    let token = "";
    let pages = 0;
    do {
      const page = await c.listWarmPools({ pagination: { pageSize: 2, token } }, { headers: auth });
      ids.push(...page.warmPools.map((p) => p.id));
      token = page.pagination?.nextToken ?? "";
      pages++;
    } while (token !== "");
    expect(ids).toContain(id);
    expect(ids).toContain(EXISTING_POOL);
    expect(ids).not.toContain(GLOBEX_POOL);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(ids.length / 2));
    const filtered = await c.listWarmPools(
      { filter: { projectIds: [WEB_APP], environmentClassIds: [STANDARD] } },
      { headers: auth },
    );
    expect(filtered.warmPools.map((p) => p.id)).toEqual([id]);

    const updated = await c.updateWarmPool({ warmPoolId: id, maxSize: 5 }, { headers: auth });
    expect(updated.warmPool?.spec?.maxSize).toBe(5);
    expect(updated.warmPool?.spec?.minSize).toBe(0);
    expect(updated.warmPool?.spec?.specVersion).toBe((pool?.spec?.specVersion ?? 0n) + 1n);

    await c.deleteWarmPool({ warmPoolId: id }, { headers: auth });
    const deleting = await c.getWarmPool({ warmPoolId: id }, { headers: auth });
    expect(deleting.warmPool?.spec?.desiredPhase).toBe(WarmPoolPhase.DELETING);
    clock.advance(2000);
    await expect(c.getWarmPool({ warmPoolId: id }, { headers: auth })).rejects.toMatchObject({
      code: Code.NotFound,
    });

    // The variant really used the wire format it names.
    const codec = variant.useBinaryFormat ? "application/proto" : "application/json";
    const posts = seen.filter((r) => r.method === "POST");
    expect(posts.every((r) => r.contentType === codec)).toBe(true);
    const reads = seen.filter((r) => /\/(Get|List)WarmPools?$/.test(r.path));
    expect(reads.length).toBeGreaterThan(4);
    expect(new Set(reads.map((r) => r.method))).toEqual(
      new Set([variant.useHttpGet ? "GET" : "POST"]),
    );
    expect(posts.some((r) => r.contentEncoding === "gzip")).toBe(gzip);
  });

  it("receives invalid_argument with the buf.validate.Violations detail", async () => {
    const c = await client();
    const error = await c
      .createWarmPool({ projectId: "nope", minSize: 30 }, { headers: auth })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    const connectError = error as ConnectError;
    expect(connectError.code).toBe(Code.InvalidArgument);
    const [violations] = connectError.findDetails(ViolationsSchema);
    const found = violations?.violations.map((v) => ({
      path: v.field?.elements.map((e) => e.fieldName).join("."),
      rule: v.constraintId,
    }));
    expect(found).toEqual([
      { path: "project_id", rule: "string.uuid" },
      { path: "environment_class_id", rule: "required" },
      { path: "min_size", rule: "int32.gte_lte" },
    ]);
    expect(connectError.rawMessage).toContain(" - project_id: value must be a valid UUID");
  });

  it("receives each domain and protocol error with its code", async () => {
    const c = await client();
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: unknown) => (e instanceof ConnectError ? Code[e.code] : String(e)),
      );
    const missing = "00000000-0000-4000-8000-000000000000";
    expect({
      notFound: await codeOf(c.getWarmPool({ warmPoolId: missing }, { headers: auth })),
      otherOrg: await codeOf(c.getWarmPool({ warmPoolId: GLOBEX_POOL }, { headers: auth })),
      alreadyExists: await codeOf(
        c.createWarmPool({ projectId: WEB_APP, environmentClassId: LARGE }, { headers: auth }),
      ),
      prebuildsDisabled: await codeOf(
        c.createWarmPool(
          { projectId: LEGACY_NO_PREBUILDS, environmentClassId: STANDARD },
          { headers: auth },
        ),
      ),
      classNotConfigured: await codeOf(
        c.createWarmPool({ projectId: WEB_APP, environmentClassId: GPU }, { headers: auth }),
      ),
      noToken: await codeOf(c.listWarmPools({})),
      tooLarge: await codeOf(
        c.listWarmPools(
          { filter: { projectIds: Array.from({ length: 200 }, () => WEB_APP) } },
          { headers: auth },
        ),
      ),
      deadline: await codeOf(
        c.updateWarmPool(
          { warmPoolId: EXISTING_POOL, maxSize: 4 },
          { headers: auth, timeoutMs: 100 },
        ),
      ),
      unknownProcedure: await codeOf(
        (await client("/v0")).getWarmPool({ warmPoolId: EXISTING_POOL }, { headers: auth }),
      ),
    }).toEqual({
      notFound: "NotFound",
      otherOrg: "NotFound",
      alreadyExists: "AlreadyExists",
      prebuildsDisabled: "FailedPrecondition",
      classNotConfigured: "FailedPrecondition",
      noToken: "Unauthenticated",
      tooLarge: "ResourceExhausted",
      deadline: "DeadlineExceeded",
      unknownProcedure: "Unimplemented",
    });
    // The call that ran out of time changed nothing.
    const pool = await c.getWarmPool({ warmPoolId: EXISTING_POOL }, { headers: auth });
    expect(pool.warmPool?.spec?.maxSize).toBe(3);
    expect(store.snapshot().warmPools.find((p) => p.id === EXISTING_POOL)?.spec.maxSize).toBe(3);
  });
});
