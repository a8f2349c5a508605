import { describe, expect, it } from "vitest";
import { callRpc } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import { EXISTING_POOL, STANDARD, WEB_APP } from "../support/fixtures.js";

async function messageOf(method: string, body: unknown): Promise<string> {
  const { app, store } = createTestApp();
  const before = JSON.stringify(store.snapshot());
  const res = await callRpc(app, method, body);
  expect(res.status).toBe(400);
  expect(res.body.code).toBe("invalid_argument");
  expect(JSON.stringify(store.snapshot())).toBe(before);
  return res.body.message;
}

describe("request validation (protovalidate wording, rules from openapi/)", () => {
  it.each([
    [
      "CreateWarmPool",
      {},
      [
        " - project_id: value is required [required]",
        " - environment_class_id: value is required [required]",
      ],
    ],
    [
      "CreateWarmPool",
      { projectId: "", environmentClassId: STANDARD },
      [" - project_id: value is required [required]"],
    ],
    [
      "CreateWarmPool",
      { projectId: "not-a-uuid", environmentClassId: STANDARD },
      [" - project_id: value must be a valid UUID [string.uuid]"],
    ],
    [
      "CreateWarmPool",
      { projectId: WEB_APP, environmentClassId: "b0e12f6c4c67429da4a6d9838b5da047" },
      [" - environment_class_id: value must be a valid UUID [string.uuid]"],
    ],
    [
      "CreateWarmPool",
      { projectId: WEB_APP, environmentClassId: STANDARD, desiredSize: 21 },
      [
        " - desired_size: value must be greater than or equal to 1 and less than or equal to 20 [int32.gte_lte]",
      ],
    ],
    [
      "CreateWarmPool",
      { projectId: WEB_APP, environmentClassId: STANDARD, desiredSize: -1 },
      [
        " - desired_size: value must be greater than or equal to 1 and less than or equal to 20 [int32.gte_lte]",
      ],
    ],
    [
      "CreateWarmPool",
      { projectId: WEB_APP, environmentClassId: STANDARD, minSize: -1 },
      [
        " - min_size: value must be greater than or equal to 0 and less than or equal to 20 [int32.gte_lte]",
      ],
    ],
    [
      "CreateWarmPool",
      { projectId: WEB_APP, environmentClassId: STANDARD, minSize: 21 },
      [
        " - min_size: value must be greater than or equal to 0 and less than or equal to 20 [int32.gte_lte]",
      ],
    ],
    [
      "CreateWarmPool",
      { projectId: WEB_APP, environmentClassId: STANDARD, maxSize: 0 },
      [
        " - max_size: value must be greater than or equal to 1 and less than or equal to 20 [int32.gte_lte]",
      ],
    ],
    [
      "CreateWarmPool",
      { projectId: WEB_APP, environmentClassId: STANDARD, maxSize: 21 },
      [
        " - max_size: value must be greater than or equal to 1 and less than or equal to 20 [int32.gte_lte]",
      ],
    ],
    ["GetWarmPool", {}, [" - warm_pool_id: value is required [required]"]],
    [
      "GetWarmPool",
      { warmPoolId: "123" },
      [" - warm_pool_id: value must be a valid UUID [string.uuid]"],
    ],
    [
      "DeleteWarmPool",
      { warmPoolId: "x" },
      [" - warm_pool_id: value must be a valid UUID [string.uuid]"],
    ],
    ["UpdateWarmPool", { minSize: 2 }, [" - warm_pool_id: value is required [required]"]],
    [
      "UpdateWarmPool",
      { warmPoolId: EXISTING_POOL, desiredSize: 0 },
      [
        " - desired_size: value must be greater than or equal to 1 and less than or equal to 20 [int32.gte_lte]",
      ],
    ],
    [
      "UpdateWarmPool",
      { warmPoolId: EXISTING_POOL, maxSize: 0 },
      [
        " - max_size: value must be greater than or equal to 1 and less than or equal to 20 [int32.gte_lte]",
      ],
    ],
    [
      "UpdateWarmPool",
      { warmPoolId: EXISTING_POOL, minSize: 99 },
      [
        " - min_size: value must be greater than or equal to 0 and less than or equal to 20 [int32.gte_lte]",
      ],
    ],
    [
      "ListWarmPools",
      { pagination: { pageSize: 101 } },
      [
        " - pagination.page_size: value must be greater than or equal to 0 and less than or equal to 100 [int32.gte_lte]",
      ],
    ],
    [
      "ListWarmPools",
      { filter: { projectIds: [WEB_APP, "nope"] } },
      [" - filter.project_ids[1]: value must be a valid UUID [string.uuid]"],
    ],
    [
      "ListWarmPools",
      { filter: { environmentClassIds: [""] } },
      [
        " - filter.environment_class_ids[0]: value is empty, which is not a valid UUID [string.uuid_empty]",
      ],
    ],
    [
      "ListWarmPools",
      { filter: { projectIds: Array(26).fill(WEB_APP) } },
      [" - filter.project_ids: value must contain no more than 25 item(s) [repeated.max_items]"],
    ],
    [
      "ListWarmPools",
      { filter: { environmentClassIds: Array(26).fill(STANDARD) } },
      [
        " - filter.environment_class_ids: value must contain no more than 25 item(s) [repeated.max_items]",
      ],
    ],
  ])("%s %#", async (method, body, lines) => {
    expect(await messageOf(method, body)).toBe(["validation error:", ...lines].join("\n"));
  });

  it("lists every violation, in field order", async () => {
    const message = await messageOf("CreateWarmPool", {
      maxSize: 30,
      minSize: -2,
      environmentClassId: "x",
    });
    expect(message).toBe(
      [
        "validation error:",
        " - project_id: value is required [required]",
        " - environment_class_id: value must be a valid UUID [string.uuid]",
        " - min_size: value must be greater than or equal to 0 and less than or equal to 20 [int32.gte_lte]",
        " - max_size: value must be greater than or equal to 1 and less than or equal to 20 [int32.gte_lte]",
      ].join("\n"),
    );
  });

  it("validates page size given in the URL query like one in the body", async () => {
    const { app } = createTestApp();
    const res = await callRpc(app, "ListWarmPools", {}, { query: "pageSize=500" });
    expect(res.body.message).toBe(
      "validation error:\n - pagination.page_size: value must be greater than or equal to 0 and less than or equal to 100 [int32.gte_lte]",
    );
  });
});

