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

/**
 * The mock's logger for a pino logger made as createCliLoggers makes it (JSON lines, no base
 * bindings, no serializers): its info and debug records of plain strings, numbers and
 * booleans (every request line) are written as pino writes them, byte for byte, but joined
 * into one write per turn of the event loop. pino writes each line on its own, and its
 * destination measures its whole pending buffer again on every write: under load that was
 * most of the request log's cost. Warnings, errors and any other record go through pino,
 * after the lines before them.
 */
export function createRequestLineLogger(
  logger: Logger,
  destination: { write(text: string): unknown },
): MockLogger & { flush(): void } {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
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
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
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
    if (typeof value === "string") text += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
    else if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") {
      text += `,${JSON.stringify(key)}:${value}`;
    } else if (value !== undefined) return undefined;
  }
  return `${text},"msg":${JSON.stringify(message)}}\n`;
}
