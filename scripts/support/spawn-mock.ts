import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { findPackageRoot } from "../../src/package-root.js";

/** A mock run as the CLI runs, in a process of its own, and the URL it printed. */
export interface SpawnedMock {
  child: ChildProcess;
  url: string;
}

/**
 * Starts `src/cli.ts` (through tsx) with these arguments and environment, and resolves once it
 * prints the address it listens on; rejects when it exits first or prints none in `timeoutMs`.
 * Its stderr goes to ours; the caller stops the child.
 */
export async function spawnMock(
  args: readonly string[],
  { env = process.env, timeoutMs = 60_000 }: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<SpawnedMock> {
  const root = findPackageRoot();
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "src", "cli.ts"), ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`mock did not start: ${out}`)), timeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`mock exited with ${code}: ${out}`));
    });
  });
  child.stdout?.resume();
  return { child, url };
}
