/**
 * Where a JSON.parse failure is, without what is there: V8's messages quote the text around
 * the fault, and text read from a file or sent by a caller must not come back in an error.
 * Gives " (syntax error at offset N)", or "" when V8 named no offset.
 */
export function describeJsonError(error: unknown): string {
  const at = /at position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
  return at === undefined ? "" : ` (syntax error at offset ${at})`;
}
