// Property-based fuzzing of what the request schemas do not cover: the Authorization and
// Connect-Protocol-Version headers and arbitrary extra header bytes, sent over raw sockets.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadContract } from "../../src/contract/load-contract.js";
import { isConnectCode } from "../../src/errors/connect-code.js";
import { codeToHttpStatus } from "../../src/protocol/http-status.js";
import { ALICE } from "../support/fixtures.js";
import { openRawConnection } from "../support/raw-http.js";
import { type RunningServer, startServer } from "../support/start-server.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 30) * 5;
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const FRAMING = new Set([
  "content-length",
  "transfer-encoding",
  "content-type",
  "content-encoding",
  "host",
  "connection",
  "expect",
  "upgrade",
  "authorization",
  "connect-protocol-version",
]);

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ contract: loadContract() });
});
afterAll(() => server.close());

const headerValue = fc
  .uint8Array({ maxLength: 40 })
  .map((bytes) => Buffer.from(bytes.filter((b) => b !== 0x0d && b !== 0x0a)));
const clean = fc.stringMatching(/^[\x21-\x7e]{1,30}$/).map((s) => Buffer.from(s));
const authorization = fc.oneof(
  fc.constant({ value: Buffer.from(`Bearer ${ALICE}`), clean: true }),
  clean.map((token) => ({ value: Buffer.concat([Buffer.from("Bearer "), token]), clean: true })),
  headerValue.map((value) => ({ value, clean: false })),
  fc.constant(undefined),
);
const version = fc.oneof(fc.constant(undefined), fc.constant(Buffer.from("1")), headerValue);
const extras = fc.array(
  fc.tuple(
    fc
      .stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/)
      .filter((n) => !FRAMING.has(n.toLowerCase())),
    fc.oneof(clean, headerValue),
  ),
  { maxLength: 4 },
);

it(
  "never answers 5xx, and answers every bad header with the matching Connect error",
  async () => {
    await fc.assert(
      fc.asyncProperty(authorization, version, extras, async (auth, protocolVersion, more) => {
        const lines: Buffer[] = [
          Buffer.from("POST /gitpod.v1.PrebuildService/ListWarmPools HTTP/1.1\r\nHost: x\r\n"),
          Buffer.from(
            "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n",
          ),
        ];
        const header = (name: string, value: Buffer) =>
          lines.push(Buffer.concat([Buffer.from(`${name}: `), value, Buffer.from("\r\n")]));
        if (auth) header("Authorization", auth.value);
        if (protocolVersion) header("Connect-Protocol-Version", protocolVersion);
        for (const [name, value] of more) header(name, value);
        lines.push(Buffer.from("\r\n{}"));

        const conn = await openRawConnection(server.port);
        conn.socket.end(Buffer.concat(lines));
        await conn.closed;
        const answer = conn.received();
        const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1]);
        const where = `sent ${JSON.stringify(Buffer.concat(lines).toString("latin1"))}\ngot ${answer.slice(0, 400)}`;
        expect(status, where).toBeLessThan(500);
        const body = answer.slice(answer.indexOf("\r\n\r\n") + 4);
        if (status !== 200) {
          const error = JSON.parse(body) as { code: unknown };
          expect(isConnectCode(error.code), where).toBe(true);
          expect(
            codeToHttpStatus(error.code as Parameters<typeof codeToHttpStatus>[0]),
            where,
          ).toBe(status);
        }
        const cleanVersion = !protocolVersion || protocolVersion.toString("latin1").trim() === "1";
        const cleanExtras = more.every(([, v]) => /^[\x21-\x7e]*$/.test(v.toString("latin1")));
        if (auth?.clean && cleanVersion && cleanExtras) expect(status, where).toBe(200);
        if (!auth) expect(status === 401 || status === 400, where).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  },
  60_000 + RUNS * 100,
);
