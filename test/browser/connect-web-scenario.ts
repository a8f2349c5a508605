// Bundled by esbuild and run inside Chromium: the connect-web client a frontend team ships.
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { PrebuildService } from "../../src/gen/gitpod/v1/prebuild_pb.js";

/** What one browser run reports back to the test. */
export interface ScenarioResult {
  createdId?: string;
  listedIds?: string[];
  duplicateCode?: string;
  /** What a Stainless-style fetch (JSON, paging in the URL, X-Stainless-* headers) got. */
  stainlessPage?: { status: number; pools: number; hasNextToken: boolean };
  error?: string;
}

async function runScenario(options: {
  baseUrl: string;
  useBinaryFormat: boolean;
  token: string;
  projectId: string;
  environmentClassId: string;
}): Promise<ScenarioResult> {
  const client = createClient(
    PrebuildService,
    createConnectTransport({
      baseUrl: options.baseUrl,
      useBinaryFormat: options.useBinaryFormat,
      useHttpGet: true,
    }),
  );
  const headers = {
    Authorization: `Bearer ${options.token}`,
    "X-Ona-User-Agent": "warm-pool-mock-browser-test",
  };
  const request = { projectId: options.projectId, environmentClassId: options.environmentClassId };
  try {
    const created = await client.createWarmPool(
      { ...request, minSize: 1, maxSize: 2 },
      { headers },
    );
    const listed = await client.listWarmPools(
      { filter: { projectIds: [options.projectId] }, pagination: { pageSize: 100 } },
      { headers },
    );
    const duplicate = await client.createWarmPool(request, { headers }).then(
      () => "none",
      (e: unknown) => (e instanceof ConnectError ? Code[e.code] : String(e)),
    );
    const stainless = await fetch(
      `${options.baseUrl}/gitpod.v1.PrebuildService/ListWarmPools?pageSize=1`,
      {
        method: "POST",
        headers: {
          Authorization: `Bearer ${options.token}`,
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-Stainless-Lang": "js",
          "X-Stainless-Retry-Count": "0",
        },
        body: "{}",
      },
    );
    const page = (await stainless.json()) as {
      warmPools?: unknown[];
      pagination?: { nextToken?: string };
    };
    return {
      createdId: created.warmPool?.id,
      listedIds: listed.warmPools.map((p) => p.id),
      duplicateCode: duplicate,
      stainlessPage: {
        status: stainless.status,
        pools: page.warmPools?.length ?? 0,
        hasNextToken: Boolean(page.pagination?.nextToken),
      },
    };
  } catch (error) {
    return { error: String(error) };
  }
}

(globalThis as Record<string, unknown>).runScenario = runScenario;
