import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { HttpRequest } from "../http/api-client.js";
import { renderReplayScript } from "./render-replay-script.js";
import type { SequenceRecord, StepRecord } from "./sequence-record.js";

const BASE = "http://127.0.0.1:4010/gitpod.v1.PrebuildService";
const OLD_ID = "11111111-1111-4111-8111-111111111111";
const OLD_TOKEN = "wp1.eyJhZnRlciI6N30";

const post = (rpc: string, body: object): HttpRequest => ({
  method: "POST",
  url: `${BASE}/${rpc}`,
  headers: { "Content-Type": "application/json", Authorization: "Bearer s3cret" },
  body: JSON.stringify(body),
  secrets: { s3cret: "WARM_POOL_TOKEN" },
});

function step(number: number, replay: StepRecord["replay"]): StepRecord {
  return { number, description: `step ${number}`, model: [], target: [], replay };
}

// A stand-in curl logs what it was given and answers as a target would: a new pool's ID,
// a page token, 404 once a pool is gone.
const FAKE_CURL = `curl() {
  printf '%s\\n' "$@" >> "$LOG"; printf '%s\\n' '----' >> "$LOG"
  case "$*" in
    *http_code*) printf 404 ;;
    *CreateWarmPool*) printf '%s' '{"warmPool":{"id":"22222222-2222-4222-8222-222222222222","metadata":{"projectId":"p"}}}' ;;
    *ListWarmPools*) printf '%s' '{"pagination":{"nextToken":"wp1.fresh"},"warmPools":[]}' ;;
    *) printf '%s' '{}' ;;
  esac
}`;

function runScript(script: string): string[] {
  const log = execFileSync("mktemp").toString().trim();
  execFileSync("sh", ["-c", `${FAKE_CURL}\n. "$SCRIPT"`], {
    env: { ...process.env, LOG: log, SCRIPT: writeTemp(script), WARM_POOL_TOKEN: "t" },
  });
  return execFileSync("cat", [log]).toString().split("----\n").slice(0, -1);
}

function writeTemp(text: string): string {
  const file = execFileSync("mktemp").toString().trim();
  execFileSync("sh", ["-c", `cat > "${file}"`], { input: text });
  return file;
}

describe("renderReplayScript", () => {
  const sequence: SequenceRecord = {
    leftovers: [],
    steps: [
      step(1, [
        {
          request: post("CreateWarmPool", { projectId: "p", environmentClassId: "c" }),
          capture: { variable: "POOL_1", kind: "pool-id", value: OLD_ID },
        },
      ]),
      step(2, [{ request: post("DeleteWarmPool", { warmPoolId: OLD_ID }) }]),
      step(3, [
        {
          request: {
            method: "GET",
            url: `${BASE}/GetWarmPool?connect=v1&encoding=json&base64=1&message=${Buffer.from(JSON.stringify({ warmPoolId: OLD_ID })).toString("base64url")}`,
            headers: {},
          },
        },
        {
          request: {
            method: "GET",
            url: `${BASE}/GetWarmPool?connect=v1&encoding=json&message=${encodeURIComponent(JSON.stringify({ warmPoolId: OLD_ID }))}`,
            headers: {},
          },
        },
      ]),
      step(4, [
        {
          request: post("ListWarmPools", { pagination: { pageSize: 1 } }),
          capture: { variable: "TOKEN_1", kind: "next-token", value: OLD_TOKEN },
        },
        { request: post("ListWarmPools", { pagination: { pageSize: 1, token: OLD_TOKEN } }) },
      ]),
      step(5, [{ request: post("GetWarmPool", { warmPoolId: OLD_ID }), untilGone: true }]),
      step(6, []),
    ],
  };
  const script = renderReplayScript(sequence, { seed: 42 });

  it("names the seed and numbers the steps", () => {
    expect(script.startsWith("#!/bin/sh\n# warm-pool-contract explore --seed 42")).toBe(true);
    expect(script).toContain("echo '--- 2. step 2'");
    expect(script).toContain("# (nothing sent)");
  });

  it("sends the IDs and page tokens the target hands out afresh, in bodies, URLs and base64 messages", () => {
    const calls = runScript(script);
    expect(calls).toHaveLength(7);
    const [, remove, base64, urlencoded, , next, wait] = calls;
    const NEW_ID = "22222222-2222-4222-8222-222222222222";
    expect(remove).toContain(`{"warmPoolId":"${NEW_ID}"}`);
    const message = /message=([\w-]+)/.exec(base64 ?? "")?.[1] ?? "";
    expect(JSON.parse(Buffer.from(message, "base64url").toString())).toEqual({
      warmPoolId: NEW_ID,
    });
    expect(urlencoded).toContain(encodeURIComponent(JSON.stringify({ warmPoolId: NEW_ID })));
    expect(next).toContain('"token":"wp1.fresh"');
    expect(wait).toContain("%{http_code}");
    expect(script).not.toContain(OLD_ID);
  });
});
