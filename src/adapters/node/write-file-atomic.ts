import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

let counter = 0;

/**
 * Replaces a file so that a crash or kill at any moment leaves either the old or the new
 * content, never a torn mix: the text goes to a temporary file beside it, is flushed to disk,
 * then renamed over the target (rename is atomic within a file system), and the directory
 * entry is flushed too. Both are created readable and writable by the owner only (0600): a
 * saved world holds every principal's token. The temporary file must not exist yet, so a link
 * planted under its name is never written through.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.${++counter}.tmp`;
  try {
    const fd = openSync(temporary, "wx", 0o600);
    try {
      const bytes = Buffer.from(text, "utf8");
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
