// Host-side tar streams: packing a directory (or in-memory files) for copying into a container,
// and unpacking a container's tar onto the host without letting it write outside the target.
import { constants, createReadStream } from "node:fs";
import { chmod, lstat, mkdir, open, readdir, readlink, symlink, utimes } from "node:fs/promises";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import * as tar from "tar-stream";

/** A tar being produced: what packDirectory/packFiles return (a streamx stream, iterable as bytes). */
export type TarSource = AsyncIterable<Buffer>;

import { SandboxError } from "./errors.ts";
import { linkStaysInside, UnsafePathError } from "./host-files.ts";
import type { CopyInOptions, CopyOutPolicy } from "./types.ts";

// tar-stream's streams are streamx streams. Node's pipeline does not see a streamx stream's error (a
// destroyed pack hung the copy), but async iteration does: Readable.from turns it into a Node stream.
function asBytes(pack: tar.Pack): TarSource {
  return Readable.from(pack as unknown as AsyncIterable<Buffer>);
}

/** What a directory copied into a container may hold (the sandbox contract's copy-in options). */
export type PackOptions = CopyInOptions;

/** Packs hostDir's contents (files, dirs, symlinks, modes) as a tar stream with relative names. */
export function packDirectory(hostDir: string, options: PackOptions = {}): TarSource {
  const pack = tar.pack();
  const strict = options.links === "refuse";
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
        if (strict)
          throw new UnsafePathError(`${name} is a symbolic link; an agent's tree may hold regular files only`);
        pack.entry({ name, type: "symlink", linkname: await readlink(full), mode, mtime: stats.mtime });
      } else if (stats.isFile()) {
        if (strict && stats.nlink > 1)
          throw new UnsafePathError(`${name} is a hard link; an agent's tree may hold regular files only`);
        const sink = pack.entry({ name, type: "file", size: stats.size, mode, mtime: stats.mtime });
        await pipeline(createReadStream(full), sink);
      } else if (strict) {
        throw new UnsafePathError(`${name} is a device, FIFO or socket; an agent's tree may hold regular files only`);
      }
      // Otherwise sockets, fifos and devices are not source code: skipped.
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

/** What a tar coming out of a container may put on the host (the sandbox contract's copy-out policy). */
export type ExtractPolicy = CopyOutPolicy;

/** An extraction in progress: the tar sink, and what it refused to create (for the caller's warnings). */
export interface Extraction {
  sink: tar.Extract;
  /** One line per entry not materialised, e.g. "trajectory.jsonl: symbolic link to /proc/self/environ (refused)". */
  refused: string[];
}

/** Copy-out caps for a directory an agent filled: the workspace tmpfs is 1 GiB, the host keeps far less. */
export const DEFAULT_EXTRACT_POLICY: ExtractPolicy = {
  symlinks: "refuse",
  maxBytes: 256 * 1024 * 1024,
  maxEntries: 100_000,
};

/**
 * A tar extractor writing under hostDir. The tar comes from untrusted code, so entries that would land
 * outside hostDir (absolute, `..`, or through a symlink extracted earlier) fail the copy; symlinks the
 * policy does not allow, hard links, devices and FIFOs are never materialised; and bytes and entries
 * are counted as they arrive, so a 3 GiB sparse file stops at the cap instead of filling the disk.
 */
export function extractInto(hostDir: string, policy: ExtractPolicy = DEFAULT_EXTRACT_POLICY): Extraction {
  const root = resolve(hostDir);
  const extract = tar.extract();
  const directoryTimes: Array<{ path: string; mtime: Date }> = [];
  const refused: string[] = [];
  const counts = { bytes: 0, entries: 0 };
  extract.on("entry", (header, stream, next) => {
    // A failed extraction destroys the current entry's stream with the same error, which the extract
    // itself already reports: without a listener it would be thrown as uncaught.
    stream.on("error", () => {});
    const entry = { root, header, stream: stream as unknown as EntryStream, directoryTimes, refused };
    // Settled asynchronously either way: tar-stream must not see next(error) inside its own emit.
    const work = async (): Promise<void> => {
      admit(header, policy, counts);
      await place(entry, policy);
    };
    work().then(
      () => next(),
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  });
  extract.on("finish", () => {
    // Directory mtimes last: writing their children changed them.
    for (const { path, mtime } of directoryTimes.reverse()) void utimes(path, mtime, mtime).catch(() => {});
  });
  return { sink: extract, refused };
}

/** Counts an entry against the caps before anything is written (the header announces the size). */
function admit(header: tar.Header, policy: ExtractPolicy, counts: { bytes: number; entries: number }): void {
  counts.entries += 1;
  counts.bytes += header.type === "file" || header.type === "contiguous-file" ? (header.size ?? 0) : 0;
  if (counts.entries > policy.maxEntries)
    throw new UnsafePathError(`the copy holds more than ${policy.maxEntries} entries; stopped at the cap`);
  if (counts.bytes > policy.maxBytes)
    throw new UnsafePathError(
      `the copy holds more than ${policy.maxBytes} bytes (at ${header.name}, ${header.size ?? 0} bytes); stopped at the cap`,
    );
}

const WRITE_NO_FOLLOW = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;

interface Entry {
  root: string;
  header: tar.Header;
  stream: EntryStream;
  directoryTimes: Array<{ path: string; mtime: Date }>;
  refused: string[];
}

async function place(entry: Entry, policy: ExtractPolicy): Promise<void> {
  const { root, header, stream } = entry;
  const name = header.name.replace(/^\.\/+/, "").replace(/\/+$/, "");
  if (name === "" || name === ".") {
    stream.resume();
    return;
  }
  const target = resolve(root, name);
  if (!target.startsWith(root + sep))
    throw new UnsafePathError(`tar entry ${JSON.stringify(header.name)} escapes ${root}`);
  await refuseSymlinkedParents(root, target);
  const mode = (header.mode ?? 0o644) & 0o7777;
  switch (header.type) {
    case "directory":
      await mkdir(target, { recursive: true });
      await chmod(target, mode | 0o700);
      if (header.mtime) entry.directoryTimes.push({ path: target, mtime: header.mtime });
      stream.resume();
      return;
    case "symlink": {
      stream.resume();
      const link = header.linkname ?? "";
      if (policy.symlinks !== "inside" || !linkStaysInside(root, target, link)) {
        entry.refused.push(`${name}: symbolic link to ${link} (refused)`);
        return;
      }
      await mkdir(dirname(target), { recursive: true });
      await symlink(link, target);
      return;
    }
    case "file":
    case "contiguous-file":
      await mkdir(dirname(target), { recursive: true });
      // O_NOFOLLOW: an existing path that is a link (placed by an earlier entry) is never written through.
      await pipeline(stream, (await open(target, WRITE_NO_FOLLOW, mode)).createWriteStream());
      await chmod(target, mode);
      if (header.mtime) await utimes(target, header.mtime, header.mtime);
      return;
    default:
      // Hard links, devices, fifos: never materialised on the host.
      stream.resume();
      entry.refused.push(`${name}: ${header.type ?? "unknown entry"} (refused)`);
  }
}

async function refuseSymlinkedParents(root: string, target: string): Promise<void> {
  const parts = relative(root, dirname(target)).split(sep).filter(Boolean);
  let current = root;
  for (const part of parts) {
    current = join(current, part);
    const stats = await lstat(current).catch(() => undefined);
    if (!stats) return;
    if (stats.isSymbolicLink())
      throw new UnsafePathError(`tar entry under ${current} would be written through a symlink`);
  }
}
