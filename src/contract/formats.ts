import type { FormatDefinition } from "ajv";
import { isUri } from "./is-uri.js";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** Tells whether a string is an RFC 3339 date-time with a real calendar date. */
export function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  return (
    date.getUTCMonth() === (month ?? 0) - 1 &&
    date.getUTCDate() === day &&
    (hour ?? 99) < 24 &&
    (minute ?? 99) < 60 &&
    (second ?? 99) < 60
  );
}

/** Tells whether a string is a UUID in the form protovalidate's `string.uuid` accepts. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The formats the document uses, as ajv format definitions (generated validators get them too). */
export const FORMATS = {
  uuid: { type: "string", validate: isUuid },
  uri: { type: "string", validate: isUri },
  "date-time": { type: "string", validate: isRfc3339 },
  uint64: {
    type: "string",
    validate: (s: string) => /^\d{1,20}$/.test(s) && BigInt(s) < 2n ** 64n,
  },
  int32: {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  },
} as const satisfies Record<string, FormatDefinition<string> | FormatDefinition<number>>;
