import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDefaultWorld } from "../../store/load-default-world.js";
import { createStateWriter, loadStateFile } from "./state-file.js";

function tempPath(): string {
  return join(mkdtempSync(join(tmpdir(), "wpm-state-")), "state.json");
}

describe("loadStateFile", () => {
  it("is undefined when the file does not exist yet", () => {
    expect(loadStateFile(tempPath())).toBeUndefined();
  });

  it("reads back what the writer saved, with the simulated time", () => {
    const path = tempPath();
    const world = loadDefaultWorld();
    createStateWriter({ path, read: () => world, now: () => 42 }).flush();
    expect(loadStateFile(path)).toEqual({ ...world, savedAt: 42 });
  });

  it.each([
    ["torn JSON", '{"version": 1, "organ', /is not valid JSON/],
    ["another format version", '{"version": 2}', /has format version 2, this mock reads version 1/],
    ["not a world", '{"version": 1}', /is not a valid world/],
  ])("refuses %s with a clear message and leaves the file untouched", (_, text, message) => {
    const path = tempPath();
    writeFileSync(path, text);
    expect(() => loadStateFile(path)).toThrow(message);
    expect(() => loadStateFile(path)).toThrow(/left untouched/);
    expect(readFileSync(path, "utf8")).toBe(text);
  });
});

describe("createStateWriter", () => {
  it("writes once after a burst of changes, and only when the world changed", async () => {
    const path = tempPath();
    let world = loadDefaultWorld();
    const writer = createStateWriter({ path, read: () => world, now: () => 1, debounceMs: 20 });
    for (let i = 0; i < 10; i++) writer.schedule();
    expect(existsSync(path)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(loadStateFile(path)?.warmPools).toHaveLength(7);
    writeFileSync(path, "sentinel");
    writer.flush(); // nothing changed: no write
    expect(readFileSync(path, "utf8")).toBe("sentinel");
    world = { ...world, warmPools: [] };
    writer.flush();
    expect(loadStateFile(path)?.warmPools).toEqual([]);
  });

  it("removes temporary files left by a killed run, and leaves none itself", () => {
    const path = tempPath();
    writeFileSync(`${path}.999.3.tmp`, "partial");
    const writer = createStateWriter({ path, read: loadDefaultWorld, now: () => 1 });
    writer.flush();
    expect(readdirSync(join(path, ".."))).toEqual(["state.json"]);
  });
});
