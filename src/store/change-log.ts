/** The kinds of record a world holds, named as the world file names its lists. */
export type RecordKind =
  | "organizations"
  | "principals"
  | "runners"
  | "environmentClasses"
  | "projects"
  | "prebuilds"
  | "warmPools";

/** Every kind, in the order a world file lists them (what refers to what comes after it). */
export const RECORD_KINDS: readonly RecordKind[] = [
  "organizations",
  "principals",
  "runners",
  "environmentClasses",
  "projects",
  "prebuilds",
  "warmPools",
];

/** Per kind, record ID → the revision of its last change (or of its removal). */
export type RevisionsByKind = Map<RecordKind, Map<string, number>>;

/** What changed after a revision: records created or changed, and records removed. */
export interface LoggedChanges {
  changed: RevisionsByKind;
  removed: RevisionsByKind;
}

/**
 * Removals remembered for readers that catch up with `since`; past this many the oldest are
 * forgotten and a reader from before them is told to read everything again. Creations and
 * changes cost nothing extra: they are one revision per record, whatever happens to it.
 */
export const MAX_REMEMBERED_REMOVALS = 100_000;

/**
 * Which records of the world changed, and when, counted in revisions: every change takes the
 * next revision. The store's mutators (and the domain's edits in place, through the store)
 * report here, and only real changes are reported, so a reader can ask what changed after the
 * revision it last read (`since`) and get exactly that. Replacing the whole world is one
 * change of everything: readers from before it start over.
 */
export class ChangeLog {
  private current = 0;
  private replacedRevision = 0;
  private forgottenBefore = 0;
  private readonly revisions: RevisionsByKind = new Map();
  private readonly removals: RevisionsByKind = new Map();
  private removalCount = 0;
  private muted = false;

  /** The revision of the latest change. */
  get revision(): number {
    return this.current;
  }

  /** The revision at which the world was last replaced whole. */
  get replacedAt(): number {
    return this.replacedRevision;
  }

  /** Records that the record of this kind and ID was created or changed. */
  changed(kind: RecordKind, id: string): void {
    if (this.muted) return;
    const revision = ++this.current;
    mapOf(this.revisions, kind).set(id, revision);
    if (this.removals.get(kind)?.delete(id)) this.removalCount--;
  }

  /** Records that the record of this kind and ID is gone. */
  removed(kind: RecordKind, id: string): void {
    if (this.muted) return;
    const revision = ++this.current;
    this.revisions.get(kind)?.delete(id);
    const removals = mapOf(this.removals, kind);
    if (!removals.has(id)) this.removalCount++;
    removals.set(id, revision);
    if (this.removalCount > MAX_REMEMBERED_REMOVALS) {
      this.removals.clear();
      this.removalCount = 0;
      this.forgottenBefore = revision;
    }
  }

  /** Records that every record was replaced; what was logged before no longer says anything. */
  replaced(): void {
    this.replacedRevision = ++this.current;
    this.revisions.clear();
    this.removals.clear();
    this.removalCount = 0;
  }

  /** Runs `act` without logging: for the store's own rebuilds, which `replaced` sums up. */
  quietly(act: () => void): void {
    const was = this.muted;
    this.muted = true;
    try {
      act();
    } finally {
      this.muted = was;
    }
  }

  /** The revision of a record's last change (that of the last replacement if it has none since). */
  revisionOf(kind: RecordKind, id: string): number {
    return this.revisions.get(kind)?.get(id) ?? this.replacedRevision;
  }

  /**
   * What changed after revision `since`: undefined when the log cannot say, because the world
   * was replaced after it or removals from then were forgotten (read everything again).
   */
  since(since: number): LoggedChanges | undefined {
    if (since < this.replacedRevision || since < this.forgottenBefore || since > this.current) {
      return undefined;
    }
    return { changed: after(this.revisions, since), removed: after(this.removals, since) };
  }
}

function mapOf(byKind: RevisionsByKind, kind: RecordKind): Map<string, number> {
  let map = byKind.get(kind);
  if (!map) {
    map = new Map();
    byKind.set(kind, map);
  }
  return map;
}

function after(byKind: RevisionsByKind, since: number): RevisionsByKind {
  const found: RevisionsByKind = new Map();
  for (const [kind, revisions] of byKind) {
    for (const [id, revision] of revisions) {
      if (revision > since) mapOf(found, kind).set(id, revision);
    }
  }
  return found;
}
