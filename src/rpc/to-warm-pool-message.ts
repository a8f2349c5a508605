import { createTextSlot, TEXT_SLOT, type TextSlot } from "../protocol/encode-proto-json.js";
import type { WarmPool, WarmPoolPhase } from "../store/world.js";

/** The `gitpod.v1.WarmPool` message of one stored pool, as the encoder reads it. */
export type WarmPoolMessage = {
  readonly [TEXT_SLOT]?: TextSlot;
  readonly id: string;
  readonly metadata: {
    readonly organizationId: string;
    readonly projectId: string;
    readonly environmentClassId: string;
    readonly runnerId: string;
    readonly createdAt: number;
    readonly updatedAt: number;
  };
  readonly spec: {
    readonly specVersion: number;
    readonly desiredSize: number;
    readonly snapshotId: string | undefined;
    readonly desiredPhase: WarmPoolPhase;
    readonly minSize: number;
    readonly maxSize: number;
  };
  readonly status: {
    readonly phase: WarmPoolPhase;
    readonly failureMessage: string;
    readonly statusVersion: number;
    readonly runningInstances: number;
    readonly stoppedInstances: number;
    readonly desiredSize: number;
  };
};

// The last message shaped for each pool. Pools change in place, so an entry is handed out
// again only while every field it was shaped from still holds the same value.
const shaped = new WeakMap<WarmPool, WarmPoolMessage>();

/**
 * Shapes a stored pool as the `gitpod.v1.WarmPool` message, ready for encoding. The message is
 * frozen and stays the same object while the pool's visible fields are unchanged, and it
 * carries a text slot, so the encoder writes an unchanged pool's JSON once rather than on
 * every page that lists it.
 */
export function toWarmPoolMessage(pool: WarmPool): WarmPoolMessage {
  const known = shaped.get(pool);
  if (known !== undefined && showsPool(known, pool)) return known;
  const message = shapeMessage(pool, createTextSlot(), Object.freeze);
  shaped.set(pool, message);
  return message;
}

/** Shapes a pool's message afresh on every call and keeps nothing: for `--low-memory`. */
export function shapeWarmPoolMessage(pool: WarmPool): WarmPoolMessage {
  return shapeMessage(pool, undefined, leaveOpen);
}

const leaveOpen = <T extends object>(part: T): T => part;

// One object literal per part: building the kept message by spreading a fresh one made every
// CreateWarmPool measurably dearer. Kept messages are frozen all the way down, so nothing can
// change one under its kept text.
function shapeMessage(
  pool: WarmPool,
  slot: TextSlot | undefined,
  seal: <T extends object>(part: T) => T,
): WarmPoolMessage {
  const { spec, status } = pool;
  return seal({
    [TEXT_SLOT]: slot,
    id: pool.id,
    metadata: seal({
      organizationId: pool.organizationId,
      projectId: pool.projectId,
      environmentClassId: pool.environmentClassId,
      runnerId: pool.runnerId,
      createdAt: pool.createdAt,
      updatedAt: pool.updatedAt,
    }),
    spec: seal({
      specVersion: spec.version,
      desiredSize: spec.desiredSize,
      snapshotId: spec.snapshotId,
      desiredPhase: spec.desiredPhase,
      minSize: spec.minSize,
      maxSize: spec.maxSize,
    }),
    status: seal({
      phase: status.phase,
      failureMessage: status.failureMessage,
      statusVersion: status.version,
      runningInstances: status.runningInstances,
      stoppedInstances: status.stoppedInstances,
      desiredSize: status.desiredSize,
    }),
  });
}

// Whether a message shaped earlier still says what the pool holds, field for field as
// shapeMessage reads them (a test changes each field of a pool and expects a new message).
function showsPool(message: WarmPoolMessage, pool: WarmPool): boolean {
  const { metadata: m, spec: s, status: t } = message;
  return (
    message.id === pool.id &&
    m.organizationId === pool.organizationId &&
    m.projectId === pool.projectId &&
    m.environmentClassId === pool.environmentClassId &&
    m.runnerId === pool.runnerId &&
    m.createdAt === pool.createdAt &&
    m.updatedAt === pool.updatedAt &&
    s.specVersion === pool.spec.version &&
    s.desiredSize === pool.spec.desiredSize &&
    s.snapshotId === pool.spec.snapshotId &&
    s.desiredPhase === pool.spec.desiredPhase &&
    s.minSize === pool.spec.minSize &&
    s.maxSize === pool.spec.maxSize &&
    t.phase === pool.status.phase &&
    t.failureMessage === pool.status.failureMessage &&
    t.statusVersion === pool.status.version &&
    t.runningInstances === pool.status.runningInstances &&
    t.stoppedInstances === pool.status.stoppedInstances &&
    t.desiredSize === pool.status.desiredSize
  );
}
