// Reading a directory tree into memory (tasks are small) and hashing file maps deterministically.
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type FileMap = Record<string, Buffer>;

/** Names never treated as task content: interpreter caches and editor litter. */
const IGNORED = new Set(["__pycache__", ".DS_Store", "node_modules", ".pytest_cache"]);

/**
 * Every regular file under `dir`, keyed by its path relative to `dir` with '/' separators. Read by lstat:
 * a symbolic link (an agent's workspace may hold links inside itself) is skipped, never followed, so a
 * solution file linked to /proc/self/environ reads as absent. Sizes are bounded by the copy-out caps.
 */
export function readTree(dir: string): FileMap {
  const files: FileMap = {};
  if (!existsSync(dir)) return files;
  const walk = (absolute: string, relative: string): void => {
    for (const name of readdirSync(absolute).sort()) {
      if (IGNORED.has(name) || name.endsWith(".pyc")) continue;
      const childAbsolute = join(absolute, name);
      const childRelative = relative === "" ? name : `${relative}/${name}`;
      const stats = lstatSync(childAbsolute);
      if (stats.isDirectory()) walk(childAbsolute, childRelative);
      else if (stats.isFile()) files[childRelative] = readFileSync(childAbsolute);
    }
  };
  walk(dir, "");
  return files;
}

/** Feeds a file map into a hash in path order, with separators so that no two maps collide. */
export function hashFiles(hash: ReturnType<typeof createHash>, label: string, files: FileMap): void {
  for (const path of Object.keys(files).sort()) {
    const content = files[path] as Buffer;
    hash.update(`${label}\0${path}\0${content.length}\0`);
    hash.update(content);
  }
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
