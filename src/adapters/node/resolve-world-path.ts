import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { ConnectError } from "../../errors/connect-error.js";

/**
 * Turns the path a caller of POST /_admin/world/load gives into a file inside one of the
 * directories the operator named at start. A relative path is looked up in each directory
 * in turn; an absolute one must lie inside one. Whatever leaves them (`..`, another absolute
 * path, a symlink pointing out) is `permission_denied`, decided before the file is touched,
 * so an answer never says whether a file outside exists.
 */
export function resolveWorldPath(requested: string, dirs: readonly string[]): string {
  if (requested.includes("\0")) {
    throw new ConnectError("invalid_argument", "path must not contain a NUL character");
  }
  const roots = dirs.map((dir) => resolve(dir));
  let inside = false;
  for (const root of roots) {
    const candidate = resolve(root, requested);
    if (!contains(root, candidate)) continue;
    inside = true;
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      continue;
    }
    // The root itself may be a symlink (/tmp on macOS): compare real paths with real paths.
    if (!contains(realpathSync(root), real)) {
      throw new ConnectError(
        "permission_denied",
        `${requested} leads outside the world directories through a symbolic link`,
      );
    }
    if (!statSync(real).isFile()) {
      throw new ConnectError("invalid_argument", `${requested} is not a file`);
    }
    return real;
  }
  if (!inside) {
    throw new ConnectError(
      "permission_denied",
      `${requested} is outside the world directories the server was started with (${roots.join(", ") || "none"}); ` +
        "name one at start with --world-dir (env WORLD_DIR)",
    );
  }
  throw new ConnectError("not_found", `no world file ${requested} in ${roots.join(", ")}`);
}

function contains(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}
