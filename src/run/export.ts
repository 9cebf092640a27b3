// `dgm export`: takes an agent home — its source (git checkout), a runnable one-file bundle, a
// manifest with lineage, scores and the models it was evolved with, and optionally a git bundle.
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { AgentRow, Archive } from "../../archive/index.ts";
import { type ArchivedBundle, bundleOfArchivedAgent } from "../../evaluator/index.ts";
import type { Sandbox } from "../../sandbox/index.ts";
import { CommandError } from "./errors.ts";

export interface ExportManifest {
  format: "dgm-agent-export/1";
  agent: {
    id: string;
    runId: string;
    commit: string;
    tree: string;
    generation: number;
    status: string;
    scores: AgentRow["scores"];
  };
  lineage: {
    id: string;
    generation: number;
    status: string;
    scores: AgentRow["scores"];
    problemStatement: string | null;
  }[];
  /** Distinct models that made calls in the agent's run, by purpose (self-modify, diagnose, solve…). */
  models: { purpose: string; role: string; provider: string; model: string; calls: number }[];
  runConfig: Record<string, unknown> | null;
  files: { source: string; bundle: string | null; gitBundle: string | null };
  /** Why the runnable bundle is missing, when it is. */
  bundleError: string | null;
  exportedAt: string;
}

export interface ExportOptions {
  gitBundle?: boolean;
  /** Where the runnable bundle is compiled when the archive has none cached for the agent's tree. */
  sandbox?: Sandbox;
}

export async function exportAgent(
  archive: Archive,
  agent: AgentRow,
  outDir: string,
  options: ExportOptions = {},
): Promise<ExportManifest> {
  const out = resolve(outDir);
  await mkdir(out, { recursive: true });
  if ((await readdir(out)).length > 0)
    throw new CommandError(`${out} is not empty; give --out a new or empty directory`);

  const sourceDir = join(out, "source");
  await archive.store.checkout(agent.commit, sourceDir);
  // Compiled in the sandbox (or taken from the tree's cached bundle): never on the host.
  const bundled: ArchivedBundle = options.sandbox
    ? await bundleOfArchivedAgent(archive, agent, options.sandbox).catch((error: unknown) => ({
        ok: false,
        reason: `it could not be compiled in the sandbox (${error instanceof Error ? error.message : error}); \`dgm doctor\` says why`,
      }))
    : { ok: false, reason: "no sandbox was given to compile it in" };
  if (bundled.ok) await copyFile(bundled.bundleFile, join(out, "agent.mjs"));
  let gitBundle: string | null = null;
  if (options.gitBundle) {
    gitBundle = "agent.bundle";
    await archive.store.exportBundle(agent.commit, join(out, gitBundle));
  }

  const attempts = archive.listAttempts(agent.runId);
  const statementOf = (id: string): string | null =>
    attempts.find((attempt) => attempt.childId === id)?.problemStatement ?? null;
  const models = new Map<string, ExportManifest["models"][number]>();
  for (const call of archive.listModelCalls({ runId: agent.runId })) {
    const key = [call.caller.purpose, call.role, call.provider, call.model].join("\u0000");
    const entry = models.get(key);
    if (entry) entry.calls++;
    else
      models.set(key, {
        purpose: call.caller.purpose,
        role: call.role,
        provider: call.provider,
        model: call.model,
        calls: 1,
      });
  }
  const manifest: ExportManifest = {
    format: "dgm-agent-export/1",
    agent: {
      id: agent.id,
      runId: agent.runId,
      commit: agent.commit,
      tree: agent.tree,
      generation: agent.generation,
      status: agent.status,
      scores: agent.scores,
    },
    lineage: archive.lineage(agent.id).map((row) => ({
      id: row.id,
      generation: row.generation,
      status: row.status,
      scores: row.scores,
      problemStatement: statementOf(row.id),
    })),
    models: [...models.values()],
    runConfig: archive.getRun(agent.runId)?.config ?? null,
    files: { source: "source/", bundle: bundled.ok ? "agent.mjs" : null, gitBundle },
    bundleError: bundled.ok ? null : bundled.reason,
    exportedAt: new Date().toISOString(),
  };
  await writeFile(join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
