// The benchmark's baselines: servers that only parse the JSON body and answer a fixed body,
// so the mock's figures can be read as a ratio of what node:http and Express cost alone.
// Usage: bench-baseline.ts raw|express PORT
import { createServer } from "node:http";
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
const [kind, portText] = process.argv.slice(2);
const port = Number(portText);

function answer(res: import("node:http").ServerResponse): void {
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": FIXED.length });
  res.end(FIXED);
}

if (kind === "raw") {
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      answer(res);
    });
  }).listen(port, "127.0.0.1");
} else if (kind === "express") {
  const app = express();
  app.use(express.json({ type: () => true }));
  app.get("/healthz", (_req, res) => answer(res));
  app.post("/{*path}", (_req, res) => answer(res));
  app.listen(port, "127.0.0.1");
} else {
  console.error("usage: bench-baseline.ts raw|express PORT");
  process.exit(2);
}
