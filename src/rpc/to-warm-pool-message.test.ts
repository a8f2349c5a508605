import { describe, expect, it } from "vitest";
import { loadContract } from "../contract/load-contract.js";
import { encodeProtoJson, TEXT_SLOT } from "../protocol/encode-proto-json.js";
import { loadDefaultWorld } from "../store/load-default-world.js";
import type { WarmPool } from "../store/world.js";
import { shapeWarmPoolMessage, toWarmPoolMessage } from "./to-warm-pool-message.js";

const descriptor = loadContract().messages.get("WarmPool");
if (!descriptor) throw new Error("WarmPool is not in openapi/");

// Every leaf of a pool record, found by walking the record rather than from a list of fields,
// so a field added to WarmPool later is changed here too.
function leavesOf(record: object, path: string[] = []): string[][] {
  return Object.entries(record).flatMap(([key, value]) =>
    value !== null && typeof value === "object"
      ? leavesOf(value, [...path, key])
      : [[...path, key]],
  );
}

function changeLeaf(pool: WarmPool, path: string[]): void {
  const parent = path
    .slice(0, -1)
    .reduce<Record<string, unknown>>(
      (node, key) => node[key] as Record<string, unknown>,
      pool as unknown as Record<string, unknown>,
    );
  const key = path.at(-1) as string;
  const value = parent[key];
  parent[key] = typeof value === "number" ? value + 1 : `${String(value)}x`;
}

// What a pool encodes to when nothing was ever kept for it.
const coldText = (pool: WarmPool) =>
  encodeProtoJson(descriptor, toWarmPoolMessage(structuredClone(pool)));

describe("toWarmPoolMessage", () => {
  const pools = loadDefaultWorld().warmPools;

  it("hands out the same frozen message while the pool is unchanged", () => {
    for (const pool of pools) {
      const message = toWarmPoolMessage(pool);
      expect(Object.isFrozen(message)).toBe(true);
      for (const part of [message.metadata, message.spec, message.status]) {
        expect(Object.isFrozen(part)).toBe(true);
      }
      expect(toWarmPoolMessage(pool)).toBe(message);
    }
  });

  it("shapes a new message, with new text, when any field of the pool changes", () => {
    const paths = leavesOf(pools[0] as WarmPool);
    expect(paths.length).toBeGreaterThan(15);
    for (const original of pools) {
      for (const path of leavesOf(original)) {
        const pool = structuredClone(original);
        const before = toWarmPoolMessage(pool);
        // Written twice, so the text is kept and a stale message would show it.
        encodeProtoJson(descriptor, before);
        encodeProtoJson(descriptor, before);
        changeLeaf(pool, path);
        const after = toWarmPoolMessage(pool);
        expect(encodeProtoJson(descriptor, after), path.join(".")).toBe(coldText(pool));
      }
    }
  });

  it("notices an optional field that appears or goes away", () => {
    const pool = structuredClone(pools[0] as WarmPool);
    pool.spec.snapshotId = "01234567-89ab-4def-8123-456789abcdef";
    encodeProtoJson(descriptor, toWarmPoolMessage(pool));
    encodeProtoJson(descriptor, toWarmPoolMessage(pool));
    delete pool.spec.snapshotId;
    expect(encodeProtoJson(descriptor, toWarmPoolMessage(pool))).toBe(coldText(pool));
    expect(coldText(pool)).not.toContain("snapshotId");
  });
});

describe("shapeWarmPoolMessage", () => {
  it("shapes the same message as toWarmPoolMessage, afresh each time and with nothing kept", () => {
    for (const pool of loadDefaultWorld().warmPools) {
      const fresh = shapeWarmPoolMessage(pool);
      expect(shapeWarmPoolMessage(pool)).not.toBe(fresh);
      expect(fresh[TEXT_SLOT]).toBeUndefined();
      expect(Object.isFrozen(fresh)).toBe(false);
      expect(encodeProtoJson(descriptor, fresh)).toBe(
        encodeProtoJson(descriptor, toWarmPoolMessage(pool)),
      );
    }
  });
});
