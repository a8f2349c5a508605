import { isUuid } from "../../contract/formats.js";
import { claimInstances } from "../../domain/claim-instances.js";
import type { ControllableClock } from "../../domain/create-clock.js";
import type { DomainContext } from "../../domain/domain-context.js";
import { deleteEnvironmentClass, putEnvironmentClass } from "../../domain/put-environment-class.js";
import { putProject } from "../../domain/put-project.js";
import { putRunner } from "../../domain/put-runner.js";
import { reconcile } from "../../domain/reconcile.js";
import { createPrebuild, setPrebuildPhase } from "../../domain/record-prebuild.js";
import { setRunnerFailure } from "../../domain/set-runner-failure.js";
import { ConnectError } from "../../errors/connect-error.js";
import type {
  AdminOperationId,
  AdminRequestBody,
  AdminResponseBody,
  ChangeEvent,
  Clock,
  ScenarioInForce,
} from "../../generated/admin-types.js";
import type { FaultRegistry } from "../../rpc/fault-registry.js";
import type { RequestJournal } from "../../rpc/request-journal.js";
import { parseWorld } from "../../store/parse-world.js";
import type { Runner, WorldData } from "../../store/world.js";
import type { ChangeFeed, PartVersions } from "../change-feed.js";
import { listScenarios, loadScenario, type ScenarioSettings } from "../load-scenario.js";
import { loadAdminContract } from "./load-admin-contract.js";
import { type RecordQuery, RecordReader } from "./read-records.js";

type Body<K extends AdminOperationId> = AdminRequestBody<K>;
type Result<K extends AdminOperationId> = AdminResponseBody<K>;

/**
 * The control plane's operations, one method per operationId of openapi/admin.yaml, with its
 * body and answer types. Every adapter's mock object has them, and `/_admin` calls the same
 * ones; errors are thrown as ConnectError, with the codes and messages HTTP answers carry.
 */
export interface MockControl {
  /** Back to the start-up world, fault rules, clock setting and pool cap; empties the journal. */
  reset(): Result<"reset">;
  /** Every record, in the world-file format. */
  getWorld(): Result<"getWorld">;
  /** Replaces the world (checked like a world file; nothing changes when it fails). */
  putWorld(world: Body<"putWorld">): Result<"putWorld">;
  /** Replaces the world with a world file, where the platform can read one (a server). */
  loadWorld(body: Body<"loadWorld">): Result<"loadWorld">;
  putProject(id: string, body: Body<"putProject">): Result<"putProject">;
  patchPrebuildConfiguration(
    id: string,
    body: Body<"patchPrebuildConfiguration">,
  ): Result<"patchPrebuildConfiguration">;
  putEnvironmentClass(id: string, body: Body<"putEnvironmentClass">): Result<"putEnvironmentClass">;
  patchEnvironmentClass(
    id: string,
    body: Body<"patchEnvironmentClass">,
  ): Result<"patchEnvironmentClass">;
  deleteEnvironmentClass(id: string): void;
  putRunner(id: string, body: Body<"putRunner">): Result<"putRunner">;
  degradeRunner(id: string, body: Body<"degradeRunner">): Result<"degradeRunner">;
  recoverRunner(id: string): Result<"recoverRunner">;
  createPrebuild(body: Body<"createPrebuild">): Result<"createPrebuild">;
  completePrebuild(id: string): Result<"completePrebuild">;
  failPrebuild(id: string, body?: Body<"failPrebuild">): Result<"failPrebuild">;
  claimInstances(id: string, body?: Body<"claimInstances">): Result<"claimInstances">;
  getClock(): Result<"getClock">;
  /** Moves a controllable clock forward by `ms`, or to the instant `to`. */
  advanceClock(body: Body<"advanceClock">): Result<"advanceClock">;
  listFaults(): Result<"listFaults">;
  addFault(input: Body<"addFault">): Result<"addFault">;
  deleteFault(faultId: string): void;
  clearFaults(): void;
  getJournal(query?: { rpc?: string; limit?: number; after?: number }): Result<"getJournal">;
  /** One call with its request headers and its answer. */
  getJournalEntry(entryId: number): Result<"getJournalEntry">;
  clearJournal(): void;
  /** What a page shows first: clock, scenario in force, journal mark, counts. */
  getOverview(): Result<"getOverview">;
  /** Every record in pages, or what changed since a revision (GET /_admin/records). */
  readRecords(query?: RecordQuery): Result<"readRecords">;
  listScenarios(): Result<"listScenarios">;
  loadScenario(body: Body<"loadScenario">): Result<"loadScenario">;
  /**
   * Watches the change feed (what GET /_admin/events streams): the first event is a `reload`
   * naming every topic, then each event says what changed. Returns the function that stops
   * watching.
   */
  watchEvents(listener: (event: ChangeEvent) => void): () => void;
}

