/** The request codecs the mock speaks. */
export type Codec = "json";

/** What a 415 answer advertises, as connect-go does. */
export const ACCEPT_POST = "application/json, application/json; charset=utf-8";

/** Reads a unary request's Content-Type; undefined for anything the Connect protocol would 415. */
export function parseContentType(header: string | undefined): Codec | undefined {
  const value = (header ?? "").toLowerCase().replaceAll(" ", "");
  if (value === "application/json" || value === "application/json;charset=utf-8") return "json";
  return undefined;
}
