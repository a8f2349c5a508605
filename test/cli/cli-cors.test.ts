import { expect, it } from "vitest";
import { CliExit, startCli } from "../support/start-cli.js";

// Runs the CLI until it prints its URL, then asks for a preflight from each origin.
async function preflightThroughCli(args: string[], env: Record<string, string>, origins: string[]) {
  const cli = await startCli(args, { env });
  try {
    const url = cli.url;
    const allowed: Record<string, string | null> = {};
    for (const origin of origins) {
      const res = await fetch(`${url}/gitpod.v1.PrebuildService/ListWarmPools`, {
        method: "OPTIONS",
        headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
      });
      allowed[origin] = res.headers.get("access-control-allow-origin");
    }
    return { allowed, out: cli.output() };
  } finally {
    cli.child.kill("SIGKILL");
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
  const error = await startCli(["--cors-origins", " , "]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliExit);
  const { code, stderr: err } = error as CliExit;
  expect(code).toBe(2);
  expect(err).toContain("--cors-origins: expected at least one origin or *");
});

it("grants pages on this machine only by default, and every origin with --cors-origins '*'", async () => {
  const origins = ["http://localhost:5173", "http://127.0.0.1:3000", "https://evil.example"];
  const byDefault = await preflightThroughCli([], {}, origins);
  expect(byDefault.allowed).toEqual({
    "http://localhost:5173": "http://localhost:5173",
    "http://127.0.0.1:3000": "http://127.0.0.1:3000",
    "https://evil.example": null,
  });
  expect(byDefault.out).toContain('"corsOrigins":["loopback"]');
  const any = await preflightThroughCli(["--cors-origins", "*"], {}, origins);
  expect(any.allowed["https://evil.example"]).toBe("https://evil.example");
  expect(any.out).toContain('"corsOrigins":["*"]');
});