/** The names of MockControl's methods, for adapters that hand them out on their own objects. */
export const CONTROL_METHODS = [
  "reset",
  "getWorld",
  "putWorld",
  "loadWorld",
  "putProject",
  "patchPrebuildConfiguration",
  "putEnvironmentClass",
  "patchEnvironmentClass",
  "deleteEnvironmentClass",
  "putRunner",
  "degradeRunner",
  "recoverRunner",
  "createPrebuild",
  "completePrebuild",
  "failPrebuild",
  "claimInstances",
  "getClock",
  "advanceClock",
  "listFaults",
  "addFault",
  "deleteFault",
  "clearFaults",
  "getJournal",
  "getJournalEntry",
  "clearJournal",
  "getOverview",
  "readRecords",
  "listScenarios",
  "loadScenario",
  "watchEvents",
] as const satisfies readonly (keyof MockControl)[];

/** What the admin core acts on, built once per mock. */
export interface AdminDeps {
  ctx: DomainContext;
  /** The clock when it can be moved (the default clocks can); undefined for an injected plain clock. */
  clock: ControllableClock | undefined;
  faults: FaultRegistry;
  journal: RequestJournal;
  changes: ChangeFeed;
  /** The world reset returns to, a fresh copy each call. */
  startWorld: () => WorldData;
  /** The fault rules, clock setting and pool cap the mock started with, for reset. */
  startSettings: ScenarioSettings;
  /** The scenario the mock started with, if it did, as GET /_admin/overview names it. */
  startScenario?: { name: string; description: string };
  /** Names this mock in the feed's events and the record pages. */
  instance: string;
  /** The per-organization pool cap the mock was configured with. */
  maxPoolsPerOrganization: number;
  /** Reads and checks a world file; absent where there are no files (a browser). */
  readWorldFile?: (path: string) => WorldData;
  /** Called after an action that may have changed the world (the state file's hook). */
  onChange?: () => void;
}

/**
 * The one implementation of the control plane. Each action first brings the simulation up to
 * the clock, checks its input against openapi/admin.yaml, acts, then tells the change feed.
 */
export class AdminCore implements MockControl {
  private readonly records: RecordReader;
  private inForce: ScenarioInForce;
  private clockChanges = 0;
  private scenarioChanges = 0;

  constructor(private readonly deps: AdminDeps) {
    this.records = new RecordReader(deps.ctx.store, deps.instance);
    this.inForce = { ...deps.startScenario, world: "start-up" };
  }

  /** Where the parts besides the world stand, for the change feed. */
  versions(): PartVersions {
    return {
      faults: this.deps.faults.version,
      journal: this.deps.journal.version,
      clock: this.clockChanges,
      scenario: this.scenarioChanges,
    };
  }

  /** The scenario in force and where the world came from. */
  scenarioInForce(): ScenarioInForce {
    return { ...this.inForce };
  }

  /** The clock as the admin API shows it, read now. */
  describeClock(): Clock {
    const { clock, ctx } = this.deps;
    const now = ctx.clock.now();
    return {
      mode: clock?.mode ?? "real",
      scale: clock?.scale ?? 1,
      now: new Date(now).toISOString(),
      nowMs: now,
    };
  }

  reset() {
    return this.write(true, () => {
      this.applyScenario(this.deps.startWorld(), this.deps.startSettings);
      this.setInForce({ ...this.deps.startScenario, world: "start-up" });
      return this.summarizeWorld();
    });
  }

  getWorld() {
    this.settle();
    return this.deps.ctx.store.snapshot();
  }

