import { CaseFailure, type FailureDetail } from "../case-failure.js";
import { checkConformance } from "../check-conformance.js";
import type { ResponseValidator } from "../contract/create-response-validator.js";
import {
  type ApiClient,
  type Credential,
  type Exchange,
  TransportError,
} from "../http/api-client.js";
import { renderCurl } from "../http/render-curl.js";
import type { PoolTracker } from "../pool-tracker.js";
import { sameId } from "../same-id.js";
import { waitUntil } from "../wait-until.js";
import type { PoolPair, WarmPool } from "../wire-types.js";
import {
  checkHistory,
  comparePools,
  describeDifferences,
  type FieldDifference,
  TargetBindings,
} from "./compare-pools.js";
import { expectSameVerdict } from "./expect-same-verdict.js";
import { CHECKS } from "./explore-checks.js";
import {
  type Caller,
  type CallSpec,
  credentialFor,
  describeWire,
  renderCall,
} from "./explore-request.js";
import type { ClassChoice, Step } from "./explore-step.js";
import { FixtureIds } from "./fixture-ids.js";
import { type KnownPool, KnownPools, type ModelState } from "./known-pools.js";
import {
  checkListedPool,
  checkNextToken,
  checkPageSize,
  checkWalkComplete,
  type ListFilter,
  matchesFilter,
  startWalk,
  type Walk,
  type WalkNaming,
  walkPageSpec,
} from "./list-walk.js";
import type { ExploreFixtures } from "./model-world.js";
import { pageOf, poolOf, shortPhase, verdictOf } from "./read-answer.js";
import type { ReferenceModel } from "./reference-model.js";
import type { SequenceRecord, StepRecord } from "./sequence-record.js";
import { createdPair, getPoolSpec, type StepIds, stepCallSpec } from "./step-call-spec.js";
import { summarizeAnswer } from "./summarize-answer.js";

const DELETING = "WARM_POOL_PHASE_DELETING";
/** The phases of a deleted pool until it is gone. */
const ON_THE_WAY_OUT: readonly string[] = [DELETING, "WARM_POOL_PHASE_DELETED"];
// Explore waits for deletions all the time (each sequence starts once earlier ones' pools are
// gone): it looks often, so as not to lose most of a short deletion to the back-off.
const WAIT_PACE = { firstMs: 10, maxMs: 100 };

/** What the run covered. */
export interface Coverage {
  sequences: number;
  steps: number;
  rpcs: Record<string, number>;
  wires: Record<string, number>;
  /** Distinct `RPC verdict` pairs the target answered. */
  verdicts: Set<string>;
}

/** Everything a session needs. */
export interface ExploreSessionInit {
  /** The target, for the steps' requests (its observer registers created pools). */
  target: ApiClient;
  /** The target, for probes between sequences, which no step reports. */
  housekeeping: ApiClient;
  /** The reference model's client. */
  model: ApiClient;
  reference: ReferenceModel;
  tracker: PoolTracker;
  validator: ResponseValidator;
  strict: boolean;
  fixtures: ExploreFixtures;
  own: Credential;
  foreign?: Credential;
  runStartedAt: number;
  /** Wait for earlier sequences' pools to disappear before a sequence starts. */
  waits: boolean;
}

/**
 * Runs steps against the target and the reference model alike and compares the answers. A
 * step's comparison fails with a CaseFailure; the sequence's record keeps both answers.
 *
 * Time is the target's to decide: the model never ends a deletion by itself. When the target
 * answers as if a deleted pool were gone (not_found, or a create on its pair succeeding), the
 * session checks with GetWarmPool that it is, ends the deletion in the model and asks the model
 * again; a pool the model still has DELETING may be DELETING, DELETED or gone on the target.
 */
export class ExploreSession {
  readonly coverage: Coverage = {
    sequences: 0,
    steps: 0,
    rpcs: {},
    wires: {},
    verdicts: new Set(),
  };
  readonly warnings: string[] = [];
  /** The last sequence that failed, steps and all: after shrinking, the minimal one. */
  lastFailure: SequenceRecord | undefined;

  private readonly pools: KnownPools;
  private readonly bindings = new TargetBindings();
  private readonly fixtureIds: FixtureIds;
  private readonly stepIds: StepIds;
  private readonly naming: WalkNaming;
  private sequence: { walk?: Walk; record: SequenceRecord } = {
    record: { leftovers: [], steps: [] },
  };
  private captured = 0;

