// One reading of agent and run references for every command: "seed", a directory, an id or unique
// prefix, "best", "best@<run>"; ambiguous prefixes are errors that list the candidates. Checked on the
// resolver itself and through the commands that used to read references each their own way.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArchiveError, openArchive, resolveRunRef, type SqliteArchive } from "../../archive/index.ts";
import { AgentRefError, resolveAgentSource, resolveArchivedAgent, SEED_AGENT_DIR } from "../../evaluator/index.ts";
import { registerArchiveCommands } from "../../src/cli/commands/archive.ts";
import { registerEvalCommands } from "../../src/cli/commands/eval.ts";
import { runCommand, runInspect } from "../report/cli.ts";
import { tempDir } from "../support/temp.ts";

let home: string;
let archive: SqliteArchive;
const ids = { old: "", oldBest: "", twinA: "abc1110000aa", twinB: "abc2220000bb", latestBest: "" };
let runs: { old: string; latest: string };

beforeAll(async () => {
  home = tempDir("refs-home");
  archive = await openArchive(home);
  const { commit, tree } = await archive.store.importDir(SEED_AGENT_DIR, "seed");
  const old = archive.createRun({ config: {}, seed: 0 });
  const latest = archive.createRun({ config: {}, seed: 0 });
  runs = { old: old.id, latest: latest.id };
  const agent = (runId: string, score: number, id?: string) => {
    const row = archive.createAgent({ runId, parentId: null, commit, tree, generation: 0, status: "admitted", id });
    archive.setAgentScore(row.id, "small", score);
    return row.id;
  };
  ids.old = agent(old.id, 0.2);
  ids.oldBest = agent(old.id, 0.9);
  agent(latest.id, 0.3, ids.twinA);
  agent(latest.id, 0.4, ids.twinB);
  ids.latestBest = agent(latest.id, 0.6);
});
afterAll(() => archive?.close());

describe("one resolver for agent references", () => {
  it('reads "seed" and a directory as agent sources, and refuses a directory that holds no agent', () => {
    expect(resolveAgentSource(archive, "seed")).toEqual({ kind: "directory", dir: SEED_AGENT_DIR, label: "seed" });
    expect(resolveAgentSource(archive, SEED_AGENT_DIR)).toMatchObject({ kind: "directory", dir: expect.any(String) });
    const notAnAgent = tempDir("refs-not-agent");
    mkdirSync(join(notAnAgent, "src"));
    writeFileSync(join(notAnAgent, "README.md"), "no main.ts here\n");
    expect(() => resolveAgentSource(archive, notAnAgent)).toThrow(AgentRefError);
    expect(() => resolveAgentSource(archive, notAnAgent)).toThrow(/is not an agent: it has no src\/main\.ts/);
  });

  it('reads ids, unique prefixes, "best" (of the latest run or of --run) and "best@<run>"', () => {
    const archived = (ref: string, run?: string) => {
      const source = resolveAgentSource(archive, ref, run);
      return source.kind === "archived" ? source.agent.id : `directory ${source.dir}`;
    };
    expect(archived(ids.old)).toBe(ids.old);
    expect(archived(ids.twinA.slice(0, 4))).toBe(ids.twinA);
    expect(archived("best")).toBe(ids.latestBest);
    expect(archived("best", runs.old)).toBe(ids.oldBest);
    expect(archived(`best@${runs.old}`)).toBe(ids.oldBest);
    const uniquePrefix = [...runs.old]
      .map((_, end) => runs.old.slice(0, end + 1))
      .find((prefix) => !runs.latest.startsWith(prefix));
    expect(archived(`best@${uniquePrefix}`)).toBe(ids.oldBest);
  });

  it("refuses an ambiguous prefix with its candidates, and an unknown one with what to type", () => {
    expect(() => resolveAgentSource(archive, "abc")).toThrow(
      `agent prefix "abc" is ambiguous: it matches ${ids.twinA}, ${ids.twinB}`,
    );
    let unknown: unknown;
    try {
      resolveAgentSource(archive, "zzzz");
    } catch (error) {
      unknown = error;
    }
    expect(unknown).toBeInstanceOf(ArchiveError);
    expect(unknown).toMatchObject({
      message: `no agent "zzzz" in ${home}`,
      fix: expect.stringContaining("best@<run>"),
    });
  });

  it("refuses a directory where an archived agent is needed (show, diff, export, lineage)", () => {
    expect(() => resolveArchivedAgent(archive, "seed")).toThrow(/is an agent directory, not an agent in the archive/);
    expect(resolveArchivedAgent(archive, ids.twinB.slice(0, 5)).id).toBe(ids.twinB);
  });

  it("reads run references the same way everywhere: latest, a unique prefix, an ambiguous one", () => {
    expect(resolveRunRef(archive, undefined).id).toBe(runs.latest);
    expect(resolveRunRef(archive, "latest").id).toBe(runs.latest);
    const shared = runs.old.slice(0, 4);
    expect(runs.latest.startsWith(shared)).toBe(true);
    expect(() => resolveRunRef(archive, shared)).toThrow(`run prefix "${shared}" is ambiguous: it matches`);
  });
});

describe("the commands read references through it", () => {
  it("show, lineage and eval all accept best@<run> and name the same candidates for an ambiguous prefix", async () => {
    expect(await runInspect(home, ["best", runs.old])).toContain(ids.oldBest);
    const lineage = await runInspect(home, ["lineage", `best@${runs.old}`, "--json"], registerArchiveCommands);
    expect(JSON.parse(lineage).map((row: { id: string }) => row.id)).toEqual([ids.oldBest]);
    for (const [args, register] of [
      [["show", "abc"], undefined],
      [["lineage", "abc"], registerArchiveCommands],
      [["eval", "abc", "--suite", "builtin:small"], registerEvalCommands],
    ] as const) {
      const { error } = await runCommand(["--home", home, ...args], register);
      expect(error, args.join(" ")).toBeInstanceOf(ArchiveError);
      expect((error as Error).message).toContain(`matches ${ids.twinA}, ${ids.twinB}`);
    }
  });
});
