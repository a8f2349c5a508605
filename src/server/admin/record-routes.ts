import { deleteEnvironmentClass, putEnvironmentClass } from "../../domain/put-environment-class.js";
import { putProject } from "../../domain/put-project.js";
import { putRunner } from "../../domain/put-runner.js";
import { ConnectError } from "../../errors/connect-error.js";
import type {
  EnvironmentClass,
  PrebuildConfiguration,
  Project,
  Runner,
} from "../../store/world.js";
import type { AdminRoute } from "./admin-route.js";

function existing<T>(map: Map<string, T>, id: string, what: string): T {
  const record = map.get(id.toLowerCase());
  if (!record) throw new ConnectError("not_found", `${what} ${id} not found`);
  return record;
}

/** Create, replace and patch the records pools depend on: projects, environment classes, runners. */
export const RECORD_ROUTES: AdminRoute[] = [
  {
    operationId: "putProject",
    mutates: true,
    handle: ({ ctx }, { params, body }) => ({
      body: putProject(ctx, { ...(body as Omit<Project, "id">), id: params.id ?? "" }),
    }),
  },
  {
    operationId: "patchPrebuildConfiguration",
    mutates: true,
    handle({ ctx }, { params, body }) {
      const project = existing(ctx.store.projects, params.id ?? "", "project");
      const patch = body as Partial<PrebuildConfiguration>;
      return {
        body: putProject(ctx, {
          ...project,
          prebuildConfiguration: { ...project.prebuildConfiguration, ...patch },
        }),
      };
    },
  },
  {
    operationId: "putEnvironmentClass",
    mutates: true,
    handle: ({ ctx }, { params, body }) => ({
      body: putEnvironmentClass(ctx, {
        ...(body as Omit<EnvironmentClass, "id">),
        id: params.id ?? "",
      }),
    }),
  },
  {
    operationId: "patchEnvironmentClass",
    mutates: true,
    handle({ ctx }, { params, body }) {
      const current = existing(ctx.store.environmentClasses, params.id ?? "", "environment class");
      return {
        body: putEnvironmentClass(ctx, { ...current, ...(body as Partial<EnvironmentClass>) }),
      };
    },
  },
  {
    operationId: "deleteEnvironmentClass",
    mutates: true,
    handle({ ctx }, { params }) {
      deleteEnvironmentClass(ctx, params.id ?? "");
      return { status: 204 };
    },
  },
  {
    operationId: "putRunner",
    mutates: true,
    handle({ ctx }, { params, body }) {
      const id = params.id ?? "";
      // Replacing a runner keeps its health: degrade and recover are separate actions.
      const failureMessage = ctx.store.runners.get(id.toLowerCase())?.failureMessage;
      const runner: Runner = { ...(body as Omit<Runner, "id">), id };
      return { body: putRunner(ctx, failureMessage ? { ...runner, failureMessage } : runner) };
    },
  },
];
