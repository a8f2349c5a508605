/**
 * How deeply a request's JSON may nest: protobuf-go's default recursion limit
 * (`protowire.DefaultRecursionLimit`), which protojson applies to nested messages and to the
 * arrays and objects of the unknown fields it skips. connect-go decodes with it unchanged.
 */
export const MAX_JSON_NESTING = 10_000;

/**
 * Whether JSON text nests arrays and objects more than `limit` levels deep. Only brackets
 * outside strings count; the text need not be valid JSON. Each level takes at least one
 * character, so text no longer than `limit` is settled without a scan: every ordinary
 * request costs nothing.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
