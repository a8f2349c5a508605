import { expect } from "vitest";
import type { JournalEntry } from "../../src/rpc/request-journal.js";
import { callAdmin } from "./admin-client.js";

/** What an attack must leave as it was: the world, the fault rules and the journal. */
export interface MockState {
  world: unknown;
  faults: unknown;
  journal: JournalEntry[];
}

/**
 * Reads the world, the fault rules and the journal through /_admin (as the dashboard does), each
 * answer checked against openapi/admin.yaml.
 */
export async function readMockState(url: string): Promise<MockState> {
  const world = await callAdmin(url, "getWorld", "get", "/_admin/world");
  const faults = await callAdmin(url, "listFaults", "get", "/_admin/faults");
  const journal = await callAdmin(url, "getJournal", "get", "/_admin/journal");
  expect([world.status, faults.status, journal.status]).toEqual([200, 200, 200]);
  return {
    world: world.body,
    faults: faults.body,
    journal: (journal.body as { entries: JournalEntry[] }).entries,
  };
}

/**
 * Reads the state again and expects it unchanged since `before`, but for the journal entries
 * of the attack's own calls, which it returns (at most `added` of them).
 */
export async function expectStateKept(
  url: string,
  before: MockState,
  added = 0,
): Promise<JournalEntry[]> {
  const after = await readMockState(url);
  expect(after.world).toEqual(before.world);
  expect(after.faults).toEqual(before.faults);
  expect(after.journal.slice(0, before.journal.length)).toEqual(before.journal);
  const own = after.journal.slice(before.journal.length);
  expect(own.length).toBeLessThanOrEqual(added);
  return own;
}
