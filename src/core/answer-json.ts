import type { CoreAnswer } from "../protocol/exchange.js";

const encoder = new TextEncoder();

/** A JSON answer of the control plane (or an empty one for 204), after `headers`. */
export function answerJson(status: number, body: unknown, headers: readonly string[]): CoreAnswer {
  if (status === 204 || body === undefined) return { status, headers };
  const bytes = encoder.encode(JSON.stringify(body));
  return {
    status,
    headers: [...headers, "Content-Type", "application/json", "Content-Length", `${bytes.length}`],
    body: bytes,
  };
}
