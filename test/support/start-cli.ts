import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { findFreePort } from "../../scripts/find-free-port.js";
import { findPackageRoot } from "../../src/package-root.js";

/** A CLI child process with its JSON log lines collected as they arrive. */
export interface CliProcess {
  child: ChildProcess;
  url: string;
  lines: Record<string, unknown>[];
  /** Everything the process wrote, stdout and stderr interleaved. */
  output(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  waitForLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Sends a signal and waits for the exit code (or signal name). */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export interface StartCliOptions {
  /** Added to the environment; LOG_FORMAT is json unless given here. */
  env?: Record<string, string>;
  /** A built file to run (such as the CLI bundle) instead of `src/cli.ts` under tsx. */
  entry?: string;
  /**
   * How to tell it listens: from its start-up line (the default), or by polling /healthz on a
   * port chosen here, for a log level that hides that line.
   */
  readyBy?: "start-line" | "healthz";
}

/** The CLI exited before it listened. */
export class CliExit extends Error {
  constructor(
    readonly code: number | string,
    readonly output: string,
    readonly stderr: string,
  ) {
    super(`CLI exited with ${code}: ${output}`);
  }
}

const STARTED = /listening on (http:\/\/[^\s"]+)/;

/**
 * Runs the CLI with JSON logs and resolves once it listens, or rejects with CliExit (after all
 * its output has arrived) when it exits first. Without `--port`/PORT it listens on port 0, or on
 * a free port when readiness is seen through /healthz.
 */
export async function startCli(
  args: string[] = [],
  { env = {}, entry, readyBy = "start-line" }: StartCliOptions = {},
): Promise<CliProcess> {
  const portGiven = args.includes("--port") || env.PORT !== undefined;
  if (portGiven && readyBy === "healthz")
    throw new Error("readyBy healthz chooses the port itself");
  const port = readyBy === "healthz" ? await findFreePort() : undefined;
  const child = spawn(
    process.execPath,
    [
      ...(entry ? [entry] : ["--import", "tsx", "src/cli.ts"]),
      ...(portGiven ? [] : ["--port", String(port ?? 0)]),
      ...args,
    ],
    {
      cwd: findPackageRoot(),
      env: { ...process.env, LOG_FORMAT: "json", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let output = "";
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
    output += chunk;
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (text) => {
    try {
      lines.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      lines.push({ text });
    }
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const waitForLine: CliProcess["waitForLine"] = (match) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = lines.find(match);
        if (found) return resolve(found);
        waiters.push(check);
      };
      void exited.then(() =>
        reject(new Error(`CLI exited before the expected line; stderr: ${stderr}`)),
      );
      check();
    });
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  let exitCode: number | string | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  let url: string | undefined;
  for (;;) {
    // Let the exit and data events of this turn land before looking.
    await new Promise((resolve) => setTimeout(resolve, 20));
    url = STARTED.exec(output)?.[1];
    if (url) break;
    if (exitCode !== undefined) {
      await closed;
      throw new CliExit(exitCode, output, stderr);
    }
    if (port === undefined) continue;
    const candidate = `http://127.0.0.1:${port}`;
    const healthy = await fetch(`${candidate}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) {
      url = candidate;
      break;
    }
  }
  return {
    child,
    url,
    lines,
    output: () => output,
    stderr: () => stderr,
    exited,
    waitForLine,
    stop(signal = "SIGTERM") {
      child.kill(signal);
      return exited;
    },
  };
}
