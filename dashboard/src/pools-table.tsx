import { useState } from "preact/hooks";
import type { WarmPoolRecord, WorldDump } from "../../src/generated/admin-types.js";
import { callAdmin, rpc } from "./admin-api.js";
import { nameOf, phaseClass, shortPhase } from "./format.js";
import type { MockApi } from "./use-mock-state.js";

interface PoolsProps {
  mock: MockApi;
  world: WorldDump;
  pools: WarmPoolRecord[];
  /** The token RPCs are sent with: the principal the user acts as. */
  token: string;
}

/** One organization's warm pools, every field a UI shows, and the actions on each. */
export function PoolsTable({ mock, world, pools, token }: PoolsProps) {
  if (pools.length === 0) return <p>No warm pools.</p>;
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Warm pool ID</th>
            <th scope="col">Project</th>
            <th scope="col">Class</th>
            <th scope="col">Phase</th>
            <th scope="col">Running / stopped / desired</th>
            <th scope="col">Min / max</th>
            <th scope="col">Spec / status version</th>
            <th scope="col">Failure message</th>
            <th scope="col">Snapshot</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {pools.map((pool) => (
            <PoolRow key={pool.id} mock={mock} world={world} pool={pool} token={token} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PoolRow({
  mock,
  world,
  pool,
  token,
}: {
  mock: MockApi;
  world: WorldDump;
  pool: WarmPoolRecord;
  token: string;
}) {
  const { spec, status } = pool;
  const [min, setMin] = useState(String(spec.minSize));
  const [max, setMax] = useState(String(spec.maxSize));
  const rotating =
    spec.snapshotId !== undefined &&
    pool.instancesSnapshotId !== undefined &&
    pool.instancesSnapshotId !== spec.snapshotId;
  const deleting = status.phase === "WARM_POOL_PHASE_DELETING";
  return (
    <tr data-pool-id={pool.id}>
      <td>
        <code>{pool.id}</code>
      </td>
      <td>{nameOf(world.projects, pool.projectId, (p) => p.name)}</td>
      <td>{nameOf(world.environmentClasses, pool.environmentClassId, (c) => c.displayName)}</td>
      <td>
        <span class={phaseClass(status.phase)} data-testid="pool-phase">
          {shortPhase(status.phase)}
        </span>
      </td>
      <td data-testid="pool-instances">
        {status.runningInstances} / {status.stoppedInstances} / {status.desiredSize}
      </td>
      <td data-testid="pool-sizes">
        {spec.minSize} / {spec.maxSize}
      </td>
      <td>
        {spec.version} / {status.version}
      </td>
      <td data-testid="pool-failure">{status.failureMessage}</td>
      <td>
        {spec.snapshotId ? <code>{spec.snapshotId}</code> : "none"}
        {rotating && <span class="note"> (rotating)</span>}
      </td>
      <td class="actions">
        <button
          type="button"
          aria-label={`Claim 1 instance from pool ${pool.id}`}
          disabled={deleting || status.runningInstances === 0}
          onClick={() =>
            void mock.act(`Claimed 1 instance from ${pool.id}`, () =>
              callAdmin("claimInstances", { params: { id: pool.id }, body: { count: 1 } }),
            )
          }
        >
          Claim 1
        </button>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void mock.act(`Resized ${pool.id} to ${min}–${max}`, () =>
              rpc.updateWarmPool(token, {
                warmPoolId: pool.id,
                minSize: Number(min),
                maxSize: Number(max),
              }),
            );
          }}
        >
          <input
            type="number"
            min="0"
            required
            class="size"
            aria-label={`Minimum size of pool ${pool.id}`}
            value={min}
            onInput={(e) => setMin(e.currentTarget.value)}
          />
          <input
            type="number"
            min="0"
            required
            class="size"
            aria-label={`Maximum size of pool ${pool.id}`}
            value={max}
            onInput={(e) => setMax(e.currentTarget.value)}
          />
          <button type="submit" aria-label={`Resize pool ${pool.id}`} disabled={deleting}>
            Resize
          </button>
        </form>
        <button
          type="button"
          aria-label={`Delete pool ${pool.id}`}
          disabled={deleting}
          onClick={() =>
            void mock.act(`Deleted ${pool.id}`, () =>
              rpc.deleteWarmPool(token, { warmPoolId: pool.id }),
            )
          }
        >
          Delete
        </button>
      </td>
    </tr>
  );
}
