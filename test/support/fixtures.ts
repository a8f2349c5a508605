// The one table of default-world (fixtures/default-world.json) IDs and tokens the tests rely on.

/** Alice's token: organization Acme. */
export const ALICE = "wpm_acme_alice";
/** Bob's token: organization Globex. */
export const BOB = "wpm_globex_bob";

export const ACME_ORG = "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01";
export const GLOBEX_ORG = "6f1e2d3c-4b5a-4978-8d6e-5f4a3b2c1d02";
export const ACME_RUNNER = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01";
/** Acme's project with prebuilds on for every class. */
export const WEB_APP = "b0e12f6c-4c67-429d-a4a6-d9838b5da047";
/** Acme's project with prebuilds disabled. */
export const LEGACY_NO_PREBUILDS = "9c8b7a69-5d4e-4f3a-8b2c-1d0e9f8a7b62";
/** Acme's GPU project whose prebuild has not completed. */
export const ML_NO_SNAPSHOT = "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c73";
export const GLOBEX_PROJECT = "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a84";
export const STANDARD = "d2c94c27-3b76-4a42-b88c-95a85e392c68";
export const LARGE = "3f9a6b1e-8c2d-4e7f-9a1b-5c6d7e8f9a02";
export const XLARGE = "2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b85";
export const GPU = "5e4d3c2b-1a09-4876-b5a4-c3d2e1f0a903";
export const GLOBEX_CLASS = "8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c54";
/** Acme's READY pool on WEB_APP × STANDARD. */
export const EXISTING_POOL = "a1b2c3d4-5678-9abc-def0-1234567890ab";
export const GLOBEX_POOL = "fb0e1d2c-3b4a-4596-8877-665544332211";
export const STANDARD_SNAPSHOT = "c0ffee00-0001-4aaa-8bbb-000000000001";
export const XLARGE_SNAPSHOT = "c0ffee00-0003-4aaa-8bbb-000000000003";
