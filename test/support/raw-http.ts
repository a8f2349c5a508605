import { connect, type Socket } from "node:net";

/** A raw TCP connection to the server, for requests no HTTP client would send. */
export interface RawConnection {
  socket: Socket;
  /** Everything the server has sent so far. */
  received(): string;
  /** Resolves when the server has closed the connection. */
  closed: Promise<void>;
}

/** Opens a raw socket to 127.0.0.1:port. */
export async function openRawConnection(port: number): Promise<RawConnection> {
  const socket = connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  let data = "";
  socket.on("data", (chunk) => {
    data += chunk.toString("latin1");
  });
  // A reset after the server's answer is an expected way for it to end a slow client.
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return { socket, received: () => data, closed };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An answer read off a raw connection: status, headers (names lower-case, repeats joined). */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one request exactly as written (request line and header lines, no normalising of the
 * target or the headers, repeats kept) with `Connection: close`, and reads the answer.
 */
export async function sendRawRequest(
  port: number,
  head: readonly string[],
  body = "",
): Promise<RawAnswer> {
  const connection = await openRawConnection(port);
  const length = body === "" ? [] : [`Content-Length: ${Buffer.byteLength(body)}`];
  // Written, not ended: a half-closed socket may be dropped before an answer streamed from disk.
  connection.socket.write(
    `${[...head, ...length, "Connection: close"].join("\r\n")}\r\n\r\n${body}`,
  );
  await connection.closed;
  return parseAnswer(connection.received());
}

function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf("\r\n\r\n");
  const [statusLine = "", ...lines] = text.slice(0, end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let body = text.slice(end + 4);
  if (headers["transfer-encoding"] === "chunked") {
    let plain = "";
    for (;;) {
      const sizeEnd = body.indexOf("\r\n");
      const size = Number.parseInt(body.slice(0, sizeEnd), 16);
      if (!(size > 0)) break;
      plain += body.slice(sizeEnd + 2, sizeEnd + 2 + size);
      body = body.slice(sizeEnd + 2 + size + 2);
    }
    body = plain;
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}
