/** The rules a step can find broken, as reports name them. */
export const CHECKS = {
  verdict: "the target's verdict (success, or which Connect code) is the model's",
  refusal: "a refusal names the fields and rule ids the model's names (message and details)",
  pool: "a pool's fields the contract fixes agree with the model's: identity, organization, runner, sizes, spec version, desired phase; its phase is one the model allows (PENDING or READY while live, DELETING or DELETED once deleted); status.desiredSize within its bounds",
  history:
    "a pool's createdAt is the time of the run and never changes; updatedAt and statusVersion never go back",
  newId: "a created pool gets an ID no other pool had",
  gone: "a pool the target treats as gone is gone: GetWarmPool of it answers not_found",
  disappears: "a deleted pool disappears (GetWarmPool answers not_found) within --wait-timeout",
  staysDeleting: "a pool seen DELETING stays DELETING or DELETED until it disappears",
  pageSize: "a page holds at most pageSize pools (100 when pageSize is 0)",
  organization:
    "every listed pool belongs to the caller's organization: the one its own pools carry, not another token's",
  filter: "every listed pool matches the filter",
  once: "a walk over the pages lists no pool twice, and its page tokens never repeat",
  complete:
    "a walk over the pages lists every pool that lived (and matched) from its first page to its last",
  listedGone: "a pool that is gone, or another organization's, is never listed",
  transport: "the target answers every request within --timeout",
  explorer: "the explorer runs the step to its end",
} as const;
