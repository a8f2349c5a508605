import type {
  EnvironmentClass,
  Organization,
  Prebuild,
  Principal,
  Project,
  RecordPage,
  Runner,
  WarmPoolRecord,
} from "../../src/generated/admin-types.js";

/** A warm pool as the page holds it (world-file format, with its creation order). */
export type Pool = WarmPoolRecord;

/** The kinds of record the page holds, as GET /_admin/records names them. */
export type Kind =
  | "organizations"
  | "principals"
  | "runners"
  | "environmentClasses"
  | "projects"
  | "prebuilds"
  | "warmPools";

const KINDS: readonly Kind[] = [
  "organizations",
  "principals",
  "runners",
  "environmentClasses",
  "projects",
  "prebuilds",
  "warmPools",
];

/**
 * The page's copy of the world: every record by ID, filled from GET /_admin/records and kept
 * current by applying what changed (never read whole again while the mock is the same one and
 * can say what changed). `versions` move per kind, so views recompute only what depends on a
 * kind that changed.
 */
export class WorldModel {
  instance = "";
  /** The world's revision this copy is at; -1 before the first complete read. */
  revision = -1;
  defaultToken = "";
  readonly organizations = new Map<string, Organization>();
  /** By token. */
  readonly principals = new Map<string, Principal>();
  readonly runners = new Map<string, Runner>();
  readonly environmentClasses = new Map<string, EnvironmentClass>();
  readonly projects = new Map<string, Project>();
  readonly prebuilds = new Map<string, Prebuild>();
  readonly warmPools = new Map<string, Pool>();
  readonly versions: Record<Kind, number> = {
    organizations: 0,
    principals: 0,
    runners: 0,
    environmentClasses: 0,
    projects: 0,
    prebuilds: 0,
    warmPools: 0,
  };

  /** Applies one page; `replace` drops everything held first (the first page of a reload). */
  apply(page: RecordPage, replace: boolean): void {
    if (replace) {
      for (const kind of KINDS) {
        this[kind].clear();
        this.versions[kind]++;
      }
    }
    this.instance = page.instance;
    if (page.defaultToken !== undefined) this.defaultToken = page.defaultToken;
    for (const kind of KINDS) {
      const records = page[kind] as ({ id: string } | Principal)[] | undefined;
      if (!records?.length) continue;
      const map = this[kind] as Map<string, unknown>;
      for (const record of records) map.set("token" in record ? record.token : record.id, record);
      this.versions[kind]++;
    }
    for (const [kind, ids] of Object.entries(page.removed ?? {}) as [Kind, string[]][]) {
      for (const id of ids) this[kind].delete(id);
      this.versions[kind]++;
    }
  }

  /** The principal RPCs are sent as for an organization: the chosen one, else its first. */
  principalsOf(organizationId: string): Principal[] {
    const own = [...this.principals.values()].filter((p) => p.organizationId === organizationId);
    if (own.length > 0) return own;
    const fallback = this.principals.get(this.defaultToken);
    return fallback ? [fallback] : [];
  }
}
