import type { HttpRequest } from "../http/api-client.js";
import { renderCurl } from "../http/render-curl.js";
import type { ReplayEntry, SequenceRecord } from "./sequence-record.js";

const MESSAGE_SLOT = "@@MESSAGE@@";

/**
 * Renders a sequence as a POSIX shell script of curl lines that sends the target what the
 * explorer sent, step by step. IDs and page tokens the target handed out are read from its
 * answers into shell variables (POOL_1, TOKEN_1, …), so the script runs against the target
 * afresh; a token from the environment stays `${WARM_POOL_TOKEN}`.
 */
export function renderReplayScript(sequence: SequenceRecord, about: { seed: number }): string {
  const lines = [
    "#!/bin/sh",
    `# warm-pool-contract explore --seed ${about.seed}: the minimal sequence, ${sequence.steps.length} step(s).`,
    "# It sends the target what the explorer sent; the last step's answer is the mismatch.",
    "set -u",
    "b64url() { printf '%s' \"$1\" | base64 | tr '+/' '-_' | tr -d '=\\n'; }",
  ];
  for (const leftover of sequence.leftovers) lines.push(`# before step 1: pool ${leftover}`);
  const captured: NonNullable<ReplayEntry["capture"]>[] = [];
  for (const step of sequence.steps) {
    lines.push("", `echo ${quote(`--- ${step.number}. ${step.description}`)}`);
    if (step.replay.length === 0) lines.push("# (nothing sent)");
    for (const entry of step.replay) {
      lines.push(...renderEntry(entry, captured));
      if (entry.capture) captured.push(entry.capture);
    }
  }
  return `${lines.join("\n")}\n`;
}

function renderEntry(entry: ReplayEntry, captured: ReplayEntry["capture"][]): string[] {
  const curl = renderRequest(entry.request, captured);
  if (entry.untilGone) {
    const status = curl.replace(/curl -sS -i /, `curl -sS -o /dev/null -w '%{http_code}' `);
    return [`until [ "$(${status})" = 404 ]; do sleep 0.2; done; echo gone`];
  }
  if (!entry.capture) return [`${curl}; echo`];
  const pattern =
    entry.capture.kind === "pool-id"
      ? `s/.*"id":"\\([^"]*\\)".*/\\1/p`
      : `s/.*"nextToken":"\\([^"]*\\)".*/\\1/p`;
  return [
    `OUT=$(${curl.replace(/curl -sS -i /, "curl -sS ")}); printf '%s\\n' "$OUT"`,
    `${entry.capture.variable}=$(printf '%s' "$OUT" | sed -n '${pattern}')`,
  ];
}

// The request as a curl line in which values the target handed out earlier are variables.
function renderRequest(request: HttpRequest, captured: ReplayEntry["capture"][]): string {
  const url = new URL(request.url);
  const message = url.searchParams.get("message");
  if (url.searchParams.get("base64") === "1" && message !== null) {
    // A base64 message hides the IDs inside it: the script encodes it afresh.
    const json = Buffer.from(message, "base64url").toString();
    const slotted = request.url.replace(`message=${message}`, `message=${MESSAGE_SLOT}`);
    const line = renderCurl({ ...request, url: slotted });
    return line.replace(MESSAGE_SLOT, `'"$(b64url ${substitute(quote(json), captured)})"'`);
  }
  return substitute(renderCurl(request), captured);
}

// Inside single quotes a value becomes '"$VAR"' (IDs and tokens only ever sit inside quotes).
function substitute(line: string, captured: ReplayEntry["capture"][]): string {
  let out = line;
  for (const value of captured) {
    if (!value) continue;
    out = out.replaceAll(value.value, `'"$${value.variable}"'`);
    const encoded = encodeURIComponent(value.value);
    if (encoded !== value.value) {
      out = out.replaceAll(
        encoded,
        `'"$(printf '%s' "$${value.variable}" | sed 's/=/%3D/g; s/+/%2B/g; s/\\//%2F/g')"'`,
      );
    }
  }
  return out;
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
