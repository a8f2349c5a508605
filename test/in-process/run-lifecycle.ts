// One pool's life through connect-web and a Stainless-style fetch, with the clock and faults
// driven through a mock's control methods. Runs in Node (MSW's setupServer) and, bundled, in
// a page (MSW's service worker, Playwright's routes); it imports nothing of Node.
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import type { MockControl } from "../../src/fetch.js";
import { ViolationsSchema } from "../../src/gen/buf/validate/validate_pb.js";
import { PrebuildService, WarmPoolPhase } from "../../src/gen/gitpod/v1/prebuild_pb.js";
import { ALICE, EXISTING_POOL, WEB_APP } from "../support/fixtures.js";

/** The control methods the lifecycle drives (in the page, in Node, or across exposeFunction). */
export interface LifecycleControl {
  advanceClock(ms: number): unknown;
  failNextGet(code: string): unknown;
  /** The journal's GetWarmPool entries: method and status. */
  journal():
    | { httpMethod: string; status: number }[]
    | Promise<{ httpMethod: string; status: number }[]>;
}

export interface LifecycleOptions {
  baseUrl: string;
  useBinaryFormat: boolean;
  environmentClassId: string;
}

/** What one run saw, compared as a whole by the tests. */
export interface LifecycleResult {
  phases: string[];
  maxSizeAfterUpdate?: number;
  afterDelete?: string;
  forcedFault?: string;
  afterFault?: string;
  violations?: { path: string; rule: string }[];
  validationCode?: string;
  stainless?: { status: number; pools: number; hasNextToken: boolean; errorCode: string };
  journal?: number[];
  preflights?: number;
  error?: string;
}

const auth = { headers: { Authorization: `Bearer ${ALICE}` } };

export async function runLifecycle(
  options: LifecycleOptions,
  control: LifecycleControl,
): Promise<LifecycleResult> {
  const client = createClient(
    PrebuildService,
    createConnectTransport({ baseUrl: options.baseUrl, useBinaryFormat: options.useBinaryFormat }),
  );
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => "ok",
      (e: unknown) => (e instanceof ConnectError ? Code[e.code] : String(e)),
    );
  const result: LifecycleResult = { phases: [] };
  try {
    const created = await client.createWarmPool(
      {
        projectId: WEB_APP,
        environmentClassId: options.environmentClassId,
        minSize: 1,
        maxSize: 2,
      },
      auth,
    );
    const id = created.warmPool?.id ?? "";
    const phase = async () =>
      WarmPoolPhase[
        (await client.getWarmPool({ warmPoolId: id }, auth)).warmPool?.status?.phase ?? 0
      ] as string;
    result.phases.push(WarmPoolPhase[created.warmPool?.status?.phase ?? 0] as string);
    result.phases.push(await phase()); // time stands still: still PENDING
    await control.advanceClock(60_000);
    result.phases.push(await phase());

    const updated = await client.updateWarmPool({ warmPoolId: id, maxSize: 5 }, auth);
    result.maxSizeAfterUpdate = updated.warmPool?.spec?.maxSize;
    await client.deleteWarmPool({ warmPoolId: id }, auth);
    result.phases.push(await phase());
    await control.advanceClock(60_000);
    result.afterDelete = await codeOf(client.getWarmPool({ warmPoolId: id }, auth));

    await control.failNextGet("unavailable");
    result.forcedFault = await codeOf(client.getWarmPool({ warmPoolId: EXISTING_POOL }, auth));
    result.afterFault = await codeOf(client.getWarmPool({ warmPoolId: EXISTING_POOL }, auth));

    const invalid = await client
      .createWarmPool({ projectId: "nope", minSize: 30 }, auth)
      .catch((e: unknown) => e);
    if (invalid instanceof ConnectError) {
      result.validationCode = Code[invalid.code];
      result.violations = invalid.findDetails(ViolationsSchema)[0]?.violations.map((v) => ({
        path: v.field?.elements.map((e) => e.fieldName).join(".") ?? "",
        rule: v.constraintId,
      }));
    }

    // What a Stainless SDK sends: JSON, paging in the URL, its X-Stainless-* headers.
    const stainless = (path: string, body: unknown) =>
      fetch(`${options.baseUrl}/gitpod.v1.PrebuildService/${path}`, {
        method: "POST",
        headers: {
          Authorization: auth.headers.Authorization,
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-Stainless-Lang": "js",
          "X-Stainless-Retry-Count": "0",
        },
        body: JSON.stringify(body),
      });
    const page = await stainless("ListWarmPools?pageSize=1", {});
    const pageBody = (await page.json()) as {
      warmPools?: unknown[];
      pagination?: { nextToken?: string };
    };
    const refused = await stainless("GetWarmPool", { warmPoolId: "not-a-uuid" });
    result.stainless = {
      status: page.status,
      pools: pageBody.warmPools?.length ?? 0,
      hasNextToken: Boolean(pageBody.pagination?.nextToken),
      errorCode: `${refused.status} ${((await refused.json()) as { code: string }).code}`,
    };

    const journal = await control.journal();
    result.journal = journal.filter((e) => e.httpMethod !== "OPTIONS").map((e) => e.status);
    result.preflights = journal.length - result.journal.length;
  } catch (error) {
    result.error = String(error);
  }
  return result;
}

/** What every run of the lifecycle must see, whatever carried it. */
export const LIFECYCLE_SEEN: Omit<LifecycleResult, "preflights"> = {
  phases: ["PENDING", "PENDING", "READY", "DELETING"],
  maxSizeAfterUpdate: 5,
  afterDelete: "NotFound",
  forcedFault: "Unavailable",
  afterFault: "ok",
  validationCode: "InvalidArgument",
  violations: [
    { path: "project_id", rule: "string.uuid" },
    { path: "environment_class_id", rule: "required" },
    { path: "min_size", rule: "int32.gte_lte" },
  ],
  stainless: { status: 200, pools: 1, hasNextToken: true, errorCode: "400 invalid_argument" },
  // GetWarmPool: PENDING, READY, DELETING, gone, the fault, after it, and the Stainless-style refusal.
  journal: [200, 200, 200, 404, 503, 200, 400],
};

/** The control of a mock in the same realm as the lifecycle. */
export function controlOf(
  mock: Pick<MockControl, "advanceClock" | "addFault" | "getJournal">,
): LifecycleControl {
  return {
    advanceClock: (ms) => mock.advanceClock({ ms }),
    failNextGet: (code) =>
      mock.addFault({ rpc: "GetWarmPool", error: { code: code as "unavailable" }, times: 1 }),
    journal: () =>
      mock.getJournal({ rpc: "GetWarmPool" }).entries.map((e) => ({
        httpMethod: e.httpMethod,
        status: e.status,
      })),
  };
}

/** A fetch a test describes, its outcome as data (a status and body, or the error): what a page hands back. */
export async function callFromPage(
  url: string,
  init: RequestInit,
): Promise<{ status?: number; body?: string; error?: string }> {
  try {
    const res = await fetch(url, init);
    return { status: res.status, body: await res.text() };
  } catch (error) {
    return { error: String(error) };
  }
}
