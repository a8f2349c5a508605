import type { PoolPair } from "./wire-types.js";

/**
 * Finds the ID and pair of the pool in a CreateWarmPool answer, whichever JSON naming the
 * target used, so that even a target that breaks the output format gets its pools cleaned up.
 */
export function readCreatedPool(body: unknown): { id: string; pair: PoolPair } | undefined {
  const pool = field(body, "warmPool", "warm_pool");
  const metadata = field(pool, "metadata", "metadata");
  const id = field(pool, "id", "id");
  if (typeof id !== "string") return undefined;
  return {
    id,
    pair: {
      projectId: String(field(metadata, "projectId", "project_id") ?? ""),
      environmentClassId: String(
        field(metadata, "environmentClassId", "environment_class_id") ?? "",
      ),
    },
  };
}

function field(value: unknown, camel: string, snake: string): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  return record[camel] ?? record[snake];
}
