import { Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logRequest, type MockLogger } from "../rpc/log-request.js";
import {
  createCliLoggers,
  createLogger,
  createRequestLineLogger,
  isPrettyFormat,
} from "./create-logger.js";

function createStream(isTTY: boolean) {
  let text = "";
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => text };
}

describe("isPrettyFormat", () => {
  // The CLI prints its start-up banner exactly when this is true, so both follow one rule.
  it("is true when asked for pretty, or for auto on a terminal", () => {
    expect(isPrettyFormat("pretty", false)).toBe(true);
    expect(isPrettyFormat("auto", true)).toBe(true);
    expect(isPrettyFormat("auto", false)).toBe(false);
    expect(isPrettyFormat("json", true)).toBe(false);
  });
});

describe("createLogger", () => {
  it("writes JSON lines when the stream is not a terminal", async () => {
    const out = createStream(false);
    const logger = await createLogger({ level: "info", format: "auto", stream: out.stream });
    logger.info({ rpc: "GetWarmPool", code: "ok" }, "GetWarmPool ok");
    logger.debug("hidden");
    await new Promise((resolve) => setImmediate(resolve));
    const lines = out.text().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 30, rpc: "GetWarmPool" });
  });

  it("writes pretty lines on a terminal, or when asked", async () => {
    for (const [isTTY, format] of [
      [true, "auto"],
      [false, "pretty"],
    ] as const) {
      const out = createStream(isTTY);
      const logger = await createLogger({ level: "info", format, stream: out.stream });
      logger.info({ rpc: "GetWarmPool", code: "ok" }, "GetWarmPool ok");
      await new Promise((resolve) => setImmediate(resolve));
      const plain = stripVTControlCharacters(out.text());
      expect(plain).toContain("GetWarmPool ok");
      expect(plain).toContain('rpc: "GetWarmPool"');
      expect(() => JSON.parse(out.text())).toThrow();
    }
  });
});

describe("the CLI's request-line logger", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** The same records through pino itself and through the request-line logger. */
  async function bothWays(write: (logger: MockLogger) => void) {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 11, 5, 12) });
    // Each line's latency is then the same both ways: 1000.123 - started.
    vi.spyOn(performance, "now").mockReturnValue(1000.123);
    const viaPino = createStream(false);
    write(pino({ level: "debug", base: undefined }, viaPino.stream));
    const viaLines = createStream(false);
    const { mockLogger } = await createCliLoggers({
      level: "debug",
      format: "json",
      stream: viaLines.stream,
    });
    write(mockLogger);
    mockLogger.flush();
    await new Promise((resolve) => setImmediate(resolve));
    return { pino: viaPino.text(), lines: viaLines.text() };
  }

  it("writes every request line byte for byte as pino does", async () => {
    const { pino: expected, lines } = await bothWays((logger) => {
      logRequest(
        logger,
        "POST",
        "/gitpod.v1.PrebuildService/GetWarmPool",
        200,
        performance.now(),
        "ok",
      );
      logRequest(logger, "GET", "/healthz", 200, 999.9, undefined);
      logRequest(logger, "POST", "/_admin/faults", 400, 1000.1, "invalid_argument");
      logRequest(logger, "PUT", '/odd"path\\x\u0001é', 404, 0, undefined);
      logRequest(logger, "POST", "/gitpod.v1.PrebuildService/GetWarmPool", 503, 0, "unavailable");
      logger.info({ n: 1.5, yes: true, skipped: undefined }, "flat record");
      logger.info({ nested: { a: 1 }, list: [1] }, "not flat: pino writes it");
    });
    expect(lines.split("\n")).toHaveLength(8);
    expect(lines).toBe(expected);
  });

  it("leaves out what the level hides, and keeps the order around warnings", async () => {
    const out = createStream(false);
    const { logger, mockLogger } = await createCliLoggers({
      level: "info",
      format: "json",
      stream: out.stream,
    });
    mockLogger.debug({ rpc: "/healthz" }, "hidden");
    mockLogger.info({ rpc: "A" }, "first");
    mockLogger.warn({ rpc: "B" }, "second");
    logger.level = "warn";
    mockLogger.info({ rpc: "C" }, "hidden too");
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      out
        .text()
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).msg),
    ).toEqual(["first", "second"]);
  });

  it("gathers lines into one write, made when enough waits or the delay is up", () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const logger = pino({ level: "info", base: undefined }, { write: () => {} });
    const lines = createRequestLineLogger(
      logger,
      { write: (text: string) => writes.push(text) },
      { maxDelayMs: 100, maxChars: 300 },
    );
    lines.info({ rpc: "A" }, "a");
    lines.info({ rpc: "B" }, "b");
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(writes.map((w) => w.split("\n").length - 1)).toEqual([2]);
    for (let i = 0; i < 5; i++) lines.info({ rpc: "C".repeat(40) }, "c");
    expect(writes).toHaveLength(2);
    expect(writes[1]?.split("\n")).toHaveLength(5);
  });
});
