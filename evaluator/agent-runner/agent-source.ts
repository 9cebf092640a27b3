// The one reading of an agent reference, shared by every command that takes one: "seed" (the built-in
// agent), a directory holding an agent's source (src/main.ts), or an archived agent (id, unique prefix,
// "best", "best@<run>"). A directory wins over an id of the same spelling, as a path is what a person
// typing "./x" means.
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type AgentRow, type Archive, resolveAgentRef } from "../../archive/index.ts";
import { DgmError } from "../../common/index.ts";

export const SEED_AGENT_DIR = fileURLToPath(new URL("../../agents/seed/", import.meta.url));

/** A reference that names no usable agent; the message says which forms are accepted. */
export class AgentRefError extends DgmError {}

export type AgentSource =
  | { kind: "directory"; dir: string; label: string }
  | { kind: "archived"; agent: AgentRow; label: string };

export const AGENT_REF_FORMS = '"seed", an agent directory, an agent id or unique prefix, "best" or "best@<run>"';

export function resolveAgentSource(archive: Archive, ref: string, runRef?: string): AgentSource {
  if (ref === "seed") return { kind: "directory", dir: SEED_AGENT_DIR, label: "seed" };
  const asDir = resolve(ref);
  if (existsSync(asDir) && statSync(asDir).isDirectory()) {
    if (!existsSync(join(asDir, "src", "main.ts")))
      throw new AgentRefError(`${asDir} is not an agent: it has no src/main.ts`, {
        fix: `see agents/README.md for what an agent is; or give ${AGENT_REF_FORMS}`,
      });
    return { kind: "directory", dir: asDir, label: asDir };
  }
  const agent = resolveAgentRef(archive, ref, runRef);
  return { kind: "archived", agent, label: agent.id };
}

/** For commands about the archive's own agents (show, diff, export, lineage): a directory is refused. */
export function resolveArchivedAgent(archive: Archive, ref: string, runRef?: string): AgentRow {
  const source = resolveAgentSource(archive, ref, runRef);
  if (source.kind === "archived") return source.agent;
  throw new AgentRefError(`${source.label} is an agent directory, not an agent in the archive`, {
    fix: 'give an agent id or unique prefix, "best" or "best@<run>" (`dgm tree` shows ids)',
  });
}

/**
 * The source as a new first-generation agent of run `runId`: a directory is imported as a commit (its
 * tree checked as every agent tree is), an archived agent's commit is reused.
 */
export async function importAgentSource(
  archive: Archive,
  source: AgentSource,
  runId: string,
  message: string,
): Promise<AgentRow> {
  const { commit, tree } =
    source.kind === "directory" ? await archive.store.importDir(source.dir, message) : source.agent;
  const agent = archive.createAgent({ runId, parentId: null, commit, tree, generation: 0 });
  await archive.store.setBranch(agent.id, commit);
  return agent;
}

/** The agent's source on disk: its directory, or the archived commit checked out under `scratch`. */
export async function checkoutAgentSource(archive: Archive, source: AgentSource, scratch: string): Promise<string> {
  if (source.kind === "directory") return source.dir;
  const dir = join(scratch, "agent-source");
  await archive.store.checkout(source.agent.commit, dir);
  return dir;
}
