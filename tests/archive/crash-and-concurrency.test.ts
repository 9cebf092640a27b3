import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32, openArchive, type SqliteArchive } from "../../archive/index.ts";
import { tempDir, writeTree } from "./helpers.ts";

const runTs = resolve("bin/run-ts.mjs");
const writerScript = resolve("tests/archive/fixtures/writer.ts");
const seedDir = resolve("agents/seed");

function startWriter(home: string, runId: string, parentId: string, count: number, tag: string): ChildProcess {
  // Its own process group, so a kill also takes down any git it is running mid-write. Its scratch
  // goes inside the home: a killed writer cannot remove it, the test's cleanup does.
  const scratch = join(home, "tmp");
  mkdirSync(scratch, { recursive: true });
  return spawn(process.execPath, [runTs, writerScript, home, runId, parentId, String(count), tag], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, TMPDIR: scratch },
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((done) => child.on("exit", (code, signal) => done({ code, signal, stderr })));
}

describe("archive under crashes and concurrent writers", () => {
  let home: ReturnType<typeof tempDir>;
  let archive: SqliteArchive;
  let runId: string;
  let seedId: string;

  beforeAll(async () => {
    home = tempDir();
    archive = await openArchive(home.path);
    runId = archive.createRun({ config: {}, seed: 1 }).id;
    const src = join(home.path, "seed");
    await writeTree(src, { "src/agent.ts": "export const version = 0;\n" });
    const { commit, tree } = await archive.store.importDir(src, "seed");
    const seed = archive.createAgent({ runId, parentId: null, commit, tree, generation: 0, status: "admitted" });
    await archive.store.setBranch(seed.id, commit);
    seedId = seed.id;
  });
  afterAll(() => {
    archive.close();
    home.remove();
  });

  it("SIGKILL mid-write 20 times leaves integrity, fsck and every agent whole", async () => {
    const rng = mulberry32(99);
    let killedMidWrite = 0;
    for (let round = 0; round < 20; round++) {
      const child = startWriter(home.path, runId, seedId, 1000, `k${round}`);
      const exit = exited(child);
      // Kill after a varying number of completed agents plus a varying delay, so kills land in git and in SQLite.
      const afterAgents = 1 + Math.floor(rng() * 3);
      let seen = 0;
      await new Promise<void>((ready) => {
        child.stdout?.on("data", (chunk: Buffer) => {
          seen += chunk
            .toString()
            .split("\n")
            .filter((line) => line.startsWith("agent ")).length;
          if (seen >= afterAgents) ready();
        });
        child.on("exit", () => ready());
      });
      await new Promise((wait) => setTimeout(wait, Math.floor(rng() * 120)));
      if (child.pid) process.kill(-child.pid, "SIGKILL");
      const { signal } = await exit;
      if (signal === "SIGKILL") killedMidWrite++;
    }
    expect(killedMidWrite).toBe(20);

    const fresh = await openArchive(home.path);
    try {
      expect(await fresh.verify()).toEqual({ ok: true, problems: [] });
      // No half-written agent: every child row came with its evaluation, score and admission, or not at all.
      const children = fresh.listAgents(runId).filter((agent) => agent.parentId === seedId);
      expect(children.length).toBeGreaterThanOrEqual(20);
      for (const agent of children) {
        expect(agent).toMatchObject({ status: "admitted", scores: { small: 1 } });
        expect(fresh.listEvaluations({ agentId: agent.id })).toHaveLength(1);
      }
      // Commits that a kill left without a row are swept; what stays is exactly what the rows point at.
      await fresh.sweepOrphans();
      const branches = await fresh.store.agentBranches();
      expect(new Set(branches.values())).toEqual(new Set(fresh.listAgents(runId).map((agent) => agent.commit)));
      expect((await fresh.verify()).ok).toBe(true);
    } finally {
      fresh.close();
    }
  });

  it("several writer processes at once never fail with SQLITE_BUSY", async () => {
    const before = archive.getRun(runId)!;
    const writers = Array.from({ length: 4 }, (_, i) => startWriter(home.path, runId, seedId, 12, `w${i}`));
    const results = await Promise.all(writers.map(exited));
    for (const result of results) expect(result).toMatchObject({ code: 0, stderr: "" });

    const written = archive.listAgents(runId).filter((agent) => agent.id.startsWith("w"));
    expect(written).toHaveLength(48);
    const after = archive.getRun(runId)!;
    expect(after.totalTokens - before.totalTokens).toBe(48 * 5);
    expect((after.costUsd ?? 0) - (before.costUsd ?? 0)).toBeCloseTo(48 * 0.5);
    expect(await archive.verify()).toEqual({ ok: true, problems: [] });
  });

  it("several opens of a fresh home at once all succeed and share one sound repository", async () => {
    // `dgm agent run` and `dgm eval` started together on a new --home: each opens (and creates) it.
    for (let round = 0; round < 5; round++) {
      const fresh = tempDir("concurrent-open");
      const settled = await Promise.allSettled(Array.from({ length: 6 }, () => openArchive(fresh.path)));
      const opened = settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
      try {
        const failures = settled.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
        expect(failures).toEqual([]);
        const [first] = opened;
        const run = first!.createRun({ config: {}, seed: 0 });
        const { commit, tree } = await first!.store.importDir(seedDir, "seed");
        first!.createAgent({ runId: run.id, parentId: null, commit, tree, generation: 0 });
        expect(await first!.verify()).toEqual({ ok: true, problems: [] });
      } finally {
        for (const archive of opened) archive.close();
        fresh.remove();
      }
    }
  });
});
