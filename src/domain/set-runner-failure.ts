import { ConnectError } from "../errors/connect-error.js";
import type { Runner } from "../store/world.js";
import type { DomainContext } from "./domain-context.js";
import { poolsWhere } from "./pools-where.js";
import { reconcile } from "./reconcile.js";

/**
 * Degrades a runner (with a message its pools show as `failureMessage`) or, given no message,
 * recovers it; its pools change phase at once.
 */
export function setRunnerFailure(
  ctx: DomainContext,
  runnerId: string,
  failureMessage: string | undefined,
): Runner {
  const current = ctx.store.runners.get(runnerId.toLowerCase());
  if (!current) throw new ConnectError("not_found", `runner ${runnerId} not found`);
  const runner: Runner = { ...current, failureMessage: failureMessage || undefined };
  ctx.store.runners.set(runner.id, runner);
  reconcile(
    ctx,
    poolsWhere(ctx.store, (pool) => pool.runnerId === runner.id),
  );
  return runner;
}
