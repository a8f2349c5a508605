import { loadContract } from "../../contract/load-contract.js";
import { type CoreOptions, createMockCore, type MockCore } from "../../core/create-mock-core.js";
import "./provide-ajv.js";
import { loadOpenApi } from "./load-openapi.js";
import { loadWorldFile, SCENARIOS_DIR } from "./load-world-file.js";
import { NODE_PLATFORM } from "./node-platform.js";
import { readDashboardFrom } from "./read-dashboard-file.js";
import { resolveWorldPath } from "./resolve-world-path.js";

/** The core's options as Node code gives them: folders where the core takes capabilities. */
export interface NodeCoreOptions
  extends Omit<CoreOptions, "readWorldFile" | "readDashboardFile" | "platform"> {
  /**
   * Directories POST /_admin/world/load may read world files from; anything outside them
   * (after `..` and symlinks) is `permission_denied`. Default: the package's fixtures/scenarios.
   */
  worldDirs?: readonly string[];
  /** Where the dashboard's built files are (default: dist/dashboard, made by `npm run build`). */
  dashboardDir?: string;
}

/**
 * The core with Node's capabilities: world files from the named folders, the dashboard from
 * its build folder, zlib and Buffer for the wire, and the contract read from openapi/ (the
 * embedded copy while the YAML is unchanged, so an edited YAML is never served stale).
 */
export function createNodeCore(options: NodeCoreOptions = {}): MockCore {
  const { worldDirs, dashboardDir, ...core } = options;
  const dirs = worldDirs ?? [SCENARIOS_DIR];
  return createMockCore({
    ...core,
    contract: options.contract ?? loadContract(loadOpenApi()),
    readWorldFile: (path) => loadWorldFile(resolveWorldPath(path, dirs)),
    readDashboardFile: readDashboardFrom(dashboardDir),
    platform: NODE_PLATFORM,
  });
}