  putWorld(world: Body<"putWorld">) {
    this.check("putWorld", world);
    return this.write(true, () => {
      this.replaceWorld(checkWorld(() => world, "request body"));
      this.setInForce({ ...withoutWorld(this.inForce), world: "uploaded" });
      return this.summarizeWorld();
    });
  }

  loadWorld(body: Body<"loadWorld">) {
    this.check("loadWorld", body);
    const read = this.deps.readWorldFile;
    if (!read) {
      throw new ConnectError(
        "failed_precondition",
        "this mock reads no world files (it runs without a file system): send the world itself with putWorld (PUT /_admin/world)",
      );
    }
    return this.write(true, () => {
      this.replaceWorld(checkWorld(() => read(body.path), body.path));
      this.setInForce({ ...withoutWorld(this.inForce), world: "file", path: body.path });
      return this.summarizeWorld();
    });
  }

  putProject(id: string, body: Body<"putProject">) {
    checkId(id);
    this.check("putProject", body);
    return this.write(true, () => putProject(this.deps.ctx, { ...body, id }));
  }

  patchPrebuildConfiguration(id: string, body: Body<"patchPrebuildConfiguration">) {
    checkId(id);
    this.check("patchPrebuildConfiguration", body);
    return this.write(true, () => {
      const { ctx } = this.deps;
      const project = existing(ctx.store.projects, id, "project");
      return putProject(ctx, {
        ...project,
        prebuildConfiguration: { ...project.prebuildConfiguration, ...body },
      });
    });
  }

  putEnvironmentClass(id: string, body: Body<"putEnvironmentClass">) {
    checkId(id);
    this.check("putEnvironmentClass", body);
    return this.write(true, () => putEnvironmentClass(this.deps.ctx, { ...body, id }));
  }

  patchEnvironmentClass(id: string, body: Body<"patchEnvironmentClass">) {
    checkId(id);
    this.check("patchEnvironmentClass", body);
    return this.write(true, () => {
      const { ctx } = this.deps;
      const current = existing(ctx.store.environmentClasses, id, "environment class");
      return putEnvironmentClass(ctx, { ...current, ...body });
    });
  }

  deleteEnvironmentClass(id: string): void {
    checkId(id);
    this.write(true, () => deleteEnvironmentClass(this.deps.ctx, id));
  }

  putRunner(id: string, body: Body<"putRunner">) {
    checkId(id);
    this.check("putRunner", body);
    return this.write(true, () => {
      const { ctx } = this.deps;
      // Replacing a runner keeps its health: degrade and recover are separate actions.
      const failureMessage = ctx.store.runners.get(id.toLowerCase())?.failureMessage;
      const runner: Runner = { ...body, id };
      return putRunner(ctx, failureMessage ? { ...runner, failureMessage } : runner);
    });
  }

  degradeRunner(id: string, body: Body<"degradeRunner">) {
    checkId(id);
    this.check("degradeRunner", body);
    return this.write(true, () => setRunnerFailure(this.deps.ctx, id, body.message));
  }

  recoverRunner(id: string) {
    checkId(id);
    return this.write(true, () => setRunnerFailure(this.deps.ctx, id, undefined));
  }

  createPrebuild(body: Body<"createPrebuild">) {
    this.check("createPrebuild", body);
    return this.write(true, () => createPrebuild(this.deps.ctx, body));
  }

  completePrebuild(id: string) {
    checkId(id);
    return this.write(true, () => setPrebuildPhase(this.deps.ctx, id, "PREBUILD_PHASE_COMPLETED"));
  }

  failPrebuild(id: string, body?: Body<"failPrebuild">) {
    checkId(id);
    this.check("failPrebuild", body);
    return this.write(true, () =>
      setPrebuildPhase(this.deps.ctx, id, "PREBUILD_PHASE_FAILED", body?.message),
    );
  }

  claimInstances(id: string, body?: Body<"claimInstances">) {
    checkId(id);
    this.check("claimInstances", body);
    return this.write(true, () => claimInstances(this.deps.ctx, id, body?.count ?? 1));
  }

  getClock() {
    this.settle();
    return this.describeClock();
  }

