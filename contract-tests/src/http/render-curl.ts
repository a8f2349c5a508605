import type { HttpRequest } from "./api-client.js";

/** Renders a request as a copy-and-paste curl command line (POSIX shell quoting). */
export function renderCurl(request: HttpRequest): string {
  const parts = ["curl", "-sS", "-i", "-X", request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    parts.push("-H", quoteHeader(name, value, request.secrets));
  }
  if (request.body === undefined) return parts.join(" ");
  if (!request.gzip) return [...parts, "--data-raw", quote(request.body)].join(" ");
  // A compressed body is shown as the text piped through gzip, so the line stays readable.
  return `printf '%s' ${quote(request.body)} | gzip | ${[...parts, "--data-binary", "@-"].join(" ")}`;
}

function quote(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

// A secret from the environment is shown as the variable's name, so reports never leak it.
function quoteHeader(
  name: string,
  value: string,
  secrets?: Readonly<Record<string, string>>,
): string {
  for (const [secret, variable] of Object.entries(secrets ?? {})) {
    if (secret && value.includes(secret)) {
      const shown = `${name}: ${value.replaceAll(secret, `\${${variable}}`)}`;
      return `"${shown.replaceAll(/["\\`]/g, (c) => `\\${c}`)}"`;
    }
  }
  return quote(`${name}: ${value}`);
}
