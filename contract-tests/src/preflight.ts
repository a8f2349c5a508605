import type { Capability } from "./contract-case.js";
import type { HarnessOptions } from "./harness-options.js";
import { HarnessSetupError } from "./harness-setup-error.js";
import type { ApiClient, Credential, Exchange } from "./http/api-client.js";
import { listProjectPools } from "./list-project-pools.js";
import { sameId } from "./same-id.js";

/** What the run found out about the target before its first case. */
export interface Preflight {
  /** Capabilities the run lacks, with the reason. */
  capabilities: Map<Capability, string>;
  /** Pools that were on the harness's project before it started; never touched. */
  preexisting: Set<string>;
}

/**
 * Checks that the target answers, that the token works, and which fixtures are usable;
 * throws HarnessSetupError when the run cannot happen.
 */
export async function preflight(options: HarnessOptions, client: ApiClient): Promise<Preflight> {
  const capabilities = new Map<Capability, string>();
  if (!options.secondEnvironmentClassId)
    capabilities.set("second-class", "no --second-environment-class-id given");
  if (!options.foreignCredential) capabilities.set("foreign-token", "no --foreign-token given");
  if (!options.disabledProjectId)
    capabilities.set("disabled-project", "no --disabled-project-id given");
  if (!options.unconfiguredEnvironmentClassId)
    capabilities.set("unconfigured-class", "no --unconfigured-environment-class-id given");

  const probe = await probeList(client, options.credential, options.baseUrl);
  if (probe.status === 401)
    throw new HarnessSetupError(
      `the target rejects --token (ListWarmPools answered 401: ${probe.text.slice(0, 200)})`,
    );
  if (probe.status === 404) {
    throw new HarnessSetupError(
      `no warm-pool API at ${options.baseUrl}: POST ${probe.request.url} answered 404`,
    );
  }
  if (options.foreignCredential) {
    const foreign = await probeList(client, options.foreignCredential, options.baseUrl);
    if (foreign.status === 401)
      capabilities.set("foreign-token", "the target rejects --foreign-token (401)");
  }

  const onProject = await listProjectPools(client, options);
  const preexisting = new Set(onProject.map((p) => p.id));
  const holder = (classId: string) =>
    onProject.find((p) => sameId(p.pair.environmentClassId, classId));
  const first = holder(options.environmentClassId);
  if (first) {
    throw new HarnessSetupError(
      `project ${options.projectId} already has warm pool ${first.id} for class ${options.environmentClassId}; ` +
        "the harness only deletes pools it created: pass a free pair (--project-id/--environment-class-id)",
    );
  }
  const second = options.secondEnvironmentClassId && holder(options.secondEnvironmentClassId);
  if (second)
    capabilities.set(
      "second-class",
      `the second class already has warm pool ${second.id} (not the harness's)`,
    );
  return { capabilities, preexisting };
}

async function probeList(client: ApiClient, as: Credential, baseUrl: string): Promise<Exchange> {
  try {
    return await client.rpc("ListWarmPools", { pagination: { pageSize: 1 } }, { as });
  } catch (error) {
    throw new HarnessSetupError(
      `the target at ${baseUrl} is unreachable: ${(error as Error).message}`,
    );
  }
}
