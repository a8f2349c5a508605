import { ConnectError } from "../../errors/connect-error.js";
import type { RecordPage } from "../../generated/admin-types.js";
import { RECORD_KINDS, type RecordKind } from "../../store/change-log.js";
import { copyWithoutUndefined } from "../../store/copy-record.js";
import type { WorldStore } from "../../store/world-store.js";

/** Records per page unless the reader asks for fewer or more. */
export const DEFAULT_RECORDS_PER_PAGE = 1000;
/** The most records one page may hold: one answer stays a few milliseconds of work. */
export const MAX_RECORDS_PER_PAGE = 5000;
/** Cursors kept at once (the newest), and how long one is kept after its last use. */
export const MAX_CURSORS = 16;
export const CURSOR_TTL_MS = 60_000;

/** What a reader asks for: GET /_admin/records's query. */
export interface RecordQuery {
  since?: number;
  limit?: number;
  cursor?: string;
}

// One record to send: its kind and ID, and whether it is gone (a removal to tell of).
type Item = readonly [kind: RecordKind, id: string, removed: boolean];

interface Cursor {
  items: Item[];
  next: number;
  revision: number;
  reload: boolean;
  // Projects already sent in this read: a page of pools brings the projects they name first.
  sentProjects: Set<string>;
  usedAt: number;
}

type Lists = Omit<
  RecordPage,
  "instance" | "revision" | "reload" | "defaultToken" | "removed" | "cursor"
>;

/**
 * Reads the world in pages (GET /_admin/records): everything, or what the store's change log
 * says changed after a revision. The list of what to send is fixed when the first page is read
 * and kept under a cursor; each page then reads those records as they are, so a page costs
 * time in proportion to its size, not to the world's.
 */
export class RecordReader {
  private readonly cursors = new Map<string, Cursor>();
  private counter = 0;

  constructor(
    private readonly store: WorldStore,
    private readonly instance: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  read(query: RecordQuery): RecordPage {
    const limit = query.limit ?? DEFAULT_RECORDS_PER_PAGE;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_RECORDS_PER_PAGE) {
      throw new ConnectError(
        "invalid_argument",
        `limit must be an integer from 1 to ${MAX_RECORDS_PER_PAGE}`,
      );
    }
    this.dropStale();
    let id = query.cursor;
    let cursor: Cursor;
    if (id !== undefined) {
      const found = this.cursors.get(id);
      if (!found) {
        throw new ConnectError(
          "failed_precondition",
          "this cursor is no longer kept (each is kept for a minute, the 16 newest): read again from the first page",
        );
      }
      cursor = found;
    } else {
      const since = query.since ?? 0;
      if (!Number.isSafeInteger(since) || since < 0) {
        throw new ConnectError("invalid_argument", "since must be a revision, an integer from 0");
      }
      cursor = this.open(since);
      id = `c${++this.counter}`;
    }
    this.cursors.delete(id);
    const page = this.page(cursor, limit);
    if (cursor.next < cursor.items.length) {
      cursor.usedAt = this.now();
      this.cursors.set(id, cursor);
      while (this.cursors.size > MAX_CURSORS) {
        this.cursors.delete(this.cursors.keys().next().value as string);
      }
      page.cursor = id;
    }
    return page;
  }

  private open(since: number): Cursor {
    const { store } = this;
    const revision = store.changes.revision;
    const logged = since > 0 ? store.changes.since(since) : undefined;
    const items: Item[] = [];
    if (logged) {
      for (const kind of READ_ORDER) {
        for (const id of logged.changed.get(kind)?.keys() ?? []) items.push([kind, id, false]);
        for (const id of logged.removed.get(kind)?.keys() ?? []) items.push([kind, id, true]);
      }
    } else {
      for (const kind of READ_ORDER) {
        for (const id of idsOf(store, kind)) items.push([kind, id, false]);
      }
    }
    return {
      items,
      next: 0,
      revision,
      reload: !logged,
      sentProjects: new Set(),
      usedAt: this.now(),
    };
  }

  private page(cursor: Cursor, limit: number): RecordPage {
    const { store } = this;
    const page: RecordPage = {
      instance: this.instance,
      revision: cursor.revision,
      reload: cursor.reload,
    };
    if (cursor.reload && cursor.next === 0) page.defaultToken = store.defaultToken;
    const lists: Lists = {};
    const removed: NonNullable<RecordPage["removed"]> = {};
    let count = 0;
    const add = <K extends keyof Lists>(kind: K, record: unknown) => {
      const list = (lists[kind] ?? []) as unknown[];
      list.push(copyWithoutUndefined(record));
      (lists as Record<string, unknown[]>)[kind] = list;
      count++;
    };
    while (count < limit && cursor.next < cursor.items.length) {
      const [kind, id, gone] = cursor.items[cursor.next++] as Item;
      if (gone) {
        if (kind !== "organizations" && kind !== "principals") {
          const ids = removed[kind] ?? [];
          ids.push(id);
          removed[kind] = ids;
        }
        count++;
        continue;
      }
      if (kind === "projects" && cursor.sentProjects.has(id)) continue;
      const record = recordOf(store, kind, id);
      // Gone since the read began: its removal comes with the next read since this revision.
      if (!record) continue;
      if (kind === "warmPools" && cursor.reload) {
        const projectId = (record as { projectId: string }).projectId;
        const project = store.projects.get(projectId);
        if (project && !cursor.sentProjects.has(projectId)) {
          cursor.sentProjects.add(projectId);
          add("projects", project);
        }
      }
      if (kind === "projects") cursor.sentProjects.add(id);
      add(kind, record);
    }
    Object.assign(page, lists);
    if (Object.keys(removed).length > 0) page.removed = removed;
    return page;
  }

  private dropStale(): void {
    const oldest = this.now() - CURSOR_TTL_MS;
    for (const [id, cursor] of this.cursors) {
      if (cursor.usedAt < oldest) this.cursors.delete(id);
    }
  }
}

// A table of pools needs the small lists first, then the pools (each page with the projects it
// names); the other projects and the prebuilds come last.
const READ_ORDER: readonly RecordKind[] = [
  "organizations",
  "principals",
  "runners",
  "environmentClasses",
  "warmPools",
  "projects",
  "prebuilds",
];
if (READ_ORDER.length !== RECORD_KINDS.length) throw new Error("READ_ORDER misses a kind");

function idsOf(store: WorldStore, kind: RecordKind): Iterable<string> {
  switch (kind) {
    case "organizations":
      return store.organizations.keys();
    case "principals":
      return store.principals.keys();
    case "warmPools":
      return [...store.organizations.keys()].flatMap((org) =>
        store.poolsOfOrganization(org).map((pool) => pool.id),
      );
    default:
      return store[kind].keys();
  }
}

function recordOf(store: WorldStore, kind: RecordKind, id: string): object | undefined {
  return kind === "warmPools" ? store.getPool(id) : store[kind].get(id);
}
