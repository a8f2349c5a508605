import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const CLI = join(import.meta.dirname, "..", "..", "src", "cli.ts");

export interface RunningCli {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the CLI on an ephemeral port and resolves once it listens (or rejects with its output).
 * `env` adds variables to the test's own environment.
 */
export function startCli(args: string[], env: Record<string, string> = {}): Promise<RunningCli> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        resolve({
          child,
          url,
          output: () => output,
          async stop(signal = "SIGTERM") {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => reject(new CliExit(code, output)));
  });
}

/** The CLI exited before listening. */
export class CliExit extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`CLI exited with ${code}: ${output}`);
  }
}
