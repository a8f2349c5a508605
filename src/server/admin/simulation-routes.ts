import { claimInstances } from "../../domain/claim-instances.js";
import type { ControllableClock } from "../../domain/create-clock.js";
import { reconcile } from "../../domain/reconcile.js";
import {
  createPrebuild,
  type PrebuildInput,
  setPrebuildPhase,
} from "../../domain/record-prebuild.js";
import { setRunnerFailure } from "../../domain/set-runner-failure.js";
import { ConnectError } from "../../errors/connect-error.js";
import type { AdminDeps, AdminRoute } from "./admin-route.js";

/** The clock as the admin API shows it. */
export function describeClock(deps: AdminDeps) {
  const now = deps.ctx.clock.now();
  return {
    mode: deps.clock?.mode ?? "real",
    scale: deps.clock?.scale ?? 1,
    now: new Date(now).toISOString(),
    nowMs: now,
  };
}

function controllable(deps: AdminDeps): ControllableClock {
  if (!deps.clock) {
    throw new ConnectError("failed_precondition", "this server's clock cannot be moved");
  }
  return deps.clock;
}

/** Drive the simulation: runner health, prebuilds, claims and the clock. */
export const SIMULATION_ROUTES: AdminRoute[] = [
  {
    operationId: "degradeRunner",
    mutates: true,
    handle: ({ ctx }, { params, body }) => ({
      body: setRunnerFailure(ctx, params.id ?? "", (body as { message: string }).message),
    }),
  },
  {
    operationId: "recoverRunner",
    mutates: true,
    handle: ({ ctx }, { params }) => ({ body: setRunnerFailure(ctx, params.id ?? "", undefined) }),
  },
  {
    operationId: "createPrebuild",
    mutates: true,
    handle: ({ ctx }, { body }) => ({
      status: 201,
      body: createPrebuild(ctx, body as PrebuildInput),
    }),
  },
  {
    operationId: "completePrebuild",
    mutates: true,
    handle: ({ ctx }, { params }) => ({
      body: setPrebuildPhase(ctx, params.id ?? "", "PREBUILD_PHASE_COMPLETED"),
    }),
  },
  {
    operationId: "failPrebuild",
    mutates: true,
    handle: ({ ctx }, { params, body }) => ({
      body: setPrebuildPhase(
        ctx,
        params.id ?? "",
        "PREBUILD_PHASE_FAILED",
        (body as { message?: string } | undefined)?.message,
      ),
    }),
  },
  {
    operationId: "claimInstances",
    mutates: true,
    handle: ({ ctx }, { params, body }) => ({
      body: claimInstances(
        ctx,
        params.id ?? "",
        (body as { count?: number } | undefined)?.count ?? 1,
      ),
    }),
  },
  {
    operationId: "getClock",
    mutates: false,
    handle: (deps) => ({ body: describeClock(deps) }),
  },
  {
    operationId: "advanceClock",
    mutates: true,
    handle(deps, { body }) {
      const clock = controllable(deps);
      const { ms, to } = body as { ms?: number; to?: string };
      if (ms !== undefined) clock.advance(ms);
      if (to !== undefined) clock.set(Date.parse(to));
      reconcile(deps.ctx);
      return { body: describeClock(deps) };
    },
  },
];
