// The shape of a world file (fixtures, --state-file, admin load), checked before anything is loaded.
const uuid = { type: "string", format: "uuid" };
const ms = { type: "integer", minimum: 0 };
const phase = {
  enum: [
    "WARM_POOL_PHASE_UNSPECIFIED",
    "WARM_POOL_PHASE_PENDING",
    "WARM_POOL_PHASE_READY",
    "WARM_POOL_PHASE_DEGRADED",
    "WARM_POOL_PHASE_DELETING",
    "WARM_POOL_PHASE_DELETED",
  ],
};
const size = { type: "integer", minimum: 0, maximum: 20 };
const object = (required: string[], properties: Record<string, unknown>) => ({
  type: "object",
  additionalProperties: false,
  required,
  properties,
});
const list = (items: unknown) => ({ type: "array", items });

/** JSON Schema of WorldData. */
export const WORLD_SCHEMA = object(
  [
    "version",
    "organizations",
    "principals",
    "defaultToken",
    "runners",
    "environmentClasses",
    "projects",
    "prebuilds",
    "warmPools",
  ],
  {
    version: { const: 1 },
    savedAt: ms,
    organizations: list(object(["id", "name"], { id: uuid, name: { type: "string" } })),
    principals: list(
      object(["token", "userId", "name", "organizationId"], {
        token: { type: "string", minLength: 1, pattern: "^[\\x21-\\x7e]+$" },
        userId: uuid,
        name: { type: "string" },
        organizationId: uuid,
      }),
    ),
    defaultToken: { type: "string" },
    runners: list(
      object(["id", "organizationId", "name"], {
        id: uuid,
        organizationId: uuid,
        name: { type: "string" },
        failureMessage: { type: "string" },
      }),
    ),
    environmentClasses: list(
      object(["id", "runnerId", "displayName", "description", "enabled"], {
        id: uuid,
        runnerId: uuid,
        displayName: { type: "string", minLength: 3, maxLength: 127 },
        description: { type: "string", minLength: 3, maxLength: 200 },
        enabled: { type: "boolean" },
      }),
    ),
    projects: list(
      object(["id", "organizationId", "name", "prebuildConfiguration"], {
        id: uuid,
        organizationId: uuid,
        name: { type: "string" },
        prebuildConfiguration: object(["enabled", "environmentClassIds", "timeoutSeconds"], {
          enabled: { type: "boolean" },
          environmentClassIds: list(uuid),
          timeoutSeconds: { type: "number", minimum: 300, maximum: 7200 },
        }),
      }),
    ),
    prebuilds: list(
      object(["id", "projectId", "environmentClassId", "phase", "createdAt"], {
        id: uuid,
        projectId: uuid,
        environmentClassId: uuid,
        phase: { type: "string", pattern: "^PREBUILD_PHASE_[A-Z]+$" },
        createdAt: ms,
        completedAt: ms,
        failureMessage: { type: "string" },
        updatedAt: ms,
        statusVersion: { type: "integer", minimum: 1 },
        creatorId: uuid,
        triggeredBy: { enum: ["PREBUILD_TRIGGER_MANUAL", "PREBUILD_TRIGGER_SCHEDULED"] },
        timeoutSeconds: { type: "number", minimum: 300, maximum: 7200 },
        dueAt: ms,
        plannedFailure: { type: "string" },
      }),
    ),
    warmPools: list(
      object(
        [
          "id",
          "seq",
          "organizationId",
          "projectId",
          "environmentClassId",
          "runnerId",
          "createdAt",
          "updatedAt",
          "spec",
          "status",
        ],
        {
          id: uuid,
          seq: { type: "integer", minimum: 1 },
          organizationId: uuid,
          projectId: uuid,
          environmentClassId: uuid,
          runnerId: uuid,
          createdAt: ms,
          updatedAt: ms,
          dueAt: ms,
          step: { enum: ["start", "provision", "drain", "remove"] },
          instancesSnapshotId: uuid,
          spec: object(["version", "desiredSize", "desiredPhase", "minSize", "maxSize"], {
            version: { type: "integer", minimum: 1 },
            desiredSize: size,
            snapshotId: uuid,
            desiredPhase: phase,
            minSize: size,
            maxSize: { type: "integer", minimum: 1, maximum: 20 },
          }),
          status: object(
            [
              "phase",
              "failureMessage",
              "version",
              "runningInstances",
              "stoppedInstances",
              "desiredSize",
            ],
            {
              phase,
              failureMessage: { type: "string" },
              version: { type: "integer", minimum: 1 },
              runningInstances: size,
              stoppedInstances: size,
              desiredSize: size,
            },
          ),
        },
      ),
    ),
  },
);
