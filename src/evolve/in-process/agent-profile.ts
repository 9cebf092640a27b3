// What the simulator would see of an agent, read from its source without running it: the system prompt
// its prompts file declares, the skills its prompt and editor schema express, whether it can check its
// work (a shell tool), and the fingerprint that gives it noise of its own. Cached per source tree.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { AgentRow, AgentStore } from "../../../archive/index.ts";
import { isFileInside, readTextInside } from "../../../sandbox/index.ts";
import { promptSkillsIn, simFingerprint, systemPromptInSource, toolSkillsInSource } from "../../llm/index.ts";

/** Where the seed keeps these; the sim's self-modification edits the prompts file by this path. */
export const PROMPTS_FILE = "src/prompts.ts";
const EDITOR_FILE = "src/tools/editor.ts";
const SHELL_FILE = "src/tools/bash.ts";

export interface AgentProfile {
  systemPrompt: string;
  skills: Set<string>;
  /** A shell to run checks with, and the run_tests skill to use it: may fix a wrong first answer. */
  checksWork: boolean;
  fingerprint: string;
}

/** Unreadable parts (missing, a symlink, too large) count as empty: the agent then expresses fewer skills. */
export async function readProfile(sourceDir: string): Promise<AgentProfile> {
  const prompts = await readTextInside(sourceDir, PROMPTS_FILE).catch(() => "");
  const editor = await readTextInside(sourceDir, EDITOR_FILE).catch(() => "");
  const systemPrompt = systemPromptInSource(prompts);
  const skills = new Set([...promptSkillsIn(systemPrompt), ...toolSkillsInSource(editor)]);
  const hasShell = await isFileInside(sourceDir, SHELL_FILE);
  return {
    systemPrompt,
    skills,
    checksWork: hasShell && skills.has("run_tests"),
    fingerprint: simFingerprint(systemPrompt, editor),
  };
}

/** Profiles by git tree: identical sources share one, and an agent gated in this process is never read twice. */
export class AgentProfiles {
  private readonly byTree = new Map<string, Promise<AgentProfile>>();

  constructor(
    private readonly store: AgentStore,
    /** Scratch space for checkouts of agents not seen yet (e.g. a parent gated before a resume). */
    private readonly scratchRoot: string,
  ) {}

  /** Reads (once per tree) the profile of a source already checked out. */
  fromDir(tree: string, sourceDir: string): Promise<AgentProfile> {
    let profile = this.byTree.get(tree);
    if (!profile) {
      profile = readProfile(sourceDir);
      this.byTree.set(tree, profile);
      profile.catch(() => this.byTree.delete(tree));
    }
    return profile;
  }

  of(agent: AgentRow): Promise<AgentProfile> {
    const known = this.byTree.get(agent.tree);
    if (known) return known;
    const profile = this.checkoutAndRead(agent);
    this.byTree.set(agent.tree, profile);
    profile.catch(() => this.byTree.delete(agent.tree));
    return profile;
  }

  private async checkoutAndRead(agent: AgentRow): Promise<AgentProfile> {
    await mkdir(this.scratchRoot, { recursive: true });
    const dir = await mkdtemp(join(this.scratchRoot, `${agent.id.slice(0, 8)}-`));
    try {
      await this.store.checkout(agent.commit, dir);
      return await readProfile(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
