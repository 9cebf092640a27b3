// Reading and editing an agent's source on the host without trusting it: a path must stay inside its
// root, may not pass through a symbolic link (a child could commit one pointing anywhere on the host),
// and a file is read only up to a size cap.
import { lstat, readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/** A path the in-process services refuse to touch; the message says why. */
export class UnsafePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafePathError";
  }
}

/** Prompts and tool sources are a few kilobytes; anything far larger is not what we are looking for. */
export const MAX_SOURCE_BYTES = 256 * 1024;

/**
 * Resolves `path` (relative to `root`, or absolute inside it) and checks every existing component with
 * lstat: none may be a symbolic link. Returns the absolute path; it may not exist yet.
 */
export async function resolveInside(root: string, path: string): Promise<string> {
  const base = resolve(root);
  const full = isAbsolute(path) ? resolve(path) : resolve(base, path);
  const inside = relative(base, full);
  if (inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new UnsafePathError(`${path} is outside the workspace`);
  }
  let current = base;
  for (const part of inside.split(sep).filter(Boolean)) {
    current = join(current, part);
    const stats = await lstat(current).catch(() => undefined);
    if (!stats) break;
    if (stats.isSymbolicLink())
      throw new UnsafePathError(`${path} is or goes through a symbolic link, which is refused`);
  }
  return full;
}

/** The text of a regular file inside `root`, refusing symlinks, escapes and files over `maxBytes`. */
export async function readTextInside(root: string, path: string, maxBytes = MAX_SOURCE_BYTES): Promise<string> {
  const full = await resolveInside(root, path);
  const stats = await lstat(full).catch(() => undefined);
  if (!stats) throw new UnsafePathError(`${path} does not exist`);
  if (!stats.isFile()) throw new UnsafePathError(`${path} is not a regular file`);
  if (stats.size > maxBytes) throw new UnsafePathError(`${path} is ${stats.size} bytes, over the ${maxBytes}-byte cap`);
  return readFile(full, "utf8");
}

/** Whether `path` is a regular file inside `root` (false for symlinks, escapes and anything missing). */
export async function isFileInside(root: string, path: string): Promise<boolean> {
  try {
    const stats = await lstat(await resolveInside(root, path));
    return stats.isFile();
  } catch {
    return false;
  }
}
