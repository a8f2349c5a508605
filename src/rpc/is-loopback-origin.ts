// http or https, a loopback name, any port: what a page served from this machine sends.
const LOOPBACK_ORIGIN =
  /^https?:\/\/(?:localhost|(?:[a-z0-9_-]+\.)+localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

/**
 * Whether an `Origin` is a page on this machine: `localhost`, a subdomain of `localhost`,
 * `127.0.0.1` or `[::1]`, on any port, over http or https. Public DNS cannot point a name
 * at these (browsers resolve `*.localhost` to loopback themselves), so no remote site has
 * such an origin.
 */
export function isLoopbackOrigin(origin: string): boolean {
  return LOOPBACK_ORIGIN.test(origin);
}

/** The entry of an origin list that stands for every loopback origin (isLoopbackOrigin). */
export const LOOPBACK = "loopback";
