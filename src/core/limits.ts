/** Largest accepted request body in bytes, before and after inflating a compressed one. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The most warm pools one organization may hold. */
export const DEFAULT_MAX_POOLS_PER_ORGANIZATION = 10_000;