  constructor(private readonly init: ExploreSessionInit) {
    this.fixtureIds = new FixtureIds(init.fixtures);
    this.pools = new KnownPools(this.fixtureIds);
    this.stepIds = {
      project: (choice) => this.fixtureIds.project(choice),
      environmentClass: (choice) => this.classId(choice),
      createdPool: (index) => this.pools.createdAt(index)?.id,
    };
    this.naming = {
      bindings: this.bindings,
      describeId: (id) => this.describeId(id),
      nameIds: (text) => this.nameIds(text),
    };
  }

  /**
   * Starts a sequence: pools of earlier ones the target shows gone leave the model too. With
   * waits, it first waits for them (each within what is left of its --wait-timeout), so that
   * a sequence starts on free pairs and its reproduction does not depend on earlier ones.
   */
  async beginSequence(): Promise<void> {
    this.coverage.sequences++;
    this.sequence = { record: { leftovers: [], steps: [] } };
    this.pools.beginSequence();
    this.captured = 0;
    this.init.reference.advanceClock(1000);
    const draining = this.pools
      .all()
      .filter(
        (p) => p.model === "deleting" || (p.model === "absent" && this.init.tracker.owns(p.id)),
      );
    await Promise.all(
      draining.map(async (pool) => {
        const gone = await waitUntil(
          () => this.probeGone(pool),
          this.init.waits ? this.init.tracker.remainingWait(pool.id) : 0,
          WAIT_PACE,
        );
        if (gone) this.finish(pool);
        else
          this.sequence.record.leftovers.push(
            `${pool.id} (${pool.model === "absent" ? "created by the target only" : "deleted"}, on ${this.describeId(pool.pair.environmentClassId)}) is still there`,
          );
      }),
    );
  }

  /** Ends a sequence: what it left live is deleted on both sides, without waiting. */
  async endSequence(failed: boolean): Promise<void> {
    if (failed) this.lastFailure = this.sequence.record;
    for (const pool of this.pools.all()) {
      if (pool.model !== "live") continue;
      const credential = this.credential(pool.owner);
      try {
        const answer = await this.init.model.rpc(
          "DeleteWarmPool",
          { warmPoolId: pool.id },
          { as: credential },
        );
        if (answer.status === 200) pool.model = "deleting";
      } catch {
        // The model is in this process; should it fail, the next sequence's probe settles it.
      }
    }
    await this.init.tracker.releaseLive(true);
  }

  /** Runs one step; throws CaseFailure (or TransportError) when the target breaks a rule. */
  async run(step: Step): Promise<void> {
    const record: StepRecord = {
      number: this.sequence.record.steps.length + 1,
      description: this.describeStep(step),
      model: [],
      target: [],
      replay: [],
    };
    this.sequence.record.steps.push(record);
    this.coverage.steps++;
    this.init.reference.advanceClock(1);
    try {
      switch (step.kind) {
        case "create":
          return await this.create(step, record);
        case "get":
          return await this.get(step, record);
        case "update":
          return await this.update(step, record);
        case "delete":
          return await this.remove(step, record);
        case "list":
          return await this.list(step, record);
        case "list-next":
          return await this.listNext(record);
        case "await-gone":
          return await this.awaitGone(this.pools.createdAt(step.pool), record);
      }
    } catch (error) {
      record.failure = toFailure(error);
      throw error;
    }
  }

  /** Describes a step with the run's names for IDs. */
  describeStep(step: Step): string {
    switch (step.kind) {
      case "create":
      case "get":
      case "update":
      case "delete": {
        const spec = stepCallSpec(step, this.stepIds);
        const how = describeWire(spec);
        const then = step.kind === "delete" && step.wait ? ", then wait until it is gone" : "";
        return `${spec.rpc} ${this.nameIds(JSON.stringify(spec.message))}${how ? ` (${how})` : ""}${then}`;
      }
      case "list": {
        const spec = stepCallSpec(step, this.stepIds);
        const how = describeWire(spec);
        const what = step.whole ? "every page" : "the first page";
        return `ListWarmPools ${this.nameIds(JSON.stringify(spec.message))}: ${what}${how ? ` (${how})` : ""}`;
      }
      case "list-next":
        return this.sequence.walk
          ? "ListWarmPools: the next page of the open walk"
          : `${this.describeStep(this.ownWalk())} (no walk was open)`;
      case "await-gone":
        return `wait until pool #${this.pools.createdAt(step.pool)?.alias.slice(1) ?? "?"} is gone`;
    }
  }

