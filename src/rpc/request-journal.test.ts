import { describe, expect, it } from "vitest";
import { JOURNAL_BODY_BYTES } from "./describe-journal-body.js";
import {
  type FinishedCall,
  JOURNAL_HEADER_CHARS,
  JOURNAL_HEADERS,
  RequestJournal,
} from "./request-journal.js";

function call(overrides: Partial<FinishedCall> = {}): FinishedCall {
  return {
    rpc: "ListWarmPools",
    rpcName: "PrebuildService/ListWarmPools",
    method: "POST",
    url: "/gitpod.v1.PrebuildService/ListWarmPools",
    contentType: "application/json",
    contentEncoding: undefined,
    status: 200,
    startedMs: performance.now(),
    arrivedAt: Date.now(),
    body: new TextEncoder().encode("{}"),
    error: undefined,
    forcedBy: undefined,
    ...overrides,
  };
}

describe("RequestJournal", () => {
  it(`keeps the first ${JOURNAL_BODY_BYTES / 1024} KiB of a long answer, and says how long it was`, () => {
    const journal = new RequestJournal(10);
    const body = new TextEncoder().encode(`{"x":"${"a".repeat(100_000)}"}`);
    journal.record(
      call({ answer: { status: 200, headers: ["Content-Type", "application/json"], body } }),
    );
    const answer = journal.get(1)?.answer;
    expect(answer?.bodyNote).toBe(`${body.length} bytes, the first ${JOURNAL_BODY_BYTES} kept`);
    expect(answer?.bodyBase64 && atob(answer.bodyBase64).length).toBe(JOURNAL_BODY_BYTES);
  });

  it(`keeps at most ${JOURNAL_HEADERS} request headers of ${JOURNAL_HEADER_CHARS} characters, repeated ones joined`, () => {
    const journal = new RequestJournal(10);
    const headers: Record<string, string | string[]> = { "x-long": "v".repeat(5000) };
    for (let i = 0; i < 80; i++) headers[`x-h${i}`] = String(i);
    headers["x-twice"] = ["a", "b"];
    journal.record(call({ headers }));
    const kept = journal.get(1)?.requestHeaders ?? {};
    expect(Object.keys(kept)).toHaveLength(JOURNAL_HEADERS);
    expect(kept["x-long"]).toHaveLength(JOURNAL_HEADER_CHARS);
    journal.record(call({ headers: { "x-twice": ["a", "b"] } }));
    expect(journal.get(2)?.requestHeaders).toEqual({ "x-twice": "a, b" });
  });

  it("marks where it stands: the newest id and how many it keeps, through clearing", () => {
    const journal = new RequestJournal(2);
    expect(journal.mark()).toEqual({ lastId: 0, size: 0 });
    for (let i = 0; i < 3; i++) journal.record(call());
    expect(journal.mark()).toEqual({ lastId: 3, size: 2 });
    expect(journal.get(1)).toBeUndefined();
    const version = journal.version;
    journal.clear();
    expect([journal.mark(), journal.version > version]).toEqual([{ lastId: 3, size: 0 }, true]);
  });
});
