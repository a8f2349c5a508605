import type { components } from "../generated/admin-types.js";
import { encodeBase64 } from "../protocol/base64.js";
import { nestsDeeperThan } from "../protocol/json-nesting.js";

type JournalBody = Pick<components["schemas"]["JournalEntry"], "body" | "bodyBase64" | "bodyNote">;

/**
 * The most bytes of a request body the journal keeps: a journal of 200 calls with bodies at
 * the 1 MiB limit would hold 200 MiB and answer reads hundreds of MiB long.
 */
export const JOURNAL_BODY_BYTES = 64 * 1024;

/**
 * How deeply a body the journal shows as JSON may nest. A request may nest up to 10,000
 * levels (protojson's limit), but JSON.stringify, which every reader of the journal runs
 * (the admin answer, the dashboard), recurses and overflows the stack a few thousand levels
 * down. No message of this API nests past 10.
 */
export const JOURNAL_BODY_DEPTH = 100;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** What the journal knows of a body besides its bytes. */
export interface BodyFacts {
  contentType?: string | undefined;
  /** `Content-Encoding` (or a GET's `compression`): the bytes are as sent, not inflated. */
  contentEncoding?: string | undefined;
  /** The body's full length, when only its first bytes were kept. */
  size?: number;
}

/**
 * How the journal shows a request body: parsed, when it is JSON that any reader can render;
 * otherwise its bytes as base64, with a note saying why when the body was meant as JSON (or
 * was cut or compressed). Never throws, whatever the bytes.
 */
export function describeJournalBody(
  bytes: Uint8Array | undefined,
  facts: BodyFacts = {},
): JournalBody {
  const size = facts.size ?? bytes?.length ?? 0;
  if (!bytes || size === 0) return {};
  const base64 = encodeBase64(bytes);
  if (size > bytes.length) {
    return { bodyBase64: base64, bodyNote: `${size} bytes, the first ${bytes.length} kept` };
  }
  const encoding = facts.contentEncoding?.trim().toLowerCase();
  if (encoding && encoding !== "identity") {
    return { bodyBase64: base64, bodyNote: `compressed (${encoding.slice(0, 40)}), kept as sent` };
  }
  if (!/json/i.test(facts.contentType ?? "")) return { bodyBase64: base64 };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { bodyBase64: base64, bodyNote: "not UTF-8, so not JSON" };
  }
  if (nestsDeeperThan(text, JOURNAL_BODY_DEPTH)) {
    return {
      bodyBase64: base64,
      bodyNote: `JSON nested more than ${JOURNAL_BODY_DEPTH} levels deep, kept as bytes`,
    };
  }
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { bodyBase64: base64, bodyNote: "not valid JSON" };
  }
}