  /** Names an ID as the run knows it: a pool by its alias, a fixture by its role. */
  describeId(id: string): string {
    return this.pools.describeId(id);
  }

  /** Replaces the IDs the run knows in a text by their names. */
  nameIds(text: string): string {
    return this.pools.nameIds(text);
  }

  /** One line for an answer: its verdict and what it shows. */
  summarize(exchange: Exchange): string {
    return summarizeAnswer(exchange, this.pools);
  }

  // --- the five RPCs ------------------------------------------------------------------------

  private async create(step: Extract<Step, { kind: "create" }>, record: StepRecord) {
    const spec = stepCallSpec(step, this.stepIds);
    const target = await this.callTarget(spec, record);
    const sent = record.replay.at(-1);
    const created = target.status === 200 ? poolOf(target) : undefined;
    if (created && this.pools.reusedId === created.id.toLowerCase()) {
      throw new CaseFailure(CHECKS.newId, "a new ID", `${created.id}, an earlier pool's`, target);
    }
    this.init.reference.nameNextPool(created?.id);
    let model = await this.callModel(spec, record);
    if (verdictOf(target) === "ok" && verdictOf(model) === "already_exists") {
      // Faster than the model: the pair's previous pool must be gone on the target.
      const pair = createdPair(step, this.stepIds);
      const draining = this.pools
        .all()
        .filter((p) => p.model === "deleting" && pair !== undefined && samePair(p.pair, pair));
      for (const pool of draining) await this.confirmGone(pool, record, "a create on its pair");
      if (draining.length > 0) {
        this.init.reference.nameNextPool(created?.id);
        model = await this.callModel(spec, record, true);
      }
    }
    // Whichever side made a pool, the run knows it: cleanup and later sequences need it.
    const modelPool = poolOf(model);
    const made = created ?? modelPool;
    const known = made && this.remember(made, step.call.caller, modelPool ? "live" : "absent");
    if (known) {
      if (created && sent) {
        sent.capture = {
          variable: `POOL_${known.alias.slice(1)}`,
          kind: "pool-id",
          value: created.id,
        };
      }
      record.target[0] = this.summarize(target);
      record.model[record.model.length - 1] = this.summarize(model);
    }
    this.expectSameVerdict(target, model);
    if (created && modelPool && known) await this.expectSamePool(created, modelPool, known, target);
  }

  private async get(step: Extract<Step, { kind: "get" }>, record: StepRecord) {
    const spec = stepCallSpec(step, this.stepIds);
    const target = await this.callTarget(spec, record);
    const model = await this.askModel(spec, record, target, this.pools.poolFor(step.pool), "ok");
    this.expectSameVerdict(target, model);
    await this.expectSamePools(target, model);
  }

  private async update(step: Extract<Step, { kind: "update" }>, record: StepRecord) {
    const spec = stepCallSpec(step, this.stepIds);
    const target = await this.callTarget(spec, record);
    const pool = this.pools.poolFor(step.pool);
    const model = await this.askModel(spec, record, target, pool, "failed_precondition");
    this.expectSameVerdict(target, model);
    await this.expectSamePools(target, model);
  }

  private async remove(step: Extract<Step, { kind: "delete" }>, record: StepRecord) {
    const spec = stepCallSpec(step, this.stepIds);
    const pool = this.pools.poolFor(step.pool);
    const target = await this.callTarget(spec, record);
    if (target.status === 200 && pool) this.init.tracker.markDeleting(pool.id);
    // Deleting a pool that drains changes nothing: the model answers {} again.
    const model = await this.askModel(spec, record, target, pool, "ok");
    this.expectSameVerdict(target, model);
    if (verdictOf(model) === "ok" && pool?.model === "live") {
      pool.model = "deleting";
      this.sequence.walk?.mustAppear.delete(pool.id.toLowerCase());
    }
    if (step.wait && pool?.model === "deleting") await this.awaitGone(pool, record);
  }

