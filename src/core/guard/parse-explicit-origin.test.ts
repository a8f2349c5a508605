import { describe, expect, it } from "vitest";
import { parseExplicitOrigin } from "./parse-explicit-origin.js";

describe("parseExplicitOrigin", () => {
  it.each([
    ["http://localhost:5173", "http://localhost:5173"],
    ["HTTP://LocalHost:5173/", "http://localhost:5173"],
    ["https://app.example.com:443", "https://app.example.com"],
    ["http://127.0.0.1:80", "http://127.0.0.1"],
    ["http://[::1]:3000", "http://[::1]:3000"],
  ])("%s is the origin %s", (entry, origin) => {
    expect(parseExplicitOrigin(entry)).toBe(origin);
  });

  it.each([
    ["*", /not the pattern \*,/],
    ["*://*", /not the pattern \*:\/\/\*/],
    ["http://*", /not the pattern http:\/\/\*/],
    ["https://*.example.com", /pattern/],
    ["http://localhost:*", /pattern/],
    ["loopback", /pattern/],
    ["null", /sandboxed/],
    ["localhost:5173", /expected an http or https origin/],
    ["http://localhost:5173/app", /expected an http or https origin/],
    ["http://user:pw@localhost:5173", /expected an http or https origin/],
    ["http://localhost:5173?x", /expected an http or https origin/],
    ["file:///tmp", /expected an http or https origin/],
    ["ftp://example.com", /expected an http or https origin/],
    ["http://", /expected an http or https origin/],
    ["http://exa mple.com", /expected an http or https origin/],
  ])("%s is refused", (entry, message) => {
    expect(() => parseExplicitOrigin(entry)).toThrow(message);
  });
});
