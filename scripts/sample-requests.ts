// One valid request per RPC, made from whatever world is loaded: the tests (default world), the
// soak (a grown world) and the profiler (the bench world) share it, so an RPC's sample request
// is written once. Typed by the generated request types, so it cannot lack an RPC.
import type { RpcName, RpcRequest } from "../src/rpc/rpc-handlers.js";
import type { Project, WarmPool, WorldData } from "../src/store/world.js";

/**
 * A request a caller of `organizationId` may send, naming that organization's own records in
 * `world`. It succeeds on the world as given where the world allows it (a create gets a pair
 * without a pool while there is one); sent by another organization, it asks for records the
 * caller must not see.
 */
export type SampleRequest<N extends RpcName> = (
  world: WorldData,
  organizationId: string,
) => RpcRequest<N>;

/** Every RPC's sample request, by name. */
export const SAMPLE_REQUESTS: { readonly [N in RpcName]: SampleRequest<N> } = {
  "PrebuildService/CreateWarmPool": (world, org) => ({
    ...pairOf(world, org),
    minSize: 1,
    maxSize: 2,
  }),
  "PrebuildService/GetWarmPool": (world, org) => ({ warmPoolId: poolOf(world, org).id }),
  "PrebuildService/ListWarmPools": () => ({ pagination: { pageSize: 25 } }),
  "PrebuildService/UpdateWarmPool": (world, org) => ({
    warmPoolId: poolOf(world, org).id,
    minSize: 0,
    maxSize: 7,
  }),
  "PrebuildService/DeleteWarmPool": (world, org) => ({ warmPoolId: poolOf(world, org).id }),
  "PrebuildService/CreatePrebuild": (world, org) => ({
    projectId: pairOf(world, org).projectId,
    spec: { timeout: "1800s" },
  }),
  "PrebuildService/GetPrebuild": (world, org) => {
    const projects = new Set(
      world.projects.filter((p) => p.organizationId === org).map((p) => p.id),
    );
    const prebuild = world.prebuilds.find((p) => projects.has(p.projectId));
    if (!prebuild) throw new Error(`the world has no prebuild of organization ${org}`);
    return { prebuildId: prebuild.id };
  },
  "PrebuildService/ListPrebuilds": (world, org) => ({
    pagination: { pageSize: 25 },
    filter: { projectIds: [pairOf(world, org).projectId] },
  }),
  "ProjectService/GetProject": (world, org) => ({ projectId: projectOf(world, org).id }),
  // Puts the configuration the project has back: a write that changes nothing, so it repeats.
  "ProjectService/UpdateProject": (world, org) => {
    const project = projectOf(world, org);
    const config = project.prebuildConfiguration;
    return {
      projectId: project.id,
      name: project.name,
      prebuildConfiguration: {
        enabled: config.enabled,
        environmentClassIds: config.environmentClassIds,
        timeout: `${config.timeoutSeconds}s`,
      },
    };
  },
  "ProjectService/ListProjects": () => ({ pagination: { pageSize: 25 }, count: { include: true } }),
  "ProjectService/ListProjectEnvironmentClasses": (world, org) => ({
    projectId: projectOf(world, org).id,
  }),
  "EnvironmentService/ListEnvironmentClasses": () => ({
    pagination: { pageSize: 25 },
    filter: { enabled: true },
  }),
  "RunnerConfigurationService/GetEnvironmentClass": (world, org) => ({
    environmentClassId: pairOf(world, org).environmentClassId,
  }),
  "RunnerService/GetRunner": (world, org) => {
    const runner = world.runners.find((r) => r.organizationId === org);
    if (!runner) throw new Error(`the world has no runner of organization ${org}`);
    return { runnerId: runner.id };
  },
  "RunnerService/ListRunners": () => ({ pagination: { pageSize: 25 } }),
};

/** The sample request of an RPC (by `Service/Method`) as a plain JSON object. */
export function sampleRequest(
  name: string,
  world: WorldData,
  organizationId: string,
): Record<string, unknown> {
  const sample = (SAMPLE_REQUESTS as Record<string, SampleRequest<RpcName>>)[name];
  if (!sample) throw new Error(`scripts/sample-requests.ts has no sample request for ${name}`);
  return sample(world, organizationId) as Record<string, unknown>;
}

/** The organization's first project with prebuilds on (the one a warm pool needs). */
function projectOf(world: WorldData, organizationId: string): Project {
  const project = world.projects.find((p) => p.id === pairOf(world, organizationId).projectId);
  if (!project) throw new Error(`the world has no project of organization ${organizationId}`);
  return project;
}

/** The organization's first warm pool. */
function poolOf(world: WorldData, organizationId: string): WarmPool {
  const pool = world.warmPools.find((p) => p.organizationId === organizationId);
  if (!pool) throw new Error(`the world has no warm pool of organization ${organizationId}`);
  return pool;
}

/**
 * The organization's first <project, environment class> pair a pool may be created for (prebuilds
 * on, the class configured and on one of its runners), preferring a pair without a pool.
 */
function pairOf(
  world: WorldData,
  organizationId: string,
): { projectId: string; environmentClassId: string } {
  const runners = new Set(
    world.runners.filter((r) => r.organizationId === organizationId).map((r) => r.id),
  );
  const classes = new Set(
    world.environmentClasses.filter((c) => runners.has(c.runnerId)).map((c) => c.id),
  );
  const pairs = world.projects
    .filter((p) => p.organizationId === organizationId && p.prebuildConfiguration.enabled)
    .flatMap((p) =>
      p.prebuildConfiguration.environmentClassIds
        .filter((id) => classes.has(id))
        .map((environmentClassId) => ({ projectId: p.id, environmentClassId })),
    );
  const taken = new Set(world.warmPools.map((p) => `${p.projectId} ${p.environmentClassId}`));
  const pair = pairs.find((p) => !taken.has(`${p.projectId} ${p.environmentClassId}`)) ?? pairs[0];
  if (!pair) throw new Error(`the world has no project of organization ${organizationId} to pool`);
  return pair;
}
