import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect, it } from "vitest";

// Runs the CLI until it prints its URL, then asks for a preflight from each origin.
async function preflightThroughCli(args: string[], env: Record<string, string>, origins: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "--port", "0", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += d;
        const found = /listening on (http:\/\/\S+)/.exec(out)?.[1];
        if (found) resolve(found);
      });
      child.on("exit", () => reject(new Error(`CLI exited: ${out}`)));
    });
    const allowed: Record<string, string | null> = {};
    for (const origin of origins) {
      const res = await fetch(`${url}/gitpod.v1.PrebuildService/ListWarmPools`, {
        method: "OPTIONS",
        headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
      });
      allowed[origin] = res.headers.get("access-control-allow-origin");
    }
    return { allowed, out };
  } finally {
    child.kill("SIGKILL");
  }
}

it("--cors-origins wins over CORS_ORIGINS, and patterns work", async () => {
  const { allowed, out } = await preflightThroughCli(
    ["--cors-origins", "http://localhost:*, https://app.example.com"],
    { CORS_ORIGINS: "https://other.example.com" },
    ["http://localhost:5173", "https://app.example.com", "https://other.example.com"],
  );
  expect(allowed).toEqual({
    "http://localhost:5173": "http://localhost:5173",
    "https://app.example.com": "https://app.example.com",
    "https://other.example.com": null,
  });
  expect(out).toContain('"corsOrigins":["http://localhost:*","https://app.example.com"]');
});

it("refuses an empty origin list", async () => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli.ts", "--cors-origins", " , "],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let err = "";
  child.stderr.on("data", (d) => {
    err += d;
  });
  const [code] = await once(child, "exit");
  expect(code).toBe(2);
  expect(err).toContain("--cors-origins: expected at least one origin or *");
});
