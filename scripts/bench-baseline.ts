// The benchmark's baselines: servers that only parse the JSON body and answer a fixed body,
// so the mock's figures can be read as a ratio of what node:http and Express cost alone.
// Usage: bench-baseline.ts raw|express PORT [ANSWERS.json]
// ANSWERS.json maps a request path to the fixed body for it (the mock's own answer, captured
// by bench.ts); other paths get a small GetWarmPool-like body.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import express from "express";

const FIXED = Buffer.from(
  JSON.stringify({
    warmPool: {
      id: "a1b2c3d4-5678-9abc-def0-1234567890ab",
      metadata: { projectId: "b0e12f6c-4c67-429d-a4a6-d9838b5da047" },
      status: { phase: "WARM_POOL_PHASE_READY" },
    },
  }),
);
const [kind, portText, answersFile] = process.argv.slice(2);
const port = Number(portText);
const ANSWERS = new Map<string, Buffer>(
  Object.entries(
    answersFile ? (JSON.parse(readFileSync(answersFile, "utf8")) as Record<string, string>) : {},
  ).map(([path, body]) => [path, Buffer.from(body)]),
);

function answer(req: IncomingMessage, res: import("node:http").ServerResponse): void {
  const body = ANSWERS.get(req.url ?? "") ?? FIXED;
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
  res.end(body);
}

if (kind === "raw") {
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      answer(req, res);
    });
  }).listen(port, "127.0.0.1");
} else if (kind === "express") {
  const app = express();
  app.use(express.json({ type: () => true }));
  app.get("/healthz", (req, res) => answer(req, res));
  app.post("/{*path}", (req, res) => answer(req, res));
  app.listen(port, "127.0.0.1");
} else {
  console.error("usage: bench-baseline.ts raw|express PORT [ANSWERS.json]");
  process.exit(2);
}
