// The host's one way of opening a path an agent controls (an agent's source tree, what a container left
// behind): by lstat, inside the expected root, never through a symbolic link, regular files only, and
// never more than a byte cap. Agents evolve under selection pressure; a symlink to /proc/self/environ
// or a 3 GiB sparse file is an attack, so every refusal is an UnsafePathError that says what and why.
import { constants } from "node:fs";
import { lstat, open } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { SandboxError } from "./errors.ts";

/** A path the host refuses to open or copy; the message names the path and the rule it broke. */
export class UnsafePathError extends SandboxError {}

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
    throw new UnsafePathError(`${path} is outside the directory it must stay in`);
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

/**
 * Whether a symbolic link at `linkPath` (inside `root`) with target `linkname` stays inside `root`:
 * relative, and landing on `root` or below it once resolved from the link's own directory.
 */
export function linkStaysInside(root: string, linkPath: string, linkname: string): boolean {
  if (linkname === "" || isAbsolute(linkname)) return false;
  const base = resolve(root);
  const target = resolve(dirname(linkPath), linkname);
  return target === base || target.startsWith(base + sep);
}

/**
 * The bytes of a regular file inside `root`. Opened with O_NOFOLLOW (a symlink swapped in after the
 * check still fails) and O_NONBLOCK (a FIFO cannot hang the host), checked with fstat on the open
 * descriptor, and read only up to `maxBytes`.
 */
export async function readFileInside(root: string, path: string, maxBytes: number): Promise<Buffer> {
  const full = await resolveInside(root, path);
  const handle = await open(full, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") throw new UnsafePathError(`${path} does not exist`);
      if (error.code === "ELOOP") throw new UnsafePathError(`${path} is a symbolic link, which is refused`);
      throw new UnsafePathError(`${path} cannot be opened: ${error.message}`);
    },
  );
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UnsafePathError(`${path} is not a regular file`);
    if (stats.size > maxBytes)
      throw new UnsafePathError(`${path} is ${stats.size} bytes, over the ${maxBytes}-byte cap`);
    // Read one byte past the cap: a file that grew since fstat is refused too.
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    if (filled > maxBytes) throw new UnsafePathError(`${path} grew past the ${maxBytes}-byte cap while being read`);
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** The text of a regular file inside `root`, refusing symlinks, escapes and files over `maxBytes`. */
export async function readTextInside(root: string, path: string, maxBytes = MAX_SOURCE_BYTES): Promise<string> {
  return (await readFileInside(root, path, maxBytes)).toString("utf8");
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
