import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHttpServer, type ServerLimits } from "./create-http-server.js";

/** A listening mock and the way to stop it. */
export interface ListeningServer {
  server: Server;
  /** Base URL clients use, e.g. http://127.0.0.1:4010. */
  url: string;
  port: number;
  /**
   * Stops taking connections, lets in-flight requests finish (cutting connections still busy
   * after `graceMs`), and resolves once the server is closed.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens with a request handler (an Express app) on host:port, with the server's socket and
 * header limits applied; port 0 picks a free one.
 */
export function listenApp(
  handler: RequestListener,
  {
    host,
    port,
    limits,
    onClose,
  }: {
    host: string;
    port: number;
    limits?: Partial<ServerLimits>;
    /** Called as closing starts, to end long-lived responses (event streams) that never turn idle. */
    onClose?: () => void;
  },
): Promise<ListeningServer> {
  const server = createHttpServer(handler, limits);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const actual = (server.address() as AddressInfo).port;
      // A wildcard address is not one a client can call: name the loopback of its family.
      const callable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
      const urlHost = callable.includes(":") ? `[${callable}]` : callable;
      resolve({
        server,
        url: `http://${urlHost}:${actual}`,
        port: actual,
        close: (graceMs = 10_000) => {
          onClose?.();
          return closeGracefully(server, graceMs);
        },
      });
    });
  });
}

function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    // Keep-alive connections turn idle as their in-flight response ends; close them as they do.
    const sweep = setInterval(() => server.closeIdleConnections(), 25);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
