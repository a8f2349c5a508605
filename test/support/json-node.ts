/**
 * JSON as a tree that can also say what JSON.stringify cannot: duplicate and special keys
 * (`__proto__`), number spellings (`3.0`, `"3"`), and raw bytes that are not UTF-8.
 */
export type JsonNode =
  | { t: "text"; text: string }
  | { t: "bytes"; bytes: Uint8Array }
  | { t: "object"; entries: [string, JsonNode][] }
  | { t: "array"; items: JsonNode[] }
  | { t: "sequence"; parts: JsonNode[] };

/** A JSON value written by JSON.stringify. */
export function lit(value: unknown): JsonNode {
  return { t: "text", text: JSON.stringify(value) };
}

/** JSON text taken as is (a number spelling, or something broken on purpose). */
export function rawText(text: string): JsonNode {
  return { t: "text", text };
}

/** Serialises a tree to the bytes of a request body. */
export function encodeJsonNode(node: JsonNode): Buffer {
  const parts: Uint8Array[] = [];
  const write = (n: JsonNode): void => {
    switch (n.t) {
      case "text":
        parts.push(Buffer.from(n.text, "utf8"));
        return;
      case "bytes":
        parts.push(n.bytes);
        return;
      case "sequence":
        for (const part of n.parts) write(part);
        return;
      case "array":
        parts.push(Buffer.from("["));
        n.items.forEach((item, i) => {
          if (i > 0) parts.push(Buffer.from(","));
          write(item);
        });
        parts.push(Buffer.from("]"));
        return;
      case "object":
        parts.push(Buffer.from("{"));
        n.entries.forEach(([key, value], i) => {
          parts.push(Buffer.from(`${i > 0 ? "," : ""}${JSON.stringify(key)}:`));
          write(value);
        });
        parts.push(Buffer.from("}"));
    }
  };
  write(node);
  return Buffer.concat(parts);
}
