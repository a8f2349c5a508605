import { ConnectError } from "../../errors/connect-error.js";
import type { AdminRoute } from "./admin-route.js";

/** Read and clear the request journal. */
export const JOURNAL_ROUTES: AdminRoute[] = [
  {
    operationId: "getJournal",
    mutates: false,
    handle({ journal }, { query }) {
      const rpc = query.get("rpc") ?? undefined;
      const limitText = query.get("limit");
      if (limitText !== null && !/^[1-9]\d{0,5}$/.test(limitText)) {
        throw new ConnectError(
          "invalid_argument",
          `limit must be a positive integer, got "${limitText.slice(0, 20)}"`,
        );
      }
      const limit = limitText === null ? undefined : Number(limitText);
      return { body: { entries: journal.list({ rpc, limit }) } };
    },
  },
  {
    operationId: "clearJournal",
    mutates: false,
    handle({ journal }) {
      journal.clear();
      return { status: 204 };
    },
  },
];
