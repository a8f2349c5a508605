import type { JournalEntry } from "../../src/generated/admin-types.js";

// Headers curl sets itself, or that would make it print compressed bytes.
const LEFT_OUT = new Set(["content-length", "accept-encoding", "user-agent", "accept"]);

/** Quotes a word for a POSIX shell: inside single quotes, where only ' itself needs care. */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * A call of the journal as a curl command that sends it again to `origin`: its method, path,
 * headers and body (a body the journal keeps as bytes is decoded from base64 and piped in).
 */
export function toCurl(entry: JournalEntry, origin: string): string {
  const parts = ["curl", "-X", entry.httpMethod, quote(`${origin}${entry.path}`)];
  for (const [name, value] of Object.entries(entry.requestHeaders ?? {})) {
    if (!LEFT_OUT.has(name)) parts.push("-H", quote(`${name}: ${value}`));
  }
  if ((entry.requestHeaders?.["accept-encoding"] ?? "").includes("gzip"))
    parts.push("--compressed");
  if (entry.body !== undefined) {
    parts.push("--data-raw", quote(JSON.stringify(entry.body)));
  } else if (entry.bodyBase64 && !entry.bodyNote?.includes("kept")) {
    return `printf %s ${quote(entry.bodyBase64)} | base64 -d | ${parts.join(" ")} --data-binary @-`;
  }
  return parts.join(" ");
}
