import { create } from "@bufbuild/protobuf";
import { createValidator } from "@bufbuild/protovalidate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ContextURLInitializerSchema } from "../gen/gitpod/v1/environment_pb.js";
import { isUri } from "./is-uri.js";

// protovalidate's verdict on a field whose only rule is `string.uri` (ContextURLInitializer.url).
const validator = createValidator();
const reference = (url: string): boolean =>
  validator.validate(ContextURLInitializerSchema, create(ContextURLInitializerSchema, { url }))
    .kind === "valid";

// Pieces URIs are made of, and pieces that break them, so that random strings land on both
// sides of every branch of the grammar.
const PIECES = [
  "http",
  "https",
  "a",
  "A+b.c-d",
  "1x",
  ":",
  "//",
  "/",
  "?",
  "#",
  "@",
  "[",
  "]",
  "%",
  "%20",
  "%2",
  "%zz",
  "%C3%A9",
  "%C3",
  "%25",
  "%25eth0",
  "::",
  "::1",
  "1:2:3:4:5:6:7:8",
  "1:2:3:4:5:6:7",
  "fe80::1",
  "v1.x",
  "vF.a:b",
  "127.0.0.1",
  "256.1.1.1",
  "01.1.1.1",
  "example.com",
  "user",
  "user:pass",
  "80",
  "x80",
  "path",
  "a b",
  "é",
  "\\",
  "^",
  "`",
  "{",
  "|",
  "!$&'()*+,;=",
  "~_-.",
  "",
];

describe("isUri", () => {
  const cases: [string, boolean][] = [
    ["https://example.com/path?q=1#frag", true],
    ["mailto:someone@example.com", true],
    ["urn:isbn:0451450523", true],
    ["a:", true],
    ["http://[::1]:8080/", true],
    ["http://[fe80::1%25eth0]/", true],
    ["http://[v1.fe]/", true],
    ["http://user:pa%20ss@host:/", true],
    ["http://%C3%A9.example/", true],
    ["http://%C3.example/", false],
    ["https://example.com/a b", false],
    ["//example.com", false],
    ["1http://x", false],
    ["http://[::1", false],
    ["http://[1:2:3:4:5:6:7:8:9]/", false],
    ["http://host:8o/", false],
    ["", false],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} is ${expected ? "" : "not "}a URI, for protovalidate too`, () => {
      expect(isUri(value)).toBe(expected);
      expect(reference(value)).toBe(expected);
    });
  }

  it("agrees with protovalidate on 20,000 strings built from URI pieces", () => {
    const uriLike = fc
      .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 8 })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(uriLike, (value) => isUri(value) === reference(value)),
      { numRuns: 20_000, seed: 20261205 },
    );
  });
});
