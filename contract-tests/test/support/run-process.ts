import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** How a finished process ended. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end and collects its output. */
export function runProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Finished> {
  return spawnProcess(command, args, env).finished;
}

/** Starts a command (to signal it, say) and collects its output until it ends. */
export function spawnProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; finished: Promise<Finished> } {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const finished = new Promise<Finished>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, finished };
}

/** Starts the mock's own CLI on an ephemeral port and reads the URL it prints. */
export function startMockProcess(): Promise<{
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      TSX,
      ["src/cli.ts", "--port", "0", "--ready-delay-ms", "20", "--delete-delay-ms", "20"],
      { cwd: ROOT },
    );
    let output = "";
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      });
    child.stdout.on("data", (chunk) => {
      output += chunk;
      // The first URL it prints is where it listens (the wording around it may change).
      const url = /(http:\/\/[\w.:[\]-]+)/.exec(output)?.[1];
      if (url) resolve({ url, child, stop });
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      reject(new Error(`the mock exited with ${code} before listening: ${output}`)),
    );
  });
}
