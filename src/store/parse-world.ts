import type { Ajv2020 } from "ajv/dist/2020.js";
import { loadAjv2020 } from "../contract/create-ajv.js";
import { isUuid } from "../contract/formats.js";
import type { WorldData } from "./world.js";
import { WORLD_SCHEMA } from "./world-schema.js";

let validateShape: ReturnType<Ajv2020["compile"]> | undefined;

/**
 * Checks that a value is a coherent world (shape, then references between records) and
 * returns it typed; throws an Error naming the first problems and where they are.
 */
export function parseWorld(
  value: unknown,
  source: string,
  { checkShape = true }: { checkShape?: boolean } = {},
): WorldData {
  if (checkShape) assertShape(value, source);
  const world = value as WorldData;
  const problems = findBrokenReferences(world);
  if (problems.length > 0) {
    throw new Error(`${source} is not a coherent world:\n  ${problems.slice(0, 5).join("\n  ")}`);
  }
  return world;
}

function assertShape(value: unknown, source: string): void {
  if (!validateShape) {
    // WORLD_SCHEMA is fixed code checked against the meta-schema by a test; checking it here
    // would compile the meta-schema on every start that loads a world file.
    const ajv = new (loadAjv2020())({
      strict: true,
      allErrors: true,
      validateSchema: false,
      meta: false,
    });
    ajv.addFormat("uuid", { type: "string", validate: isUuid });
    validateShape = ajv.compile(WORLD_SCHEMA);
  }
  if (!validateShape(value)) {
    const problems = (validateShape.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || "/"} ${e.message}`);
    throw new Error(`${source} is not a valid world:\n  ${problems.join("\n  ")}`);
  }
}

function findBrokenReferences(w: WorldData): string[] {
  const problems: string[] = [];
  const ids = (items: { id: string }[]) => new Set(items.map((i) => i.id));
  const orgs = ids(w.organizations);
  const runners = ids(w.runners);
  const classes = ids(w.environmentClasses);
  const projects = ids(w.projects);
  const need = (set: Set<string>, id: string, what: string, where: string) => {
    if (!set.has(id)) problems.push(`${where}: unknown ${what} ${id}`);
  };
  for (const [name, items] of Object.entries({
    organizations: w.organizations,
    runners: w.runners,
    environmentClasses: w.environmentClasses,
    projects: w.projects,
    prebuilds: w.prebuilds,
    warmPools: w.warmPools,
  })) {
    const seen = new Set<string>();
    for (const item of items) {
      if (item.id !== item.id.toLowerCase() || !isUuid(item.id))
        problems.push(`${name}: id ${item.id} must be a lower-case UUID`);
      if (seen.has(item.id)) problems.push(`${name}: duplicate id ${item.id}`);
      seen.add(item.id);
    }
  }
  const tokens = new Set<string>();
  for (const p of w.principals) {
    need(orgs, p.organizationId, "organization", `principal ${p.token}`);
    if (tokens.has(p.token)) problems.push(`principals: duplicate token ${p.token}`);
    tokens.add(p.token);
  }
  if (!tokens.has(w.defaultToken))
    problems.push(`defaultToken ${w.defaultToken} names no principal`);
  for (const r of w.runners) need(orgs, r.organizationId, "organization", `runner ${r.id}`);
  for (const c of w.environmentClasses)
    need(runners, c.runnerId, "runner", `environment class ${c.id}`);
  for (const p of w.projects) {
    need(orgs, p.organizationId, "organization", `project ${p.id}`);
    for (const c of p.prebuildConfiguration.environmentClassIds)
      need(classes, c, "environment class", `project ${p.id}`);
  }
  for (const p of w.prebuilds) {
    need(projects, p.projectId, "project", `prebuild ${p.id}`);
    need(classes, p.environmentClassId, "environment class", `prebuild ${p.id}`);
  }
  const pairs = new Set<string>();
  const seqs = new Set<string>();
  for (const pool of w.warmPools) {
    const where = `warm pool ${pool.id}`;
    need(orgs, pool.organizationId, "organization", where);
    need(projects, pool.projectId, "project", where);
    need(classes, pool.environmentClassId, "environment class", where);
    need(runners, pool.runnerId, "runner", where);
    const pair = `${pool.projectId}/${pool.environmentClassId}`;
    if (pairs.has(pair)) problems.push(`${where}: a second pool for project/class ${pair}`);
    pairs.add(pair);
    // seq orders an organization's pools; other organizations count their own.
    const seq = `${pool.organizationId}/${pool.seq}`;
    if (seqs.has(seq)) problems.push(`${where}: duplicate seq ${pool.seq} in its organization`);
    seqs.add(seq);
    if (pool.spec.minSize > pool.spec.maxSize) problems.push(`${where}: minSize > maxSize`);
  }
  return problems;
}