  /**
   * Asks the model what the target was asked. When the target answers not_found for a pool the
   * model still has DELETING (the model answering `whileDeleting`), the target was faster: once
   * GetWarmPool agrees that the pool is gone (a Get's own not_found says so), the model's
   * deletion ends and the model is asked again. The first answer changed nothing in the model:
   * a Get reads, an Update of a DELETING pool is refused, a Delete of one is a no-op.
   */
  private async askModel(
    spec: CallSpec,
    record: StepRecord,
    target: Exchange,
    pool: KnownPool | undefined,
    whileDeleting: string,
  ): Promise<Exchange> {
    const model = await this.callModel(spec, record);
    if (
      verdictOf(model) !== whileDeleting ||
      verdictOf(target) !== "not_found" ||
      pool?.model !== "deleting" ||
      pool.owner !== spec.caller
    )
      return model;
    if (spec.rpc === "GetWarmPool") this.finish(pool);
    else await this.confirmGone(pool, record, `${spec.rpc} answering not_found`);
    return this.callModel(spec, record, true);
  }

  private async list(step: Extract<Step, { kind: "list" }>, record: StepRecord) {
    const spec = stepCallSpec(step, this.stepIds);
    const filter = (spec.message.filter as ListFilter | undefined) ?? {};
    const mustAppear = this.pools
      .all()
      .filter(
        (p) => p.model === "live" && p.owner === step.call.caller && matchesFilter(p.pair, filter),
      )
      .map((p) => p.id);
    const walk = startWalk(step.call.caller, step.call, filter, step.pageSize, mustAppear);
    this.sequence.walk = walk;
    await this.fetchPage(walk, record);
    while (step.whole && this.sequence.walk === walk) await this.fetchPage(walk, record);
  }

  // The next page of the open walk; with none open, the first page of a walk over the
  // explorer's own pairs, a pool a page: walks then span the steps around them.
  private async listNext(record: StepRecord) {
    const walk = this.sequence.walk;
    if (!walk) return this.list(this.ownWalk(), record);
    await this.fetchPage(walk, record);
  }

  private ownWalk(): Extract<Step, { kind: "list" }> {
    return {
      kind: "list",
      filter: {
        projects: ["project"],
        classes: this.init.fixtures.classIds.length > 1 ? ["class-1", "class-2"] : ["class-1"],
      },
      pageSize: 1,
      whole: false,
      call: { caller: "own", wire: "json", snakeCase: false, unknownField: false },
    };
  }

  private async fetchPage(walk: Walk, record: StepRecord) {
    const target = await this.callTarget(walkPageSpec(walk, walk.targetToken), record);
    const sent = record.replay.at(-1);
    const model = walk.modelDone
      ? undefined
      : await this.callModel(walkPageSpec(walk, walk.modelToken), record);
    if (!model) record.model.push("(the model's walk has ended; any further page is a success)");
    walk.pages++;
    if (model) this.expectSameVerdict(target, model);
    else if (verdictOf(target) !== "ok") {
      throw new CaseFailure(CHECKS.verdict, "ok", verdictOf(target), target);
    }
    if (target.status !== 200) {
      this.sequence.walk = undefined;
      return;
    }
    if (model) {
      walk.modelToken = pageOf(model).nextToken;
      walk.modelDone = walk.modelToken === "";
    }
    const page = pageOf(target);
    checkPageSize(walk, page.pools.length, target);
    for (const pool of page.pools) {
      checkListedPool(walk, pool, target, this.naming);
      await this.expectListedAsModelHasIt(pool, walk, target);
    }
    if (page.nextToken === "") {
      this.sequence.walk = undefined;
      checkWalkComplete(walk, target, this.naming);
      return;
    }
    checkNextToken(walk, page.nextToken, target);
    if (sent) {
      sent.capture = {
        variable: `TOKEN_${++this.captured}`,
        kind: "next-token",
        value: page.nextToken,
      };
    }
  }

  // A listed pool of the run must be one the model has, as the model has it; another
  // organization's pools (the run's own, listed to the foreign token) never show.
  private async expectListedAsModelHasIt(pool: WarmPool, walk: Walk, target: Exchange) {
    // Pools of earlier sequences are listed like anyone's: a sequence stands on its own.
    const known = this.pools.get(pool.id);
    if (!known || known.model === "absent" || !this.pools.isCurrent(known)) return;
    if (known.owner !== walk.caller) {
      throw new CaseFailure(
        CHECKS.listedGone,
        `no pool of ${known.owner === "own" ? "the token's" : "the foreign token's"} organization`,
        `${this.describeId(known.id)} listed to the ${walk.caller === "own" ? "token" : "foreign token"}`,
        target,
      );
    }
    const view = await this.init.model.rpc(
      "GetWarmPool",
      { warmPoolId: known.id },
      { as: this.credential(known.owner) },
    );
    const modelPool = view.status === 200 ? poolOf(view) : undefined;
    if (!modelPool) {
      throw new CaseFailure(
        CHECKS.listedGone,
        `no ${this.describeId(known.id)}: the model has it gone (the target answered not_found for it before)`,
        `${this.describeId(known.id)} listed, ${shortPhase(pool.status?.phase)}`,
        target,
      );
    }
    await this.expectSamePool(pool, modelPool, known, target);
  }

