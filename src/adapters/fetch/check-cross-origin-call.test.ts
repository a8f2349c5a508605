import { describe, expect, it } from "vitest";
import { bytesReader, type CoreRequest } from "../../protocol/exchange.js";
import { createCrossOriginCheck, unsafeHeaderNames } from "./check-cross-origin-call.js";
import { createFetchMock } from "./create-fetch-mock.js";

const PAGE = "http://localhost:5173";
const URL_GET = "http://api.example.test/gitpod.v1.PrebuildService/GetWarmPool";

function call(headers: Record<string, string>, method = "POST"): CoreRequest {
  return {
    method,
    url: "/gitpod.v1.PrebuildService/GetWarmPool",
    headers: { host: "api.example.test", origin: PAGE, ...headers },
    readBody: bytesReader(new TextEncoder().encode("{}")),
  };
}

function setUp(corsOrigins?: string[]) {
  const mock = createFetchMock(corsOrigins ? { corsOrigins } : {});
  let now = 0;
  const check = createCrossOriginCheck(mock.core, () => now);
  const preflights = () =>
    mock.getJournal().entries.filter((e) => e.httpMethod === "OPTIONS").length;
  return { mock, check, preflights, wait: (ms: number) => (now += ms) };
}

describe("unsafeHeaderNames", () => {
  it("names what a page's script set beyond the safelist, lower-case and sorted", () => {
    expect(
      unsafeHeaderNames({
        "x-stainless-lang": "js",
        authorization: "Bearer t",
        accept: "application/json",
        "content-type": "text/plain;charset=UTF-8",
        "user-agent": "Chrome",
        "sec-fetch-mode": "cors",
        origin: PAGE,
        host: "api.example.test",
        "content-length": "2",
      }),
    ).toEqual(["authorization", "x-stainless-lang"]);
    expect(unsafeHeaderNames({ "content-type": "application/json" })).toEqual(["content-type"]);
  });
});

describe("createCrossOriginCheck", () => {
  it("sends no preflight for a simple request, as a browser does not", async () => {
    const { check, preflights } = setUp();
    expect(await check.preflight(call({ "content-type": "text/plain" }), URL_GET, PAGE)).toBe(
      undefined,
    );
    expect(preflights()).toBe(0);
  });

  it("asks the mock once, then keeps its answer for Access-Control-Max-Age", async () => {
    const { check, preflights, wait } = setUp();
    const json = call({ "content-type": "application/json", authorization: "Bearer t" });
    expect(await check.preflight(json, URL_GET, PAGE)).toBe(undefined);
    expect(await check.preflight(json, URL_GET, PAGE)).toBe(undefined);
    expect(preflights()).toBe(1);
    // Another set of headers is another preflight; so is the same one after 7200 s.
    await check.preflight(call({ "content-type": "application/json" }), URL_GET, PAGE);
    expect(preflights()).toBe(2);
    wait(7_200_001);
    await check.preflight(json, URL_GET, PAGE);
    expect(preflights()).toBe(3);
  });

  it("refuses what the preflight's answer does not allow: a header, a method, an origin", async () => {
    const { check } = setUp();
    expect(
      await check.preflight(
        call({ "content-type": "application/json", "x-trace": "1" }),
        URL_GET,
        PAGE,
      ),
    ).toMatch(/the header x-trace is not in the preflight's Access-Control-Allow-Headers$/);
    expect(await check.preflight(call({}, "PUT"), URL_GET, PAGE)).toMatch(
      /the method PUT is not in the preflight's Access-Control-Allow-Methods$/,
    );
    const strict = setUp(["https://app.example.test"]);
    expect(
      await strict.check.preflight(call({ "content-type": "application/json" }), URL_GET, PAGE),
    ).toMatch(
      /does not allow the origin \(the mock's CORS origins do not include http:\/\/localhost:5173\)$/,
    );
  });

  it("lets a page read an answer only with the grant for its origin", async () => {
    const { mock, check } = setUp(["loopback"]);
    const answer = await mock.core.handle(call({ "content-type": "application/json" }));
    expect(check.grant(answer, URL_GET, PAGE)).toBe(undefined);
    const foreign = "https://evil.example";
    const refused = await mock.core.handle(call({ origin: foreign }));
    expect(check.grant(refused, URL_GET, foreign)).toMatch(
      /the answer has no Access-Control-Allow-Origin \(the mock's CORS origins do not include https:\/\/evil.example\)$/,
    );
  });
});
