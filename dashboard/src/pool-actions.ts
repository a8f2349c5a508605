import { callAdmin, rpc } from "./admin-api.js";
import type { Dashboard } from "./dashboard-context.js";
import type { Pool } from "./world-model.js";

/** Whether a pool can give an instance now. */
export function canClaim(pool: Pool): boolean {
  const { phase, runningInstances } = pool.status;
  return (
    runningInstances > 0 &&
    phase !== "WARM_POOL_PHASE_DELETING" &&
    phase !== "WARM_POOL_PHASE_DEGRADED"
  );
}

export function isDeleting(pool: Pool): boolean {
  return pool.spec.desiredPhase === "WARM_POOL_PHASE_DELETING";
}

/** Claims one running instance, as an environment start does. */
export function claimOne(d: Dashboard, pool: Pool, anchor: Element | null): Promise<boolean> {
  return d.mock.act(anchor, `Claimed 1 instance from ${pool.id}`, () =>
    callAdmin("claimInstances", { params: { id: pool.id }, body: { count: 1 } }),
  );
}

/** Resizes through the public UpdateWarmPool RPC, as the organization's chosen principal. */
export function resize(
  d: Dashboard,
  pool: Pool,
  minSize: number,
  maxSize: number,
  anchor: Element | null,
): Promise<boolean> {
  return d.mock.act(anchor, `Resized ${pool.id} to ${minSize}–${maxSize}`, () =>
    rpc.updateWarmPool(d.tokenFor(pool.organizationId), {
      warmPoolId: pool.id,
      minSize,
      maxSize,
    }),
  );
}

/** Deletes through DeleteWarmPool once confirmed: nothing brings a deleted pool back. */
export async function deletePool(
  d: Dashboard,
  pool: Pool,
  anchor: Element | null,
): Promise<boolean> {
  const { model } = d.mock;
  const project = model.projects.get(pool.projectId)?.name ?? pool.projectId;
  const environmentClass =
    model.environmentClasses.get(pool.environmentClassId)?.displayName ?? pool.environmentClassId;
  const token = d.tokenFor(pool.organizationId);
  const who = model.principals.get(token)?.name ?? token;
  const yes = await d.confirm({
    title: `Delete warm pool ${pool.id}?`,
    lines: [
      `The pool of ${project} on ${environmentClass}, with ${pool.status.runningInstances} running and ${pool.status.stoppedInstances} stopped instances.`,
      `Sent as ${who} through DeleteWarmPool: the pool drains and is gone; it cannot be undone (create a new one instead).`,
    ],
    confirm: "Delete the pool",
  });
  if (!yes) return false;
  return d.mock.act(anchor, `Deleted ${pool.id}: it drains, then goes`, () =>
    rpc.deleteWarmPool(token, { warmPoolId: pool.id }),
  );
}
