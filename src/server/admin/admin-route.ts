import type { ServerResponse } from "node:http";
import type { ControllableClock } from "../../domain/create-clock.js";
import type { DomainContext } from "../../domain/domain-context.js";
import type {
  AdminOperationId,
  AdminPathParams,
  AdminRequestBody,
  AdminResponseBody,
} from "../../generated/admin-types.js";
import type { FaultRegistry } from "../../rpc/fault-registry.js";
import type { RequestJournal } from "../../rpc/request-journal.js";
import type { WorldData } from "../../store/world.js";
import type { ScenarioSettings } from "../load-scenario.js";
import type { ChangeFeed } from "./change-feed.js";

/** What admin actions may touch. */
export interface AdminDeps {
  ctx: DomainContext;
  /** The clock when it can be moved (the default clocks can); undefined for an injected plain clock. */
  clock: ControllableClock | undefined;
  faults: FaultRegistry;
  journal: RequestJournal;
  /** Tells watchers of GET /_admin/events what changed. */
  changes: ChangeFeed;
  /** The world the server started with, for reset. */
  startWorld: () => WorldData;
  /** The fault rules, clock setting and pool cap the server started with, for reset. */
  startSettings: ScenarioSettings;
  /** The per-organization pool cap the server was configured with. */
  maxPoolsPerOrganization: number;
  /** Reads and checks a world file. */
  readWorldFile: (path: string) => WorldData;
  /** Puts a new world in place and settles its pools. */
  replaceWorld: (world: WorldData) => void;
}

/** An admin request after routing and body validation, typed by its operation. */
export interface AdminRequest<K extends AdminOperationId = AdminOperationId> {
  params: AdminPathParams<K>;
  body: AdminRequestBody<K>;
  query: URLSearchParams;
}

export interface AdminReply<K extends AdminOperationId = AdminOperationId> {
  status?: number;
  body?: AdminResponseBody<K>;
}

/** One admin endpoint: its operation in openapi/admin.yaml and what it does. */
export type AdminRoute<K extends AdminOperationId = AdminOperationId> = {
  operationId: K;
  /** Whether it can change the world (and so the state file). */
  mutates: boolean;
} & (
  | { handle(deps: AdminDeps, request: AdminRequest<K>): AdminReply<K>; stream?: never }
  | {
      /** A streaming endpoint takes over the response instead of answering one JSON body. */
      stream(deps: AdminDeps, res: ServerResponse): void;
      handle?: never;
    }
);

/** Types a route by its operationId: its body, path parameters and answer come from the YAML. */
export function defineRoute<K extends AdminOperationId>(route: AdminRoute<K>): AdminRoute {
  return route as unknown as AdminRoute;
}
