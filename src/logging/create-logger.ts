import type { Writable } from "node:stream";
import { type Logger, pino } from "pino";
import type { MockLogger } from "../rpc/log-request.js";

/** The levels --log-level accepts, pino's own. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
/** --log-format: JSON lines, pino-pretty, or pretty on a terminal and JSON otherwise. */
export const LOG_FORMATS = ["auto", "json", "pretty"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Where and how the CLI logs. */
export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Defaults to stdout; tests pass a stream to read the lines back. */
  stream?: Writable & { isTTY?: boolean };
}

/** The CLI's loggers: pino for its own records, and what the mock logs its requests through. */
export interface CliLoggers {
  logger: Logger;
  /** The mock's logger: request lines written in pino's format without pino's per-call work. */
  mockLogger: MockLogger & { flush(): void };
}

/** Whether output is for a person: asked for, or `auto` on a terminal. */
export function isPrettyFormat(format: LogFormat, isTTY: boolean): boolean {
  return format === "pretty" || (format === "auto" && isTTY);
}

/**
 * Creates the CLI's logger: JSON lines (pino) for machines, pino-pretty for a terminal. The
 * pretty printer is loaded only when used, so JSON runs never pay for it.
 */
export async function createLogger(options: LoggerOptions): Promise<Logger> {
  return (await createCliLoggers(options)).logger;
}

/**
 * Creates the CLI's logger and, for JSON lines, the mock's request-line logger over the same
 * destination (createRequestLineLogger); a pretty terminal gets pino for both.
 */
export async function createCliLoggers(options: LoggerOptions): Promise<CliLoggers> {
  const stream = options.stream ?? process.stdout;
  const pretty = isPrettyFormat(options.format, stream.isTTY === true);
  const base = { level: options.level, base: undefined };
  if (!pretty) {
    const destination = options.stream ?? pino.destination({ fd: 1, sync: false });
    const logger = pino(base, destination);
    return { logger, mockLogger: createRequestLineLogger(logger, destination) };
  }
  const { default: createPrettyStream } = await import("pino-pretty");
  const logger = pino(
    base,
    createPrettyStream({
      destination: stream,
      colorize: stream.isTTY === true,
      ignore: "pid,hostname",
      translateTime: "HH:MM:ss.l",
      sync: true,
    }),
  );
  return { logger, mockLogger: Object.assign(logger, { flush: () => logger.flush() }) };
}

const LEVELS = { debug: 20, info: 30 } as const;
// Request lines wait at most this long, or until this much text is waiting, before one write.
const FLUSH_AFTER_MS = 100;
const FLUSH_AT_CHARS = 16 * 1024;

/**
 * The mock's logger for a pino logger made as createCliLoggers makes it (JSON lines, no base
 * bindings, no serializers): its info and debug records of plain strings, numbers and
 * booleans (every request line) are written as pino writes them, byte for byte, but gathered
 * into one write per 16 KB or per 100 ms, whichever comes first. Under load pino wrote about
 * once per turn of the event loop, each write a trip through libuv's thread pool: that, more
 * than serialising, was the request log's cost. Warnings, errors and any other record go
 * through pino at once, after the lines before them; `flush` writes what waits.
 */
export function createRequestLineLogger(
  logger: Logger,
  destination: { write(text: string): unknown },
  { maxDelayMs = FLUSH_AFTER_MS, maxChars = FLUSH_AT_CHARS } = {},
): MockLogger & { flush(): void } {
  let pending: string[] = [];
  let chars = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    chars = 0;
    destination.write(text);
  };
  const line = (level: "debug" | "info", record: object, message: string) => {
    const value = LEVELS[level];
    if (logger.levelVal > value) return;
    const text = serializeFlat(value, record, message);
    if (text === undefined) {
      flush();
      logger[level](record, message);
      return;
    }
    pending.push(text);
    chars += text.length;
    if (chars >= maxChars) flush();
    else if (!timer) {
      timer = setTimeout(flush, maxDelayMs);
      timer.unref();
    }
  };
  return {
    info: (record, message) => line("info", record, message),
    debug: (record, message) => line("debug", record, message),
    warn(record, message) {
      flush();
      logger.warn(record, message);
    },
    error(record, message) {
      flush();
      logger.error(record, message);
    },
    flush() {
      flush();
      logger.flush();
    },
  };
}

// pino's line for a record whose values are all strings, finite numbers or booleans: level,
// time, each property in order, the message. Anything else is pino's to write.
function serializeFlat(level: number, record: object, message: string): string | undefined {
  let text = `{"level":${level},"time":${Date.now()}`;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const value = (record as Record<string, unknown>)[key];
    if (value === undefined) continue;
    let prefix = KEYS.get(key);
    if (prefix === undefined) {
      prefix = `,${quote(key)}:`;
      KEYS.set(key, prefix);
    }
    if (typeof value === "string") text += prefix + quote(value);
    else if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") {
      text += prefix + value;
    } else return undefined;
  }
  return `${text},"msg":${quote(message)}}\n`;
}

const KEYS = new Map<string, string>();
// Printable ASCII but `"` and `\`: what a request line's texts are, and need no escape.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

// JSON text of a string, as JSON.stringify writes it; the common case skips the escaper.
function quote(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}
