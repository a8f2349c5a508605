import type { CreateWarmPoolRequest, WarmPoolIdRequest } from "../../src/domain/requests.js";
import type { Principal, WarmPool } from "../../src/store/world.js";
import type { WorldStore } from "../../src/store/world-store.js";

/**
 * What a valid request may still be refused with as invalid_argument: the rules JSON Schema
 * and buf.validate field rules cannot state (min <= max across fields, a page token's content).
 */
export const CROSS_FIELD_RULES = /\[max_size_gte_min_size\]|^invalid page token /m;

/**
 * The code the API's business rules (docs/contract: warm-pools.md §3) prescribe for a valid
 * request, judged on the world just before the request is handled. An independent oracle:
 * it restates the rules instead of calling the domain code it checks. Crossing sizes
 * (min > max) are left out: they are `invalid_argument` whatever the world holds.
 */
export function expectedBusinessCode(
  method: string,
  request: Record<string, unknown>,
  principal: Principal,
  store: WorldStore,
): string {
  const visible = (id: string): WarmPool | undefined => {
    const pool = store.getPool(id.toLowerCase());
    return pool?.organizationId === principal.organizationId ? pool : undefined;
  };
  switch (method) {
    case "CreateWarmPool": {
      const { projectId, environmentClassId } = request as unknown as CreateWarmPoolRequest;
      const project = store.projects.get(projectId.toLowerCase());
      if (project?.organizationId !== principal.organizationId) return "not_found";
      const config = project.prebuildConfiguration;
      if (!config.enabled) return "failed_precondition";
      const classId = environmentClassId.toLowerCase();
      if (!config.environmentClassIds.some((id) => id.toLowerCase() === classId)) {
        return "failed_precondition";
      }
      const environmentClass = store.environmentClasses.get(classId);
      const runner = environmentClass && store.runners.get(environmentClass.runnerId);
      if (runner?.organizationId !== principal.organizationId) return "not_found";
      if (store.findPoolByPair(project.id, classId)) return "already_exists";
      return "ok";
    }
    case "GetWarmPool":
    case "DeleteWarmPool":
      return visible((request as unknown as WarmPoolIdRequest).warmPoolId) ? "ok" : "not_found";
    case "UpdateWarmPool": {
      const pool = visible((request as unknown as WarmPoolIdRequest).warmPoolId);
      if (!pool) return "not_found";
      return pool.spec.desiredPhase === "WARM_POOL_PHASE_DELETING" ? "failed_precondition" : "ok";
    }
    case "ListWarmPools":
      return "ok";
    default:
      throw new Error(`no business rules known for ${method}`);
  }
}
