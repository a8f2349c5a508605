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

/** The name of a record by ID, or the ID itself when it is unknown. */
export function nameOf<T extends { id: string }>(
  records: readonly T[],
  id: string,
  name: (record: T) => string,
): string {
  const record = records.find((r) => r.id === id);
  return record ? name(record) : id;
}
