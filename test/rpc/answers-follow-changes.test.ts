import { describe, expect, it } from "vitest";
import { WorldStore } from "../../src/store/world-store.js";
import { callAdmin } from "../support/admin-client.js";
import { callRpc, type RpcTarget } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import { TEST_TIMING } from "../support/create-test-context.js";
import {
  ACME_RUNNER,
  ALICE,
  EXISTING_POOL,
  LARGE,
  STANDARD,
  WEB_APP,
} from "../support/fixtures.js";
import { walkPools } from "../support/scenario-promises.js";

// The mock keeps the JSON of a pool it has answered with more than once and hands it out until
// the pool changes. After each kind of change, a mock that has answered many times must say
// exactly what a mock freshly loaded with the same world, keeping nothing, says byte for byte.
async function everyAnswer(app: RpcTarget): Promise<string[]> {
  const { pools, texts } = await walkPools(app, ALICE, 2);
  for (const pool of pools) {
    texts.push((await callRpc(app, "GetWarmPool", { warmPoolId: pool.id })).text);
  }
  return texts;
}

describe("answers after a change", () => {
  it("match a freshly loaded copy of the world after every kind of change", async () => {
    const warm = createTestApp({ timing: TEST_TIMING });
    const created = await callRpc(warm.app, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
      minSize: 1,
      maxSize: 3,
    });
    const id = created.body.warmPool.id as string;
    const changes: [string, () => Promise<unknown>][] = [
      ["nothing", async () => {}],
      ["time passes", async () => warm.clock.advance(60_000)],
      [
        "resize",
        () => callRpc(warm.app, "UpdateWarmPool", { warmPoolId: id, minSize: 2, maxSize: 4 }),
      ],
      ["time passes", async () => warm.clock.advance(60_000)],
      [
        "runner degraded",
        () =>
          callAdmin(warm.app, "degradeRunner", "post", `/_admin/runners/${ACME_RUNNER}/degrade`, {
            message: "node pool exhausted",
          }),
      ],
      [
        "runner recovered",
        () =>
          callAdmin(warm.app, "recoverRunner", "post", `/_admin/runners/${ACME_RUNNER}/recover`),
      ],
      [
        "instances claimed",
        () =>
          callAdmin(
            warm.app,
            "claimInstances",
            "post",
            `/_admin/warm-pools/${EXISTING_POOL}/claim`,
            {
              count: 1,
            },
          ),
      ],
      [
        "new snapshot",
        async () => {
          const prebuild = await callAdmin(
            warm.app,
            "createPrebuild",
            "post",
            "/_admin/prebuilds",
            {
              projectId: WEB_APP,
              environmentClassId: LARGE,
            },
          );
          await callAdmin(
            warm.app,
            "completePrebuild",
            "post",
            `/_admin/prebuilds/${prebuild.body.id}/complete`,
          );
        },
      ],
      ["time passes", async () => warm.clock.advance(60_000)],
      ["deleted", () => callRpc(warm.app, "DeleteWarmPool", { warmPoolId: id })],
      ["time passes", async () => warm.clock.advance(60_000)],
    ];
    let previous: string[] = [];
    for (const [what, change] of changes) {
      await change();
      // Twice, so every pool's text is kept before the comparison.
      await everyAnswer(warm.app);
      const answers = await everyAnswer(warm.app);
      const cold = createTestApp({
        timing: TEST_TIMING,
        store: new WorldStore(warm.store.snapshot()),
        keepAnswerText: false,
      });
      cold.clock.set(warm.clock.now());
      expect(answers, `after: ${what}`).toEqual(await everyAnswer(cold.app));
      if (what !== "nothing") expect(answers, `changed: ${what}`).not.toEqual(previous);
      previous = answers;
    }
  });
});
