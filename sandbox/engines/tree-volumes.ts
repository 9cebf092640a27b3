// Read-only trees of our own (the toolchain, the grader harness) on an engine that cannot see this
// machine's files: copied once into a Docker volume named by the tree's content hash, then mounted
// read-only into every session that asks for the tree. A second, empty volume marks a copy as
// complete, so checking a tree costs one API call and a copy cut short is never mounted.
import { createHash, randomBytes } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import { PROJECT_LABEL, PROJECT_LABEL_VALUE } from "../container-spec.ts";
import { untarInto } from "../container-tar.ts";
import { dockerStatusCode } from "../docker.ts";
import { SandboxError } from "../errors.ts";
import { runExec } from "../exec.ts";
import { packDirectory } from "../tar-pack.ts";
import type { ReadOnlyTree } from "../types.ts";
import type { Engine } from "./engine.ts";
import { oncePerEngine } from "./once-per-engine.ts";

export const TREE_LABEL = "dgm.tree";
const hashes = new Map<string, Promise<string>>();
const copies = oncePerEngine<string>();

/** Hash of every path, mode, link target and file content of the tree's sources; once per process. */
export function treeHash(tree: ReadOnlyTree): Promise<string> {
  const key = JSON.stringify(tree);
  let pending = hashes.get(key);
  if (!pending) {
    pending = hashTree(tree);
    hashes.set(key, pending);
  }
  return pending;
}

async function hashTree(tree: ReadOnlyTree): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (dir: string, relative: string): Promise<void> => {
    const entries = (await readdir(dir)).sort();
    for (const name of entries) {
      const full = join(dir, name);
      const path = `${relative}/${name}`;
      const stats = await lstat(full);
      hash.update(`${path}\0${stats.mode & 0o7777}\0`);
      if (stats.isDirectory()) await walk(full, path);
      else if (stats.isSymbolicLink()) hash.update(`link:${await readlink(full)}\0`);
      else if (stats.isFile()) hash.update(await readFile(full));
    }
  };
  for (const source of [...tree.sources].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    hash.update(`source:${source.path}\0`);
    await walk(source.hostPath, source.path);
  }
  return hash.digest("hex").slice(0, 16);
}

/** The volume holding `tree` on `engine`, copied there first when missing; once per engine and tree. */
export function ensureTreeVolume(engine: Engine, tree: ReadOnlyTree, image: string): Promise<string> {
  return copies(engine, JSON.stringify(tree), () => copyTreeIfMissing(engine, tree, image));
}

async function volumeExists(engine: Engine, name: string): Promise<boolean> {
  try {
    await engine.docker.getVolume(name).inspect();
    return true;
  } catch (error) {
    if (dockerStatusCode(error) === 404) return false;
    throw error;
  }
}

async function copyTreeIfMissing(engine: Engine, tree: ReadOnlyTree, image: string): Promise<string> {
  const volume = `dgm-tree-${tree.name}-${await treeHash(tree)}`;
  const complete = `${volume}-complete`;
  if (await volumeExists(engine, complete)) return volume;
  const labels = { [PROJECT_LABEL]: PROJECT_LABEL_VALUE, [TREE_LABEL]: tree.name };
  await engine.docker.createVolume({ Name: volume, Labels: labels });
  // A helper container of our own image writes the volume; it runs nothing of an agent's.
  const container = await engine.docker.createContainer({
    name: `dgm-tree-copy-${randomBytes(4).toString("hex")}`,
    Image: image,
    Cmd: ["sleep", "infinity"],
    User: "0:0",
    Labels: { ...labels, "dgm.purpose": "tree-copy" },
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: "none",
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      ReadonlyRootfs: true,
      Init: true,
      Mounts: [{ Type: "volume", Source: volume, Target: "/tree" }],
    },
  });
  try {
    await container.start();
    // Each copy goes to a directory of its own, renamed into place: two processes copying the same
    // tree at once never write over files the other is using.
    const staging = `/tree/.staging-${randomBytes(4).toString("hex")}`;
    for (const source of tree.sources) {
      const target = source.path ? `${staging}/${source.path}` : staging;
      await untarInto(container, target, packDirectory(source.hostPath), `copying ${source.hostPath}`, { user: "0:0" });
    }
    // Each copy goes to a directory of its own and is moved into place entry by entry unless an entry
    // is there already: two processes copying the same tree at once never write over each other's files.
    const moved = await runExec(
      { container, killContainer: async () => {}, consumeOomKill: async () => false },
      {
        cmd: [
          "sh",
          "-c",
          'cd "$1" && for entry in * .[!.]*; do [ -e "$entry" ] || continue; [ -e "/tree/$entry" ] || mv "$entry" "/tree/$entry"; done; cd / && rm -rf "$1"',
          "sh",
          staging,
        ],
        timeoutMs: 60_000,
        user: "0:0",
      },
    );
    if (moved.exitCode !== 0) {
      throw new SandboxError(
        `moving the tree into place ended by ${moved.status} (exit ${moved.exitCode}): ${moved.stderr.trim()}`,
      );
    }
    await engine.docker.createVolume({ Name: complete, Labels: labels });
    return volume;
  } catch (error) {
    throw new SandboxError(
      `copying ${tree.name} to engine ${engine.name} failed: ${error instanceof Error ? error.message : error}`,
      { cause: error },
    );
  } finally {
    await container.remove({ force: true }).catch(() => {});
  }
}