  advanceClock(body: Body<"advanceClock">) {
    this.check("advanceClock", body);
    return this.write(true, () => {
      const clock = this.controllableClock();
      if (body.ms !== undefined) clock.advance(body.ms);
      if (body.to !== undefined) clock.set(Date.parse(body.to));
      this.clockChanges++;
      reconcile(this.deps.ctx);
      return this.describeClock();
    });
  }

  listFaults() {
    this.settle();
    return { faults: this.deps.faults.list() };
  }

  addFault(input: Body<"addFault">) {
    this.check("addFault", input);
    return this.write(false, () => this.deps.faults.add(input));
  }

  deleteFault(faultId: string): void {
    this.write(false, () => {
      if (!this.deps.faults.remove(faultId)) {
        throw new ConnectError("not_found", `fault ${faultId} not found`);
      }
    });
  }

  clearFaults(): void {
    this.write(false, () => this.deps.faults.clear());
  }

  getJournal(query: { rpc?: string; limit?: number; after?: number } = {}) {
    const { limit, after } = query;
    if (limit !== undefined && !(Number.isSafeInteger(limit) && limit > 0 && limit < 1e6)) {
      throw new ConnectError(
        "invalid_argument",
        `limit must be a positive integer, got "${String(limit).slice(0, 20)}"`,
      );
    }
    if (after !== undefined && !(Number.isSafeInteger(after) && after >= 0)) {
      throw new ConnectError(
        "invalid_argument",
        `after must be an entry id, an integer from 0, got "${String(after).slice(0, 20)}"`,
      );
    }
    this.settle();
    return { entries: this.deps.journal.list(query) };
  }

  getJournalEntry(entryId: number) {
    if (!(Number.isSafeInteger(entryId) && entryId > 0)) {
      throw new ConnectError(
        "invalid_argument",
        `entryId must be a positive integer, got "${String(entryId).slice(0, 20)}"`,
      );
    }
    this.settle();
    const entry = this.deps.journal.get(entryId);
    if (!entry) throw new ConnectError("not_found", `the journal holds no call ${entryId}`);
    return entry;
  }

  getOverview() {
    this.settle();
    const { ctx, faults, journal, changes, maxPoolsPerOrganization } = this.deps;
    const { store } = ctx;
    const phases: Record<string, number> = {};
    for (const pool of store.allPools()) {
      const phase = pool.status.phase;
      phases[phase] = (phases[phase] ?? 0) + 1;
    }
    return {
      instance: this.deps.instance,
      seq: changes.lastSeq,
      revision: store.changes.revision,
      clock: this.describeClock(),
      scenario: this.scenarioInForce(),
      journal: journal.mark(),
      faults: faults.size,
      maxPoolsPerOrganization: ctx.maxPoolsPerOrganization ?? maxPoolsPerOrganization,
      counts: {
        organizations: store.organizations.size,
        runners: store.runners.size,
        environmentClasses: store.environmentClasses.size,
        projects: store.projects.size,
        prebuilds: store.prebuilds.size,
        warmPools: store.poolCount,
        phases,
      },
    };
  }

  readRecords(query: RecordQuery = {}) {
    // A cursor reads on from where its first page stood; only a new read settles first.
    if (query.cursor === undefined) this.settle();
    return this.records.read(query);
  }

  clearJournal(): void {
    this.write(false, () => this.deps.journal.clear());
  }

  listScenarios() {
    this.settle();
    return { scenarios: listScenarios() };
  }

  loadScenario(body: Body<"loadScenario">) {
    this.check("loadScenario", body);
    return this.write(true, () => {
      const scenario = loadScenario(body.name);
      this.applyScenario(scenario.world, scenario);
      this.setInForce({
        name: scenario.name,
        description: scenario.description,
        world: "scenario",
      });
      const { ctx, faults, maxPoolsPerOrganization } = this.deps;
      return {
        name: scenario.name,
        description: scenario.description,
        world: this.summarizeWorld(),
        faults: faults.list(),
        clock: this.describeClock(),
        maxPoolsPerOrganization: ctx.maxPoolsPerOrganization ?? maxPoolsPerOrganization,
      };
    });
  }

  watchEvents(listener: (event: ChangeEvent) => void): () => void {
    return this.deps.changes.watch(listener);
  }

