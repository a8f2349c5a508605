import { byName } from "./format.js";
import type { Sort } from "./virtual-table.js";
import type { Pool, WorldModel } from "./world-model.js";

/** What the pool table is narrowed to; empty strings mean "any". */
export interface PoolFilters {
  text: string;
  organization: string;
  project: string;
  environmentClass: string;
  phase: string;
}

export const NO_FILTERS: PoolFilters = {
  text: "",
  organization: "",
  project: "",
  environmentClass: "",
  phase: "",
};

/** The pools a table shows, and how many of those the other filters leave in each phase. */
export interface FilteredPools {
  rows: Pool[];
  /** Per phase, among the pools every filter but the phase leaves. */
  phases: Map<string, number>;
  /** How many the filters other than the phase leave. */
  matching: number;
}

/**
 * Filters and sorts the held pools: by organization, project, class, phase and a text that is
 * part of the pool's ID or its project's name (case ignored). Sorted by a column, or in
 * creation order (organization, then the order ListWarmPools gives).
 */
export function filterPools(model: WorldModel, filters: PoolFilters, sort: Sort): FilteredPools {
  const text = filters.text.trim().toLowerCase();
  const projectNames = new Map<string, string>();
  for (const p of model.projects.values()) projectNames.set(p.id, p.name.toLowerCase());
  const phases = new Map<string, number>();
  const rows: Pool[] = [];
  let matching = 0;
  for (const pool of model.warmPools.values()) {
    if (filters.organization && pool.organizationId !== filters.organization) continue;
    if (filters.project && pool.projectId !== filters.project) continue;
    if (filters.environmentClass && pool.environmentClassId !== filters.environmentClass) continue;
    if (
      text &&
      !pool.id.includes(text) &&
      !(projectNames.get(pool.projectId) ?? "").includes(text)
    ) {
      continue;
    }
    matching++;
    const phase = pool.status.phase;
    phases.set(phase, (phases.get(phase) ?? 0) + 1);
    if (!filters.phase || phase === filters.phase) rows.push(pool);
  }
  rows.sort(comparePools(model, sort));
  return { rows, phases, matching };
}

function comparePools(model: WorldModel, sort: Sort): (a: Pool, b: Pool) => number {
  const orgOrder = new Map([...model.organizations.keys()].map((id, i) => [id, i]));
  const created = (a: Pool, b: Pool) =>
    (orgOrder.get(a.organizationId) ?? 0) - (orgOrder.get(b.organizationId) ?? 0) ||
    (a.seq ?? 0) - (b.seq ?? 0);
  const nameOf = (map: Map<string, { name?: string; displayName?: string }>, id: string) => {
    const record = map.get(id);
    return record?.name ?? record?.displayName ?? id;
  };
  const by: Record<string, (a: Pool, b: Pool) => number> = {
    id: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    project: (a, b) =>
      byName(nameOf(model.projects, a.projectId), nameOf(model.projects, b.projectId)),
    class: (a, b) =>
      byName(
        nameOf(model.environmentClasses, a.environmentClassId),
        nameOf(model.environmentClasses, b.environmentClassId),
      ),
    phase: (a, b) => byName(a.status.phase, b.status.phase),
    instances: (a, b) => a.status.runningInstances - b.status.runningInstances,
    sizes: (a, b) => a.spec.maxSize - b.spec.maxSize || a.spec.minSize - b.spec.minSize,
    updated: (a, b) => a.updatedAt - b.updatedAt,
  };
  const compare = by[sort.key] ?? created;
  const sign = sort.descending ? -1 : 1;
  return (a, b) => sign * compare(a, b) || created(a, b);
}