describe("ProtoJSON decoding errors", () => {
  it.each([
    [
      "a string for an int32",
      { projectId: WEB_APP, environmentClassId: STANDARD, minSize: "two" },
      "invalid value for int32 field minSize",
    ],
    [
      "a fraction for an int32",
      { projectId: WEB_APP, environmentClassId: STANDARD, minSize: 1.5 },
      "invalid value for int32 field minSize",
    ],
    [
      "an int32 out of range",
      { projectId: WEB_APP, environmentClassId: STANDARD, minSize: 2 ** 31 },
      "invalid value for int32 field minSize",
    ],
    [
      "a number for a string",
      { projectId: 42, environmentClassId: STANDARD },
      "invalid value for string field projectId",
    ],
    [
      "an object for a string",
      { projectId: { a: 1 }, environmentClassId: STANDARD },
      "invalid value for string field projectId",
    ],
    [
      "a string for a repeated field",
      { filter: { projectIds: WEB_APP } },
      "field filter.projectIds: expected an array",
    ],
    ["null inside a list", { filter: { projectIds: [null] } }, "null is not a valid list element"],
    [
      "an array for a message",
      { filter: [] },
      "field filter: expected a JSON object, got an array",
    ],
  ])("rejects %s", async (_name, body, fragment) => {
    const method = "filter" in body ? "ListWarmPools" : "CreateWarmPool";
    const message = await messageOf(method, body);
    expect(message).toContain(fragment);
    expect(message).toMatch(/^unmarshal into gitpod\.v1\.\w+Request: /);
  });
});