  /**
   * Brings pools up to the clock, so every action and read sees the world as it is now; on a
   * real clock that may move pools, which the feed then tells.
   */
  private settle(): void {
    reconcile(this.deps.ctx);
    this.deps.changes.notify();
  }

  // An action: settle, act, then have the feed tell what changed. `mutates` is whether the
  // world (and so the state file) may have changed.
  private write<T>(mutates: boolean, act: () => T): T {
    this.settle();
    const result = act();
    if (mutates) this.deps.onChange?.();
    this.deps.changes.notify();
    return result;
  }

  private setInForce(inForce: ScenarioInForce): void {
    this.inForce = inForce;
    this.scenarioChanges++;
  }

  // A body as openapi/admin.yaml describes it, whoever sends it (HTTP or in-process code).
  private check(operationId: AdminOperationId, body: unknown): void {
    const operation = loadAdminContract().get(operationId);
    if (!operation) throw new Error(`openapi/admin.yaml has no operation ${operationId}`);
    if (body === undefined) {
      if (operation.bodyRequired) {
        throw new ConnectError("invalid_argument", `${operationId} needs a JSON body`);
      }
      return;
    }
    const validate = operation.validateBody;
    if (validate && !validate(body)) {
      const problems = (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || "body"} ${e.message}${describeParams(e.params)}`);
      throw new ConnectError(
        "invalid_argument",
        `invalid ${operationId} body: ${problems.join("; ")}`,
      );
    }
  }

  private replaceWorld(world: WorldData): void {
    const { ctx } = this.deps;
    ctx.store.replaceWith(world);
    reconcile(ctx, ctx.store.allPools());
  }

  /**
   * Puts a world and its settings in place as one action: clock first (the world's times go
   * with it), then the pool cap, the world, the fault rules, and an empty journal. A clock
   * injected by the embedding code cannot be moved and stays its own.
   */
  private applyScenario(world: WorldData, settings: ScenarioSettings): void {
    const { deps } = this;
    if (settings.clock && deps.clock) {
      deps.clock.reset(settings.clock);
      this.clockChanges++;
    }
    deps.ctx.maxPoolsPerOrganization =
      settings.maxPoolsPerOrganization ?? deps.maxPoolsPerOrganization;
    this.replaceWorld(world);
    deps.faults.clear();
    for (const fault of settings.faults) deps.faults.add(fault);
    deps.journal.clear();
  }

  /** Counts of what the world holds, and the clock: the answer to every whole-world action. */
  private summarizeWorld(): Result<"reset"> {
    const world = this.deps.ctx.store.snapshot();
    return {
      organizations: world.organizations.length,
      runners: world.runners.length,
      environmentClasses: world.environmentClasses.length,
      projects: world.projects.length,
      prebuilds: world.prebuilds.length,
      warmPools: world.warmPools.length,
      now: new Date(this.deps.ctx.clock.now()).toISOString(),
    };
  }

  private controllableClock(): ControllableClock {
    if (!this.deps.clock) {
      throw new ConnectError("failed_precondition", "this server's clock cannot be moved");
    }
    return this.deps.clock;
  }
}

// Record IDs are UUIDs (openapi/admin.yaml's Id parameter), as in world files.
function checkId(id: string): void {
  if (!isUuid(id)) throw new ConnectError("invalid_argument", `${id.slice(0, 60)} is not a UUID`);
}

function existing<T>(map: Map<string, T>, id: string, what: string): T {
  const record = map.get(id.toLowerCase());
  if (!record) throw new ConnectError("not_found", `${what} ${id} not found`);
  return record;
}

// A world that fails its checks is the caller's mistake: invalid_argument, nothing changes.
function checkWorld(load: () => unknown, source: string): WorldData {
  try {
    return parseWorld(load(), source);
  } catch (error) {
    // A path refused or not found has its own code already.
    if (error instanceof ConnectError) throw error;
    throw new ConnectError("invalid_argument", (error as Error).message);
  }
}

// What is in force once the world is replaced by other means than a scenario.
function withoutWorld({ name, description }: ScenarioInForce): Omit<ScenarioInForce, "world"> {
  return {
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
  };
}

function describeParams(params: Record<string, unknown>): string {
  const extra = params.additionalProperty ?? params.allowedValues;
  return extra === undefined ? "" : ` (${JSON.stringify(extra)})`;
}
