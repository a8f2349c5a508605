/** IDs of the default world (fixtures/default-world.json) that behaviour tests refer to. */
export const ACME = {
  token: "wpm_acme_alice",
  organizationId: "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01",
  projectId: "b0e12f6c-4c67-429d-a4a6-d9838b5da047",
  standardClassId: "d2c94c27-3b76-4a42-b88c-95a85e392c68",
  largeClassId: "3f9a6b1e-8c2d-4e7f-9a1b-5c6d7e8f9a02",
  xLargeClassId: "2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b85",
  gpuClassId: "5e4d3c2b-1a09-4876-b5a4-c3d2e1f0a903",
  readyPoolId: "a1b2c3d4-5678-9abc-def0-1234567890ab",
  disabledProjectId: "9c8b7a69-5d4e-4f3a-8b2c-1d0e9f8a7b62",
  gpuProjectId: "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c73",
} as const;

export const GLOBEX = {
  token: "wpm_globex_bob",
  organizationId: "6f1e2d3c-4b5a-4978-8d6e-5f4a3b2c1d02",
  projectId: "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a84",
  classId: "8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c54",
  poolId: "fb0e1d2c-3b4a-4596-8877-665544332211",
} as const;
