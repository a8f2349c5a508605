// Base64 without Buffer, so the wire code runs on any platform. btoa and atob are globals in
// Node and browsers; they work on "binary strings", one character per byte.

const CHUNK = 0x8000;

/** Standard (`+/`) or URL-safe (`-_`) base64 of bytes, padded unless `pad` is false. */
export function encodeBase64(
  bytes: Uint8Array,
  { url = false, pad = true }: { url?: boolean; pad?: boolean } = {},
): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  let text = btoa(binary);
  if (url) text = text.replaceAll("+", "-").replaceAll("/", "_");
  return pad ? text : text.replace(/=+$/, "");
}

/**
 * Bytes of standard or URL-safe base64, padded or not. The caller checks the alphabet first;
 * what atob still refuses throws.
 */
export function decodeBase64(text: string): Uint8Array {
  const standard = text.replaceAll("-", "+").replaceAll("_", "/");
  const padded = standard.padEnd(Math.ceil(standard.length / 4) * 4, "=");
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
