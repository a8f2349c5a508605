import { type ChildProcess, spawn } from "node:child_process";
import { type ClientRequest, type IncomingMessage, request } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { findFreePort } from "../scripts/support/find-free-port.js";
import { findPackageRoot } from "../src/package-root.js";

/** A CLI child process with its JSON log lines collected as they arrive. */
export interface CliProcess {
  child: ChildProcess;
  url: string;
  lines: Record<string, unknown>[];
  stderr(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  waitForLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/**
 * Runs `src/cli.ts` under tsx (or the built file `entry`, such as the CLI bundle) with JSON logs
 * on an ephemeral port; resolves once it listens (found from its start-up line, or by polling
 * /healthz when the log level hides that line).
 */
export async function startCli(
  args: string[] = [],
  env: Record<string, string> = {},
  { entry }: { entry?: string } = {},
): Promise<CliProcess> {
  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    [...(entry ? [entry] : ["--import", "tsx", "src/cli.ts"]), "--port", String(port), ...args],
    {
      cwd: findPackageRoot(),
      env: { ...process.env, LOG_FORMAT: "json", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
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
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`CLI exited early; stderr: ${stderr}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, url, lines, stderr: () => stderr, exited, waitForLine };
}

/** Opens an authenticated JSON POST whose body the caller writes piece by piece (in flight). */
export function openRequest(
  baseUrl: string,
  path: string,
  contentLength: number,
  onResponse?: (res: IncomingMessage) => void,
): ClientRequest {
  const { hostname, port } = new URL(baseUrl);
  const headers = {
    "Content-Type": "application/json",
    "Content-Length": contentLength,
    Authorization: "Bearer wpm_acme_alice",
  };
  return request({ hostname, port, method: "POST", path, headers }, onResponse);
}

export { findFreePort };
