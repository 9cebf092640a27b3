// Host-side tar streams: packing a directory (or in-memory files) for copying into a container,
// and unpacking a container's tar onto the host without letting it write outside the target.
import { createReadStream, createWriteStream } from "node:fs";
import { chmod, lstat, mkdir, readdir, readlink, symlink, utimes } from "node:fs/promises";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import * as tar from "tar-stream";

/** A tar being produced: what packDirectory/packFiles return (a streamx stream, iterable as bytes). */
export type TarSource = AsyncIterable<Buffer>;

import { SandboxError } from "./errors.ts";

// tar-stream's streams are streamx streams: async-iterable, which is all Node's pipeline needs.
function asBytes(pack: tar.Pack): TarSource {
  return pack as unknown as TarSource;
}

/** Packs hostDir's contents (files, dirs, symlinks, modes) as a tar stream with relative names. */
export function packDirectory(hostDir: string): TarSource {
  const pack = tar.pack();
  const walk = async (relativeDir: string): Promise<void> => {
    const entries = await readdir(join(hostDir, relativeDir), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const name = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
      const full = join(hostDir, name);
      const stats = await lstat(full);
      const mode = stats.mode & 0o7777;
      if (stats.isDirectory()) {
        pack.entry({ name, type: "directory", mode, mtime: stats.mtime });
        await walk(name);
      } else if (stats.isSymbolicLink()) {
        pack.entry({ name, type: "symlink", linkname: await readlink(full), mode, mtime: stats.mtime });
      } else if (stats.isFile()) {
        const sink = pack.entry({ name, type: "file", size: stats.size, mode, mtime: stats.mtime });
        await pipeline(createReadStream(full), sink);
      }
      // Sockets, fifos and devices are not source code: skipped.
    }
  };
  walk("").then(
    () => pack.finalize(),
    (error: unknown) => pack.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return asBytes(pack);
}

/** Packs in-memory files (relative paths; parent directories are created). */
export function packFiles(files: Record<string, string | Buffer>): TarSource {
  const pack = tar.pack();
  const dirs = new Set<string>();
  for (const name of Object.keys(files)) {
    const clean = safeRelative(name);
    for (let dir = posix.dirname(clean); dir !== "." && !dirs.has(dir); dir = posix.dirname(dir)) dirs.add(dir);
  }
  for (const dir of [...dirs].sort()) pack.entry({ name: dir, type: "directory", mode: 0o755 });
  for (const [name, content] of Object.entries(files)) {
    pack.entry({ name: safeRelative(name), type: "file", mode: 0o644 }, content);
  }
  pack.finalize();
  return asBytes(pack);
}

function safeRelative(name: string): string {
  const clean = posix.normalize(name).replace(/^\.\/+/, "");
  if (clean === "" || clean === "." || clean.startsWith("../") || clean === ".." || posix.isAbsolute(clean)) {
    throw new SandboxError(`refusing file name ${JSON.stringify(name)}: it must be a relative path inside the target`);
  }
  return clean;
}

type EntryStream = AsyncIterable<Buffer> & { resume(): unknown };

/**
 * A tar extractor writing under hostDir. The tar comes from untrusted code, so entries that would
 * land outside hostDir (absolute, `..`, or through a symlink extracted earlier) are refused.
 */
export function extractInto(hostDir: string): tar.Extract {
  const root = resolve(hostDir);
  const extract = tar.extract();
  const directoryTimes: Array<{ path: string; mtime: Date }> = [];
  extract.on("entry", (header, stream, next) => {
    place(root, header, stream as unknown as EntryStream, directoryTimes).then(
      () => next(),
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  });
  extract.on("finish", () => {
    // Directory mtimes last: writing their children changed them.
    for (const { path, mtime } of directoryTimes.reverse()) void utimes(path, mtime, mtime).catch(() => {});
  });
  return extract;
}

async function place(
  root: string,
  header: tar.Header,
  stream: EntryStream,
  directoryTimes: Array<{ path: string; mtime: Date }>,
): Promise<void> {
  const name = header.name.replace(/^\.\/+/, "").replace(/\/+$/, "");
  if (name === "" || name === ".") {
    stream.resume();
    return;
  }
  const target = resolve(root, name);
  if (!target.startsWith(root + sep))
    throw new SandboxError(`tar entry ${JSON.stringify(header.name)} escapes ${root}`);
  await refuseSymlinkedParents(root, target);
  const mode = (header.mode ?? 0o644) & 0o7777;
  switch (header.type) {
    case "directory":
      await mkdir(target, { recursive: true });
      await chmod(target, mode | 0o700);
      if (header.mtime) directoryTimes.push({ path: target, mtime: header.mtime });
      stream.resume();
      return;
    case "symlink":
      await mkdir(dirname(target), { recursive: true });
      await symlink(header.linkname ?? "", target);
      stream.resume();
      return;
    case "file":
    case "contiguous-file":
      await mkdir(dirname(target), { recursive: true });
      await pipeline(stream, createWriteStream(target, { mode }));
      await chmod(target, mode);
      if (header.mtime) await utimes(target, header.mtime, header.mtime);
      return;
    default:
      // Hard links, devices, fifos: never materialised on the host.
      stream.resume();
  }
}

async function refuseSymlinkedParents(root: string, target: string): Promise<void> {
  const parts = relative(root, dirname(target)).split(sep).filter(Boolean);
  let current = root;
  for (const part of parts) {
    current = join(current, part);
    const stats = await lstat(current).catch(() => undefined);
    if (!stats) return;
    if (stats.isSymbolicLink()) throw new SandboxError(`tar entry under ${current} would be written through a symlink`);
  }
}
