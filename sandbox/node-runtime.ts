// The agent's runtime for images that are not ours (SWE-bench's environment images have no Node): this
// machine's node binary as a read-only tree at /opt/dgm-node, so the agent runs on the same Node
// wherever it lands. The binary is copied once into a host directory of its own (a tree's sources are
// directories, and mounting the host's /usr/bin would show the agent everything in it).
import { randomUUID } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { copyFile, mkdir, rename } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReadOnlyTree } from "./types.ts";

export const NODE_RUNTIME_ROOT = "/opt/dgm-node";
export const NODE_RUNTIME_BIN = `${NODE_RUNTIME_ROOT}/bin`;

/** A directory holding bin/node, a copy of the running node (refreshed when the binary differs in size or age). */
async function runtimeDir(): Promise<string> {
  const dir = join(tmpdir(), `dgm-node-runtime-${process.getuid?.() ?? 0}-${process.version}`);
  const target = join(dir, "bin", "node");
  const source = statSync(process.execPath);
  if (existsSync(target)) {
    const copy = statSync(target);
    if (copy.size === source.size && copy.mtimeMs >= source.mtimeMs) return dir;
  }
  await mkdir(join(dir, "bin"), { recursive: true, mode: 0o755 });
  // Copy then rename: a concurrent session never mounts a half-written binary.
  const temporary = `${target}.${process.pid}.${randomUUID()}.tmp`;
  await copyFile(process.execPath, temporary);
  await rename(temporary, target);
  return dir;
}

/** The read-only tree carrying node into a session (bind-mounted here, copied once to a volume elsewhere). */
export async function prepareNodeRuntime(): Promise<ReadOnlyTree> {
  return { name: "node", containerPath: NODE_RUNTIME_ROOT, sources: [{ hostPath: await runtimeDir(), path: "" }] };
}
