import { ConnectError } from "../errors/connect-error.js";
import { decodeBase64 } from "./base64.js";

/** The Connect GET parameters of a URL; the message is raw bytes, before base64 and compression. */
export interface GetQuery {
  connect?: string;
  encoding?: string;
  base64?: string;
  compression?: string;
  message?: Uint8Array;
}

const KNOWN = new Set(["connect", "encoding", "base64", "compression", "message"]);
const latin1 = new TextDecoder("latin1");

/**
 * Splits a URL's query into the Connect GET parameters, in any order; unknown ones are
 * ignored. `message` is percent-decoded to bytes, since an unencoded proto message is binary.
 */
export function parseGetQuery(url: string): GetQuery {
  const search = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
  const query: GetQuery = {};
  for (const pair of search.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = latin1.decode(percentDecode(eq < 0 ? pair : pair.slice(0, eq)));
    if (!KNOWN.has(name)) continue;
    const bytes = percentDecode(eq < 0 ? "" : pair.slice(eq + 1));
    if (name === "message") query.message = bytes;
    else query[name as Exclude<keyof GetQuery, "message">] = new TextDecoder().decode(bytes);
  }
  return query;
}

/** Decodes the unpadded or padded URL-safe base64 of a GET `message`. */
export function decodeBase64Url(bytes: Uint8Array): Uint8Array {
  const text = latin1.decode(bytes).replace(/={1,2}$/, "");
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new ConnectError("invalid_argument", "message is not valid URL-safe base64");
  }
  return decodeBase64(text);
}

// Form decoding as Go's url.ParseQuery does it: `+` is a space, `%XX` a byte. Node reads the
// request line as latin1, so every other character already stands for one byte.
function percentDecode(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2b) out.push(0x20);
    else if (c === 0x25) {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new ConnectError("invalid_argument", `invalid percent-encoding in query: %${hex}`);
      }
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Uint8Array.from(out);
}
