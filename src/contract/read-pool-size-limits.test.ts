import { expect, it } from "vitest";
import { loadContract } from "./load-contract.js";
import { readPoolSizeLimits } from "./read-pool-size-limits.js";

it("reads WarmPoolSpec's size bounds from openapi/", () => {
  expect(readPoolSizeLimits(loadContract().doc)).toEqual({
    minSize: { minimum: 0, maximum: 20 },
    maxSize: { minimum: 1, maximum: 20 },
  });
});

it("refuses a contract that does not bound them", () => {
  const doc = structuredClone(loadContract().doc);
  const spec = Object.values(doc.components.schemas).find(
    (s) => s["x-proto-message"] === "gitpod.v1.WarmPoolSpec",
  );
  delete spec?.properties.maxSize.maximum;
  expect(() => readPoolSizeLimits(doc)).toThrow(/max_size has no minimum and maximum/);
});
