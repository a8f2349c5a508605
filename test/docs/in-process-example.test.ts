// The in-process example of docs/testing-with-the-mock.md, run as it is printed there: the
// test below is that document's `ts` block after its `warm-pool-mock/fetch` import.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { createFetchMock, type GetWarmPoolResponse } from "../../src/fetch.js";

it("turns a new pool READY when the test moves the clock", async () => {
  const mock = createFetchMock(); // a manual clock: time stands still until you move it
  const call = (method: string, body: unknown) =>
    mock.fetch(
      new Request(`https://api.example.com/gitpod.v1.PrebuildService/${method}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
        body: JSON.stringify(body),
      }),
    );
  const read = async (res: Response) => (await res.json()) as GetWarmPoolResponse;
  const { warmPool } = await read(
    await call("CreateWarmPool", {
      projectId: "b0e12f6c-4c67-429d-a4a6-d9838b5da047",
      environmentClassId: "d2c94c27-3b76-4a42-b88c-95a85e392c68",
    }),
  );
  expect(warmPool?.status?.phase).toBe("WARM_POOL_PHASE_PENDING");

  mock.advanceClock({ ms: 60_000 });
  const got = await read(await call("GetWarmPool", { warmPoolId: warmPool?.id }));
  expect(got.warmPool?.status?.phase).toBe("WARM_POOL_PHASE_READY");

  mock.addFault({ rpc: "GetWarmPool", error: { code: "unavailable" }, times: 1 });
  expect((await call("GetWarmPool", { warmPoolId: warmPool?.id })).status).toBe(503);
  expect(mock.getJournal({ rpc: "GetWarmPool" }).entries.at(-1)?.status).toBe(503);
  mock.close();
});

it("is the example docs/testing-with-the-mock.md prints", () => {
  const doc = readFileSync(new URL("../../docs/testing-with-the-mock.md", import.meta.url), "utf8");
  const block =
    /```ts\n(import \{ expect, it \} from "vitest";\nimport \{ createFetchMock, type GetWarmPoolResponse \} from "warm-pool-mock\/fetch";\n[\s\S]*?)```/.exec(
      doc,
    )?.[1];
  const self = readFileSync(new URL(import.meta.url), "utf8");
  const body = self.slice(self.indexOf('it("turns'), self.indexOf('it("is the example'));
  expect(block?.split("\n").slice(2).join("\n").trim()).toBe(body.trim());
});
