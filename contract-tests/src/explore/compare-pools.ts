import { sameId } from "../same-id.js";
import type { WarmPool } from "../wire-types.js";

const DELETING = "WARM_POOL_PHASE_DELETING";
// Clocks of a CI machine and a target differ a little; a timestamp further off is not sane.
const CLOCK_SKEW_MS = 10 * 60 * 1000;

/** One field on which a target's pool and the model's differ. */
export interface FieldDifference {
  field: string;
  model: string;
  target: string;
}

/**
 * The phases a target may show where the model shows `model`: the target's infrastructure
 * decides when a pool is ready and when a deleted one is gone, so a live pool may be PENDING
 * or READY and a deleted one DELETING or DELETED (or gone) whatever the model's own phase.
 */
export function allowedPhases(model: WarmPool): readonly string[] {
  return model.spec.desiredPhase === DELETING
    ? [DELETING, "WARM_POOL_PHASE_DELETED"]
    : ["WARM_POOL_PHASE_PENDING", "WARM_POOL_PHASE_READY"];
}

/**
 * Values only the target knows, its organization and runner IDs, bound to the model's at
 * their first sight: later answers must give the same value for the same organization (and
 * another one for another organization) and the same runner for the same class.
 */
export class TargetBindings {
  private readonly organizations = new Map<string, string>();
  private readonly runners = new Map<string, string>();

  /** Checks (and, the first time, binds) the target's ID for a model organization. */
  organization(modelOrganization: string, target: string): string | undefined {
    const bound = this.organizations.get(modelOrganization);
    if (bound !== undefined) {
      return sameId(bound, target) ? undefined : `${bound} (the organization earlier answers gave)`;
    }
    for (const [other, value] of this.organizations) {
      if (other !== modelOrganization && sameId(value, target))
        return `not ${value}: that is the other token's organization`;
    }
    this.organizations.set(modelOrganization, target);
    return undefined;
  }

  /** The target's ID for a model organization, once an answer has shown it. */
  organizationOf(modelOrganization: string): string | undefined {
    return this.organizations.get(modelOrganization);
  }

  /** Checks (and, the first time, binds) the target's runner of a class. */
  runner(classId: string, target: string): string | undefined {
    const key = classId.toLowerCase();
    const bound = this.runners.get(key);
    if (bound === undefined) {
      this.runners.set(key, target);
      return undefined;
    }
    return sameId(bound, target) ? undefined : `${bound} (the class's runner in earlier answers)`;
  }
}

/**
 * The fields the contract fixes on which the target's pool differs from the model's: identity,
 * organization and runner (through the bindings), sizes, the spec version and desired phase,
 * and a phase the model allows; plus the autoscaler's target within the pool's bounds.
 */
export function comparePools(
  target: WarmPool,
  model: WarmPool,
  bindings: TargetBindings,
): FieldDifference[] {
  const differences: FieldDifference[] = [];
  const differ = (field: string, modelValue: unknown, targetValue: unknown) =>
    differences.push({ field, model: String(modelValue), target: String(targetValue) });
  const ids = [
    ["id", model.id, target.id],
    ["metadata.projectId", model.metadata.projectId, target.metadata.projectId],
    [
      "metadata.environmentClassId",
      model.metadata.environmentClassId,
      target.metadata.environmentClassId,
    ],
  ] as const;
  for (const [field, m, t] of ids) if (!sameId(String(m), String(t ?? ""))) differ(field, m, t);
  const organization = bindings.organization(
    model.metadata.organizationId,
    String(target.metadata.organizationId),
  );
  if (organization) differ("metadata.organizationId", organization, target.metadata.organizationId);
  const runner = bindings.runner(
    model.metadata.environmentClassId,
    String(target.metadata.runnerId),
  );
  if (runner) differ("metadata.runnerId", runner, target.metadata.runnerId);

  const sizes = ["minSize", "maxSize", "desiredSize"] as const;
  for (const field of sizes) {
    const m = model.spec[field] ?? 0;
    const t = target.spec[field] ?? 0;
    if (m !== t) differ(`spec.${field}`, m, t);
  }
  if (String(model.spec.specVersion) !== String(target.spec.specVersion))
    differ("spec.specVersion", model.spec.specVersion, target.spec.specVersion);
  if (model.spec.desiredPhase !== target.spec.desiredPhase)
    differ("spec.desiredPhase", model.spec.desiredPhase, target.spec.desiredPhase);
  const phases = allowedPhases(model);
  if (!phases.includes(target.status.phase))
    differ("status.phase", phases.join(" or "), target.status.phase);
  if (target.spec.desiredPhase !== DELETING) {
    const autoscaled = target.status.desiredSize ?? 0;
    const { minSize = 0, maxSize = 0 } = target.spec;
    if (autoscaled < minSize || autoscaled > maxSize)
      differ("status.desiredSize", `within [${minSize}, ${maxSize}]`, autoscaled);
  }
  return differences;
}

/** What the target has shown of one pool so far, to hold its later answers to. */
export interface PoolHistory {
  createdAt?: string;
  updatedAt?: string;
  statusVersion?: bigint;
}

/**
 * Checks a pool the run created against what the target showed of it before: createdAt is the
 * time of the run and never changes, updatedAt and statusVersion never go back. Updates the
 * history; returns the differences.
 */
export function checkHistory(
  pool: WarmPool,
  history: PoolHistory,
  runStartedAt: number,
  now = Date.now(),
): FieldDifference[] {
  const differences: FieldDifference[] = [];
  const { createdAt, updatedAt } = pool.metadata;
  const created = Date.parse(createdAt);
  if (history.createdAt === undefined) {
    if (
      Number.isNaN(created) ||
      created < runStartedAt - CLOCK_SKEW_MS ||
      created > now + CLOCK_SKEW_MS
    ) {
      differences.push({
        field: "metadata.createdAt",
        model: "the time of the run, within 10 minutes",
        target: createdAt,
      });
    }
  } else if (history.createdAt !== createdAt) {
    differences.push({
      field: "metadata.createdAt",
      model: `${history.createdAt}, as before`,
      target: createdAt,
    });
  }
  const updated = Date.parse(updatedAt);
  const floor = Math.max(created, Date.parse(history.updatedAt ?? "") || 0);
  if (Number.isNaN(updated) || updated < floor) {
    differences.push({
      field: "metadata.updatedAt",
      model: `no earlier than ${history.updatedAt ?? createdAt}`,
      target: updatedAt,
    });
  }
  let version: bigint | undefined;
  try {
    version = BigInt(pool.status.statusVersion);
  } catch {
    version = undefined;
  }
  if (
    version === undefined ||
    (history.statusVersion !== undefined && version < history.statusVersion)
  ) {
    differences.push({
      field: "status.statusVersion",
      model: `at least ${history.statusVersion ?? 1n}`,
      target: String(pool.status.statusVersion),
    });
  }
  history.createdAt ??= createdAt;
  if (!Number.isNaN(updated) && updated >= floor) history.updatedAt = updatedAt;
  if (
    version !== undefined &&
    (history.statusVersion === undefined || version > history.statusVersion)
  )
    history.statusVersion = version;
  return differences;
}

/** Renders differences as the expected and actual lines of a failure. */
export function describeDifferences(differences: readonly FieldDifference[]): {
  expected: string;
  actual: string;
} {
  return {
    expected: differences.map((d) => `${d.field} ${d.model}`).join("; "),
    actual: differences.map((d) => `${d.field} ${d.target}`).join("; "),
  };
}
