import type { Exchange } from "../http/api-client.js";
import type { KnownPools } from "./known-pools.js";
import { pageOf, poolOf, readRefusal, shortPhase, verdictOf } from "./read-answer.js";

/** One line for an answer: its verdict and what it shows, with the run's names for IDs. */
export function summarizeAnswer(exchange: Exchange, pools: KnownPools): string {
  const verdict = verdictOf(exchange);
  if (verdict !== "ok") {
    if (verdict !== "invalid_argument") return verdict;
    const { violations } = readRefusal(exchange);
    return violations.length > 0 ? `invalid_argument: ${violations.join(", ")}` : verdict;
  }
  const short = (id: string) => pools.describeId(id).replace(/^pool /, "");
  if (exchange.rpc === "ListWarmPools") {
    const { pools: listed, nextToken } = pageOf(exchange);
    const own = listed.filter((p) => pools.createdNow(p.id));
    const others = listed.length - own.length;
    const names = [
      ...own.map((p) => `${short(p.id)} ${shortPhase(p.status.phase)}`),
      ...(others > 0 ? [`${others} other pool(s)`] : []),
    ];
    return `ok: [${names.join(", ")}]${nextToken ? ", more pages" : ", last page"}`;
  }
  const pool = poolOf(exchange);
  if (!pool) return `ok: ${exchange.text.slice(0, 80)}`;
  const { spec, status } = pool;
  const sizes = `minSize ${spec.minSize ?? 0}, maxSize ${spec.maxSize ?? 0}${spec.desiredSize ? `, desiredSize ${spec.desiredSize}` : ""}`;
  return `ok: ${short(pool.id)} ${shortPhase(status.phase)}, specVersion ${spec.specVersion}, ${sizes}`;
}
