// The runnable bundle of an archived agent, compiled once per source tree: identical sources share one
// bundle (`<home>/bundles/<tree>.mjs`) across agents, runs and commands (evolve, solve, export).
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { AgentRow, Archive } from "../../archive/index.ts";
import type { Sandbox } from "../../sandbox/index.ts";
import { buildAgent } from "./build.ts";

export type ArchivedBundle = { ok: true; bundleFile: string } | { ok: false; reason: string };

/** Where a tree's bundle is kept; the gate stores its own bundle there so it is never rebuilt. */
export function treeBundlePath(archive: Pick<Archive, "home">, tree: string): string {
  return join(archive.home, "bundles", `${tree}.mjs`);
}

export async function bundleOfArchivedAgent(
  archive: Pick<Archive, "home" | "store">,
  agent: Pick<AgentRow, "id" | "commit" | "tree">,
  sandbox: Sandbox,
): Promise<ArchivedBundle> {
  const bundleFile = treeBundlePath(archive, agent.tree);
  if (existsSync(bundleFile)) return { ok: true, bundleFile };
  await mkdir(join(archive.home, "bundles"), { recursive: true });
  const scratch = await mkdtemp(join(archive.home, "bundles", ".build-"));
  try {
    const sourceDir = join(scratch, "source");
    await archive.store.checkout(agent.commit, sourceDir);
    const partial = join(scratch, `${randomUUID()}.mjs`);
    const built = await buildAgent({ sandbox, sourceDir, outFile: partial, labels: { agent: agent.id } });
    if (!built.ok) return { ok: false, reason: `${built.stage}: ${built.reason}` };
    await rename(partial, bundleFile);
    return { ok: true, bundleFile };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
