import { describe, expect, it } from "vitest";
import { loadDefaultWorld } from "../store/load-default-world.js";
import { WorldStore } from "../store/world-store.js";
import { authenticate } from "./authenticate.js";

const store = new WorldStore(loadDefaultWorld());
const tokenOf = (header: string | undefined, strict = false) =>
  authenticate(header, store, strict).token;

describe("authenticate", () => {
  it("maps a listed token to its principal, the scheme in any case, spaces around", () => {
    expect(tokenOf("Bearer wpm_globex_bob")).toBe("wpm_globex_bob");
    expect(tokenOf("bearer   wpm_globex_bob  ")).toBe("wpm_globex_bob");
    expect(tokenOf("BEARER wpm_globex_bob\t")).toBe("wpm_globex_bob");
  });

  it.each([
    "Bearer My Bearer Token",
    "Bearer two words",
    "Bearer a\tb",
    "Bearer \u00e9t\u00e9",
    "Bearer !#$%&'()*+,-./:;<=>?@[]^_`{|}~",
  ])("lets any other bearer token text (%j) act as the default principal", (header) => {
    expect(tokenOf(header)).toBe(store.defaultPrincipal.token);
  });

  it.each([
    [undefined, "missing Authorization header"],
    ["", "missing Authorization header"],
    ["Bearer", "malformed"],
    ["Bearer ", "malformed"],
    ["Bearer    ", "malformed"],
    ["Bearertoken", "malformed"],
    ["Basic YWxpY2U6c2VjcmV0", "malformed"],
    ["My Bearer Token", "malformed"],
    ["Token wpm_acme_alice", "malformed"],
  ])("refuses %j as unauthenticated (%s)", (header, message) => {
    expect(() => authenticate(header, store, false)).toThrow(message);
  });

  it("with strict auth, refuses any text that is not a listed token", () => {
    expect(() => authenticate("Bearer My Bearer Token", store, true)).toThrow("unknown token");
    expect(tokenOf("Bearer wpm_acme_alice", true)).toBe("wpm_acme_alice");
  });
});
