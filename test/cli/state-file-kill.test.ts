import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CHILD = join(import.meta.dirname, "..", "support", "write-states-forever.ts");

/** Starts the writer child, lets it write for `ms`, then SIGKILLs it. */
async function writeThenKill(path: string, ms: number): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, path], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`writer exited early with ${code}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, ms));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

describe("the state file under SIGKILL", () => {
  it("always holds one whole state, the old or the new, whenever the writer is killed", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "wpm-kill-")), "state.json");
    const seen = new Set<string>();
    for (let round = 0; round < 5; round++) {
      // Random moments: some before the first write completes, most in the middle of one.
      await writeThenKill(path, Math.floor(Math.random() * 120));
      let text: string;
      try {
        text = readFileSync(path, "utf8");
      } catch {
        continue; // killed before the very first rename: no file yet is fine too
      }
      const state = JSON.parse(text) as { name: string; padding: unknown[] };
      expect(["A", "B"]).toContain(state.name);
      expect(state.padding).toHaveLength(4000);
      seen.add(state.name);
    }
    expect(seen.size).toBeGreaterThan(0);
  }, 60_000);
});
