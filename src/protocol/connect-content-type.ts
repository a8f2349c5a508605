/** The request codecs the mock speaks: ProtoJSON and binary protobuf. */
export type Codec = "json" | "proto";

/** What a 415 answer advertises, as connect-go does. */
export const ACCEPT_POST = "application/json, application/json; charset=utf-8, application/proto";

/** The Content-Type of a successful response in each codec. */
export const CODEC_CONTENT_TYPE: Readonly<Record<Codec, string>> = {
  json: "application/json",
  proto: "application/proto",
};

/** Reads a unary request's Content-Type; undefined for anything the Connect protocol would 415. */
export function parseContentType(header: string | undefined): Codec | undefined {
  const value = (header ?? "").toLowerCase().replaceAll(" ", "");
  if (value === "application/json" || value === "application/json;charset=utf-8") return "json";
  if (value === "application/proto") return "proto";
  return undefined;
}

/** Reads the `encoding` parameter of a Connect GET; undefined for an unknown one (a bare 415). */
export function parseGetEncoding(value: string | undefined): Codec | undefined {
  return value === "json" || value === "proto" ? value : undefined;
}
