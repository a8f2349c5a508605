import type { ControllableClock } from "../../domain/create-clock.js";
import type { DomainContext } from "../../domain/domain-context.js";
import type { FaultRegistry } from "../../rpc/fault-registry.js";
import type { RequestJournal } from "../../rpc/request-journal.js";
import type { WorldData } from "../../store/world.js";
import type { ScenarioSettings } from "../load-scenario.js";

/** What admin actions may touch. */
export interface AdminDeps {
  ctx: DomainContext;
  /** The clock when it can be moved (the default clocks can); undefined for an injected plain clock. */
  clock: ControllableClock | undefined;
  faults: FaultRegistry;
  journal: RequestJournal;
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

/** An admin request after routing and body validation. */
export interface AdminRequest {
  params: Record<string, string>;
  body: unknown;
  query: URLSearchParams;
}

export interface AdminReply {
  status?: number;
  body?: unknown;
}

/** One admin endpoint: its operation in openapi/admin.yaml and what it does. */
export interface AdminRoute {
  operationId: string;
  /** Whether it can change the world (and so the state file). */
  mutates: boolean;
  handle(deps: AdminDeps, request: AdminRequest): AdminReply;
}
