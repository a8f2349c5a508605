import { describe, expect, it } from "vitest";
import { isLoopbackOrigin } from "./is-loopback-origin.js";

describe("isLoopbackOrigin", () => {
  it.each([
    "http://localhost",
    "http://localhost:5173",
    "https://localhost:8443",
    "http://app.localhost:3000",
    "https://a.b.localhost",
    "http://127.0.0.1:4010",
    "http://127.0.0.1",
    "https://[::1]:5173",
    "http://[::1]",
    "HTTP://LOCALHOST:1",
  ])("%s is a page on this machine", (origin) => {
    expect(isLoopbackOrigin(origin)).toBe(true);
  });

  it.each([
    "https://evil.example",
    "http://localhost.evil.example",
    "http://evil-localhost",
    "http://localhostx:80",
    "http://127.0.0.1.nip.io",
    "http://127.0.0.2",
    "http://192.168.1.20:5173",
    "http://[::2]",
    "file://localhost",
    "ws://localhost",
    "null",
    "http://localhost:5173/path",
    "http://user@localhost",
    "http://localhost:",
    "http://.localhost",
    "",
  ])("%s is not", (origin) => {
    expect(isLoopbackOrigin(origin)).toBe(false);
  });
});