  private async awaitGone(pool: KnownPool | undefined, record: StepRecord) {
    if (pool?.model !== "deleting") {
      const why = pool ? `pool ${pool.alias} is not being deleted` : "no pool created yet";
      record.model.push(`(${why}: nothing to wait for)`);
      record.target.push(`(${why}: nothing to wait for)`);
      return;
    }
    const started = Date.now();
    let last: Exchange | undefined;
    const gone = await waitUntil(
      async () => {
        last = await this.init.target.send(
          renderCall(getPoolSpec(pool.id, pool.owner)),
          this.credential(pool.owner),
        );
        this.conform(last);
        if (verdictOf(last) === "not_found") return true;
        const seen = poolOf(last);
        if (seen && !ON_THE_WAY_OUT.includes(seen.status.phase)) {
          throw new CaseFailure(
            CHECKS.staysDeleting,
            "DELETING or DELETED until GetWarmPool answers not_found",
            `${pool.alias} ${shortPhase(seen.status.phase)} after it was deleted`,
            last,
          );
        }
        return undefined;
      },
      this.init.tracker.remainingWait(pool.id),
      WAIT_PACE,
    );
    if (last) record.replay.push({ request: last.request, untilGone: true });
    if (!gone) {
      const phase = shortPhase(poolOf(last as Exchange)?.status.phase);
      record.target.push(`${pool.alias} still ${phase} after ${Date.now() - started} ms`);
      record.model.push(`${pool.alias} gone`);
      throw new CaseFailure(
        CHECKS.disappears,
        `not_found within --wait-timeout of DeleteWarmPool`,
        `${pool.alias} still present, ${phase}, ${Date.now() - started} ms into the wait`,
        last,
      );
    }
    this.finish(pool);
    record.target.push(`${pool.alias} gone after ${Date.now() - started} ms`);
    record.model.push(`${pool.alias} gone (the model ends its deletion)`);
  }

  // --- calls and comparisons ----------------------------------------------------------------

  private async callTarget(spec: CallSpec, record: StepRecord): Promise<Exchange> {
    let exchange: Exchange;
    try {
      exchange = await this.init.target.send(
        renderCall(spec),
        credentialFor(spec.caller, this.init.own, this.init.foreign),
      );
    } catch (error) {
      if (error instanceof TransportError) {
        record.replay.push({ request: error.request });
        record.target.push(`no answer: ${error.message}`);
      }
      throw error;
    }
    record.replay.push({ request: exchange.request });
    record.target.push(this.summarize(exchange));
    if (exchange.rpc === "CreateWarmPool" && exchange.status === 200)
      this.pools.noteCreated(exchange);
    const verdict = verdictOf(exchange);
    this.coverage.rpcs[spec.rpc] = (this.coverage.rpcs[spec.rpc] ?? 0) + 1;
    this.coverage.wires[spec.wire] = (this.coverage.wires[spec.wire] ?? 0) + 1;
    this.coverage.verdicts.add(`${spec.rpc} ${verdict}`);
    // A bare HTTP error (404, 405, 415) has no body to judge; its status is the verdict.
    if (exchange.status === 200 || exchange.text !== "") this.conform(exchange);
    return exchange;
  }

  private async callModel(spec: CallSpec, record: StepRecord, again = false): Promise<Exchange> {
    let exchange: Exchange;
    try {
      exchange = await this.init.model.send(
        renderCall(spec),
        credentialFor(spec.caller, this.init.own, this.init.foreign),
      );
    } catch (error) {
      // Not the target's fault: reported as the explorer's own failure.
      throw new Error(`the reference model did not answer: ${(error as Error).message}`);
    }
    const summary = this.summarize(exchange);
    if (again) record.model.push(`asked again once the pool was gone: ${summary}`);
    else record.model.push(summary);
    return exchange;
  }

