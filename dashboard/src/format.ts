// Small display helpers shared by the panels.

/** A phase enum as people read it: WARM_POOL_PHASE_READY → READY. */
export function shortPhase(phase: string): string {
  return phase.replace(/^(WARM_POOL|PREBUILD)_PHASE_/, "");
}

/** The CSS class that colours a phase (the text is always shown too). */
export function phaseClass(phase: string): string {
  return `phase phase-${shortPhase(phase).toLowerCase()}`;
}

/** Epoch milliseconds as an RFC 3339 instant without the milliseconds. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A count with thousands separated, as people read it. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** The link to a record's details (the side panel reads it from the address). */
export function detailsHref(kind: DetailsKind, id: string): string {
  return `#/${kind}/${encodeURIComponent(id)}`;
}

export type DetailsKind = "pool" | "project" | "runner" | "class" | "prebuild";

/** Compares two strings as people sort names (numbers in order, case ignored). */
export const byName = new Intl.Collator("en", { numeric: true, sensitivity: "base" }).compare;
