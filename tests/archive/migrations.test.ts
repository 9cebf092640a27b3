import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../archive/database.ts";
import { archiveSchemaVersion, openArchive } from "../../archive/index.ts";
import { migrations } from "../../archive/migrations.ts";
import { tempDir } from "./helpers.ts";

function schemaOf(file: string): string[] {
  const db = openDatabase(file, { migrateTo: 0 });
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  db.close();
  return rows.map((row) => JSON.stringify(row));
}

describe("archive migrations", () => {
  const homes: ReturnType<typeof tempDir>[] = [];
  afterEach(() => {
    for (const home of homes.splice(0)) home.remove();
  });
  const newHome = () => {
    const home = tempDir();
    homes.push(home);
    return home;
  };

  it("numbers migrations 1..latest without gaps", () => {
    expect(migrations.map((m) => m.version)).toEqual(Array.from({ length: archiveSchemaVersion }, (_, i) => i + 1));
  });

  it.each(Array.from({ length: archiveSchemaVersion }, (_, version) => version))(
    "brings a version-%i database to the latest schema, identical to a fresh one",
    async (version) => {
      const old = newHome();
      openDatabase(join(old.path, "archive.db"), { migrateTo: version }).close();
      (await openArchive(old.path)).close();
      const fresh = newHome();
      (await openArchive(fresh.path)).close();

      const migrated = openDatabase(join(old.path, "archive.db"), { migrateTo: 0 });
      expect(migrated.pragma("user_version", { simple: true })).toBe(archiveSchemaVersion);
      migrated.close();
      expect(schemaOf(join(old.path, "archive.db"))).toEqual(schemaOf(join(fresh.path, "archive.db")));
    },
  );

  it("v1 → v2 backfills each agent's headline score so ranking works on old data", async () => {
    const home = newHome();
    const v1 = openDatabase(join(home.path, "archive.db"), { migrateTo: 1 });
    v1.exec(`
      INSERT INTO runs (id, created_at, status, config, seed) VALUES ('r', '2024-01-01', 'running', '{}', 1);
      INSERT INTO agents (id, run_id, commit_hash, tree_hash, generation, status, score_small, score_full, created_at)
        VALUES ('small-only', 'r', 'c', 't', 0, 'admitted', 0.9, NULL, '2024-01-01'),
               ('full', 'r', 'c', 't', 0, 'admitted', 1.0, 0.6, '2024-01-02'),
               ('unscored', 'r', 'c', 't', 0, 'admitted', NULL, NULL, '2024-01-03');`);
    v1.close();

    const archive = await openArchive(home.path);
    const rows = archive.db.prepare("SELECT id, top_stage, top_score FROM agents ORDER BY n").all();
    expect(rows).toEqual([
      { id: "small-only", top_stage: 1, top_score: 0.9 },
      { id: "full", top_stage: 3, top_score: 0.6 },
      { id: "unscored", top_stage: null, top_score: null },
    ]);
    expect(archive.leaderboard("r").map((a) => a.id)).toEqual(["small-only", "full"]);
    archive.close();
  });

  it("v2 → v3: evaluations recorded before grading was kept read back with grading null", async () => {
    const home = newHome();
    const v2 = openDatabase(join(home.path, "archive.db"), { migrateTo: 2 });
    v2.exec(`
      INSERT INTO runs (id, created_at, status, config, seed) VALUES ('r', '2024-01-01', 'running', '{}', 1);
      INSERT INTO agents (id, run_id, commit_hash, tree_hash, generation, status, created_at)
        VALUES ('a', 'r', 'c', 't', 0, 'admitted', '2024-01-01');
      INSERT INTO evaluations (id, agent_id, run_id, task_id, suite, stage, status, tests_passed, tests_total,
          duration_ms, tokens, patch, patch_hash, warnings, test_output, cache_key, created_at)
        VALUES ('e', 'a', 'r', 'builtin:x', 'builtin', 'small', 'passed', 3, 3, 1, 0, '', 'h', '[]', '', 'k', '2024-01-01');`);
    v2.close();

    const archive = await openArchive(home.path);
    expect(archive.listEvaluations({ agentId: "a" })[0]?.grading).toBeNull();
    archive.close();
  });

  it("v3 → v4: calls recorded before read back as exact and uncached; new estimated calls roll up", async () => {
    const home = newHome();
    const v3 = openDatabase(join(home.path, "archive.db"), { migrateTo: 3 });
    v3.exec(`
      INSERT INTO runs (id, created_at, status, config, seed, total_tokens, known_cost_usd)
        VALUES ('r', '2024-01-01', 'running', '{}', 1, 150, 0.25);
      INSERT INTO agents (id, run_id, commit_hash, tree_hash, generation, status, created_at)
        VALUES ('a', 'r', 'c', 't', 0, 'admitted', '2024-01-01');
      INSERT INTO attempts (id, run_id, parent_id, generation, status, entry, phase, started_at, tokens, known_cost_usd)
        VALUES ('t', 'r', 'a', 1, 'running', 'task', 'diagnosing', '2024-01-01', 150, 0.25);
      INSERT INTO blobs (ref, encoding, size, data) VALUES ('null', 'identity', 4, CAST('null' AS BLOB));
      INSERT INTO model_calls (id, run_id, agent_id, attempt_id, purpose, session_id, role, provider, model,
          request_hash, seq, request_ref, response_ref, prompt_tokens, completion_tokens, cost_usd, latency_ms, created_at)
        VALUES ('m', 'r', 'a', 't', 'diagnose', 's', 'diagnose', 'openai', 'gpt-4.1', 'h', 0, 'null', 'null',
          100, 50, 0.25, 10, '2024-01-01');`);
    v3.close();

    const archive = await openArchive(home.path);
    const [old] = archive.listModelCalls({ runId: "r" });
    expect(old).toMatchObject({ promptTokens: 100, cachedTokens: 0, completionTokens: 50, usageEstimated: false });
    expect(archive.getRun("r")).toMatchObject({ totalTokens: 150, costUsd: 0.25, estimatedCalls: 0 });
    expect(archive.costOf({ runId: "r" })).toMatchObject({ calls: 1, cachedTokens: 0, estimatedCalls: 0 });

    const caller = {
      runId: "r",
      agentId: "a",
      attemptId: "t",
      evaluationKey: null,
      taskId: null,
      purpose: "diagnose" as const,
      sessionId: "s2",
    };
    const call = { caller, role: "diagnose" as const, provider: "openai", model: "gpt-4.1", requestHash: "h2" };
    const base = { ...call, seq: 0, request: {}, response: {}, latencyMs: 1, error: null };
    archive.recordModelCall({ ...base, promptTokens: 40, completionTokens: 10, costUsd: 0.1, usageEstimated: true });
    archive.recordModelCall({
      ...base,
      seq: 1,
      promptTokens: 80,
      cachedTokens: 60,
      completionTokens: 5,
      costUsd: 0.01,
    });
    expect(archive.getRun("r")).toMatchObject({ totalTokens: 285, estimatedCalls: 1 });
    expect(archive.listAttempts("r")[0]).toMatchObject({ tokens: 285, estimatedCalls: 1 });
    expect(archive.costOf({ runId: "r" })).toMatchObject({
      calls: 3,
      promptTokens: 220,
      cachedTokens: 60,
      estimatedCalls: 1,
    });
    expect(archive.listModelCalls({ sessionId: "s2" }).map((row) => [row.cachedTokens, row.usageEstimated])).toEqual([
      [0, true],
      [60, false],
    ]);
    archive.close();
  });
});
