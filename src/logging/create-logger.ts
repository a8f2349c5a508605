import type { Writable } from "node:stream";
import { type Logger, pino } from "pino";

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

/** Whether output is for a person: asked for, or `auto` on a terminal. */
export function isPrettyFormat(format: LogFormat, isTTY: boolean): boolean {
  return format === "pretty" || (format === "auto" && isTTY);
}

/**
 * Creates the CLI's logger: JSON lines (pino) for machines, pino-pretty for a terminal. The
 * pretty printer is loaded only when used, so JSON runs never pay for it.
 */
export async function createLogger(options: LoggerOptions): Promise<Logger> {
  const stream = options.stream ?? process.stdout;
  const pretty = isPrettyFormat(options.format, stream.isTTY === true);
  const base = { level: options.level, base: undefined };
  if (!pretty) return pino(base, options.stream ?? pino.destination({ fd: 1, sync: false }));
  const { default: createPrettyStream } = await import("pino-pretty");
  return pino(
    base,
    createPrettyStream({
      destination: stream,
      colorize: stream.isTTY === true,
      ignore: "pid,hostname",
      translateTime: "HH:MM:ss.l",
      sync: true,
    }),
  );
}
