// docs/in-process.md's Storybook example in Chromium: each story's beforeEach run after the
// project's (.storybook/preview.ts) as Storybook runs them, then the component rendered.
import { expect, it } from "vitest";
import preview from "./in-process/storybook-preview.js";
import { WarmPoolList } from "./in-process/warm-pool-list.js";
import meta, { ApiDown, EveryPhase } from "./in-process/warm-pools.stories.js";

async function render(story: { beforeEach: () => void }): Promise<string[]> {
  await preview.beforeEach();
  story.beforeEach();
  return meta.component();
}

it("renders each story in its own state of the API, whatever ran before it", async () => {
  const everyPhase = await render(EveryPhase);
  expect(new Set(everyPhase)).toEqual(
    new Set([
      "WARM_POOL_PHASE_READY",
      "WARM_POOL_PHASE_PENDING",
      "WARM_POOL_PHASE_DEGRADED",
      "WARM_POOL_PHASE_DELETING",
    ]),
  );
  expect(await render(ApiDown)).toEqual(["unavailable"]);
  // The preview's reset: the next story sees the default world, without the fault.
  await preview.beforeEach();
  expect(new Set(await WarmPoolList())).toEqual(new Set(["WARM_POOL_PHASE_READY"]));
});