  private conform(exchange: Exchange) {
    for (const warning of checkConformance(exchange, this.init.validator, this.init.strict)) {
      if (!this.warnings.includes(warning)) this.warnings.push(warning);
    }
  }

  private expectSameVerdict(target: Exchange, model: Exchange) {
    expectSameVerdict(target, model, this.naming.nameIds);
  }

  // Both answers carry the same pool: the target's must agree with the model's.
  private async expectSamePools(target: Exchange, model: Exchange) {
    const targetPool = poolOf(target);
    const modelPool = poolOf(model);
    if (!targetPool || !modelPool) return;
    await this.expectSamePool(targetPool, modelPool, this.pools.get(targetPool.id), target);
  }

  private async expectSamePool(
    targetPool: WarmPool,
    modelPool: WarmPool,
    known: KnownPool | undefined,
    exchange: Exchange,
  ) {
    const differences = comparePools(targetPool, modelPool, this.bindings);
    this.failOn(differences, CHECKS.pool, exchange);
    if (known) {
      const history = checkHistory(targetPool, known.history, this.init.runStartedAt);
      this.failOn(history, CHECKS.history, exchange);
    }
  }

  private failOn(differences: FieldDifference[], check: string, exchange: Exchange) {
    if (differences.length === 0) return;
    const { expected, actual } = describeDifferences(differences);
    throw new CaseFailure(check, this.nameIds(expected), this.nameIds(actual), exchange);
  }

  // The target answered as if `pool` were gone: GetWarmPool must agree before the model's
  // deletion ends.
  private async confirmGone(pool: KnownPool, record: StepRecord, because: string) {
    const probe = await this.init.target.send(
      renderCall(getPoolSpec(pool.id, pool.owner)),
      this.credential(pool.owner),
    );
    record.replay.push({ request: probe.request });
    this.conform(probe);
    const verdict = verdictOf(probe);
    record.target.push(
      `GetWarmPool ${pool.alias} (is it gone, after ${because}?): ${this.summarize(probe)}`,
    );
    if (verdict !== "not_found") {
      throw new CaseFailure(
        CHECKS.gone,
        `not_found for ${pool.alias}: ${because} treats the deleted pool as gone`,
        this.summarize(probe),
        probe,
      );
    }
    this.finish(pool);
  }

  private async probeGone(pool: KnownPool): Promise<true | undefined> {
    try {
      const answer = await this.init.housekeeping.rpc(
        "GetWarmPool",
        { warmPoolId: pool.id },
        { as: this.credential(pool.owner) },
      );
      return answer.status === 404 || verdictOf(answer) === "not_found" ? true : undefined;
    } catch {
      return undefined;
    }
  }

  private finish(pool: KnownPool) {
    if (pool.model === "deleting" || pool.model === "live")
      this.init.reference.finishDeletion(pool.id);
    pool.model = "gone";
    this.init.tracker.markGone(pool.id);
  }

  private remember(pool: WarmPool, caller: Caller, model: ModelState): KnownPool {
    return this.pools.remember(pool, caller, model);
  }

  private classId(choice: ClassChoice): string {
    // Any pool the run knows still there takes its class: one an earlier sequence left
    // draining (or stuck) too.
    return this.fixtureIds.environmentClass(choice, (classId) =>
      this.pools
        .all()
        .some(
          (p) =>
            p.model !== "gone" &&
            sameId(p.pair.projectId, this.init.fixtures.projectId) &&
            sameId(p.pair.environmentClassId, classId),
        ),
    );
  }

  private credential(owner: Caller): Credential | null {
    return credentialFor(owner, this.init.own, this.init.foreign);
  }
}

function samePair(a: PoolPair, b: PoolPair): boolean {
  return sameId(a.projectId, b.projectId) && sameId(a.environmentClassId, b.environmentClassId);
}

function toFailure(error: unknown): FailureDetail {
  if (error instanceof CaseFailure) return error.detail;
  if (error instanceof TransportError) {
    return {
      check: CHECKS.transport,
      expected: "an HTTP answer",
      actual: error.message,
      curl: renderCurl(error.request),
    };
  }
  return {
    check: CHECKS.explorer,
    expected: "no error",
    actual: String((error as Error)?.stack ?? error),
  };
}
