import type { ChangeEvent } from "../../src/generated/admin-types.js";

/** One event of GET /_admin/events, with the stream's id for it. */
export type Change = ChangeEvent & { id?: string };

/** A watcher of GET /_admin/events, reading `change` events as they come. */
export interface EventWatch {
  res: Response;
  /** The next event, or undefined when the stream ended. */
  next(): Promise<Change | undefined>;
  close(): void;
}

/** Opens GET /_admin/events on a listening mock and reads its `change` events. */
export async function watchEvents(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventWatch> {
  const controller = new AbortController();
  const res = await fetch(`${url}/_admin/events`, { headers, signal: controller.signal });
  const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    res,
    async next() {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          const id = /^id: (.*)$/m.exec(block)?.[1];
          if (/^event: change$/m.test(block) && data) return { ...JSON.parse(data), id } as Change;
          continue;
        }
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return undefined;
        buffer += chunk.value;
      }
    },
    close: () => controller.abort(),
  };
}
