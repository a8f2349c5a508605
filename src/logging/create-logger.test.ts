import { Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { createLogger, isPrettyFormat } from "./create-logger.js";

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
