import { expect, it } from "vitest";
import { summarizeProfile } from "./summarize-profile.js";

const frame = (functionName: string) => ({ functionName, url: "file:///x/a.js", lineNumber: 0 });

it("ranks self and inclusive shares of the busy time, idle left out, recursion counted once", () => {
  const profile = {
    nodes: [
      { id: 1, callFrame: frame("(root)"), children: [2, 5] },
      { id: 2, callFrame: frame("serve"), children: [3] },
      { id: 3, callFrame: frame("encode"), children: [4] },
      { id: 4, callFrame: frame("encode") },
      { id: 5, callFrame: frame("(idle)") },
    ],
    samples: [2, 3, 4, 4, 5, 5],
    timeDeltas: [1000, 1000, 1000, 1000, 5000, 5000],
  };
  const { busyMs, self, inclusive } = summarizeProfile(profile);
  expect(busyMs).toBe(4);
  expect(self[0]).toEqual({ name: "encode a.js:1", percent: 75 });
  expect(inclusive.find((s) => s.name === "serve a.js:1")?.percent).toBe(100);
  expect(inclusive.find((s) => s.name === "encode a.js:1")?.percent).toBe(75);
});
