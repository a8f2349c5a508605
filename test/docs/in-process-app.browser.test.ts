// docs/in-process.md's "MSW in the browser" example, started in Chromium as an app starts it.
import { expect, it } from "vitest";
import { mock, startMockApi } from "./in-process/browser-app.js";

it("answers the app's calls from the page, in the scenario it was made with", async () => {
  await startMockApi();
  const res = await fetch("https://api.example.com/gitpod.v1.PrebuildService/ListWarmPools", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
    body: "{}",
  });
  const { warmPools } = (await res.json()) as { warmPools: unknown[] };
  expect(warmPools).toHaveLength(
    mock
      .getWorld()
      .warmPools.filter((p) => p.organizationId === mock.getWorld().organizations[0]?.id).length,
  );
  // The test page is of another origin than the API: preflighted as a server would be.
  expect(mock.getJournal().entries.map((e) => `${e.httpMethod} ${e.status}`)).toEqual([
    "OPTIONS 204",
    "POST 200",
  ]);
});
