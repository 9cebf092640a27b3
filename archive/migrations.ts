// Versioned schema. Each migration runs once, in order, inside one exclusive transaction; PRAGMA user_version
// records how far a database has come. Append new migrations; never edit one that has shipped.
import type Database from "better-sqlite3";
import { ArchiveError } from "./errors.ts";

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

const v1InitialSchema = `
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running','stopped','finished','failed')),
  config TEXT NOT NULL,
  seed INTEGER NOT NULL,
  budget_usd REAL,
  budget_tokens INTEGER,
  total_tokens INTEGER NOT NULL DEFAULT 0,
  known_cost_usd REAL NOT NULL DEFAULT 0,
  unknown_cost_calls INTEGER NOT NULL DEFAULT 0,
  stop_reason TEXT
);

-- n is the creation order (stable under VACUUM, unlike an implicit rowid); id is what people and other rows use.
CREATE TABLE agents (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  run_id TEXT NOT NULL REFERENCES runs(id),
  parent_id TEXT REFERENCES agents(id),
  commit_hash TEXT NOT NULL,
  tree_hash TEXT NOT NULL,
  generation INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','evaluating','admitted','rejected','invalid')),
  status_reason TEXT,
  score_small REAL,
  score_medium REAL,
  score_full REAL,
  created_at TEXT NOT NULL
);
CREATE INDEX agents_run ON agents(run_id, status);
CREATE INDEX agents_parent ON agents(parent_id);
CREATE INDEX agents_tree ON agents(tree_hash);

CREATE TABLE attempts (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  run_id TEXT NOT NULL REFERENCES runs(id),
  parent_id TEXT NOT NULL REFERENCES agents(id),
  generation INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running','succeeded','failed','abandoned')),
  entry TEXT NOT NULL,
  diagnosis TEXT,
  problem_statement TEXT,
  child_id TEXT REFERENCES agents(id),
  failure_reason TEXT,
  phase TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  tokens INTEGER NOT NULL DEFAULT 0,
  known_cost_usd REAL NOT NULL DEFAULT 0,
  unknown_cost_calls INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attempts_run ON attempts(run_id);

CREATE TABLE evaluations (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  agent_id TEXT NOT NULL REFERENCES agents(id),
  run_id TEXT NOT NULL REFERENCES runs(id),
  task_id TEXT NOT NULL,
  suite TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('small','medium','full')),
  status TEXT NOT NULL CHECK (status IN ('passed','failed','error','timeout')),
  tests_passed INTEGER NOT NULL,
  tests_total INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  cost_usd REAL,
  tokens INTEGER NOT NULL,
  patch TEXT NOT NULL,
  patch_hash TEXT NOT NULL,
  warnings TEXT NOT NULL,
  trajectory_ref TEXT,
  test_output TEXT NOT NULL,
  cache_key TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX evaluations_agent ON evaluations(agent_id, stage);
CREATE INDEX evaluations_run ON evaluations(run_id, stage);
CREATE INDEX evaluations_cache ON evaluations(cache_key);

-- Content-addressed (sha256 of the uncompressed bytes), compressed: trajectories and model request/response bodies.
CREATE TABLE blobs (
  ref TEXT PRIMARY KEY,
  encoding TEXT NOT NULL CHECK (encoding IN ('gzip','identity')),
  size INTEGER NOT NULL,
  data BLOB NOT NULL
);

-- Caller identity columns carry no foreign keys on purpose: a gateway session may belong to no run.
CREATE TABLE model_calls (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  run_id TEXT,
  agent_id TEXT,
  attempt_id TEXT,
  evaluation_key TEXT,
  task_id TEXT,
  purpose TEXT NOT NULL,
  session_id TEXT NOT NULL,
  role TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  seq INTEGER NOT NULL,
  request_ref TEXT NOT NULL REFERENCES blobs(ref),
  response_ref TEXT NOT NULL REFERENCES blobs(ref),
  prompt_tokens INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  cost_usd REAL,
  latency_ms INTEGER NOT NULL,
  error TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX model_calls_run ON model_calls(run_id);
CREATE INDEX model_calls_session ON model_calls(session_id, seq);
CREATE INDEX model_calls_agent ON model_calls(agent_id);
CREATE INDEX model_calls_attempt ON model_calls(attempt_id);
CREATE INDEX model_calls_evaluation ON model_calls(evaluation_key);
CREATE INDEX model_calls_hash ON model_calls(request_hash);

CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX events_run ON events(run_id, id);
`;

// v2: each agent's headline score (score on its largest evaluated stage) kept in two columns, so parent
// selection, best agent and leaderboard read one indexed row per agent instead of recomputing it.
const v2TopScore = `
ALTER TABLE agents ADD COLUMN top_stage INTEGER;
ALTER TABLE agents ADD COLUMN top_score REAL;
UPDATE agents SET
  top_stage = CASE WHEN score_full IS NOT NULL THEN 3 WHEN score_medium IS NOT NULL THEN 2
                   WHEN score_small IS NOT NULL THEN 1 END,
  top_score = COALESCE(score_full, score_medium, score_small);
CREATE INDEX agents_leaderboard ON agents(run_id, status, top_score DESC, top_stage DESC, n);
`;

// v3: how each evaluation was graded (guarded harness or the runner's own output), the static flags on
// its solution and the tampering seen at run time, as JSON. NULL for evaluations recorded before.
const v3Grading = `
ALTER TABLE evaluations ADD COLUMN grading TEXT;
`;

// v4: cached prompt tokens (priced at their own rate) and whether a call's usage was estimated (the server
// sent none) on each model call, with the estimated calls rolled up on runs and attempts like unknown costs,
// so every place that shows a cost can say it is partly estimated without reading the calls.
const v4CachedAndEstimatedUsage = `
ALTER TABLE model_calls ADD COLUMN cached_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE model_calls ADD COLUMN usage_estimated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN estimated_calls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN estimated_calls INTEGER NOT NULL DEFAULT 0;
`;

// v5: evaluations on the held-out split (stage 'test', never used by the search) and each run's final
// pick among finalists. SQLite cannot alter a CHECK constraint, so the evaluations table is rebuilt.
const v5HeldOutAndFinalPick = `
CREATE TABLE evaluations_v5 (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  agent_id TEXT NOT NULL REFERENCES agents(id),
  run_id TEXT NOT NULL REFERENCES runs(id),
  task_id TEXT NOT NULL,
  suite TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('small','medium','full','test')),
  status TEXT NOT NULL CHECK (status IN ('passed','failed','error','timeout')),
  tests_passed INTEGER NOT NULL,
  tests_total INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  cost_usd REAL,
  tokens INTEGER NOT NULL,
  patch TEXT NOT NULL,
  patch_hash TEXT NOT NULL,
  warnings TEXT NOT NULL,
  trajectory_ref TEXT,
  test_output TEXT NOT NULL,
  cache_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  grading TEXT
);
INSERT INTO evaluations_v5 (n, id, agent_id, run_id, task_id, suite, stage, status, tests_passed, tests_total,
  duration_ms, cost_usd, tokens, patch, patch_hash, warnings, trajectory_ref, test_output, cache_key, created_at, grading)
SELECT n, id, agent_id, run_id, task_id, suite, stage, status, tests_passed, tests_total,
  duration_ms, cost_usd, tokens, patch, patch_hash, warnings, trajectory_ref, test_output, cache_key, created_at, grading
FROM evaluations;
DROP TABLE evaluations;
ALTER TABLE evaluations_v5 RENAME TO evaluations;
CREATE INDEX evaluations_agent ON evaluations(agent_id, stage);
CREATE INDEX evaluations_run ON evaluations(run_id, stage);
CREATE INDEX evaluations_cache ON evaluations(cache_key);
ALTER TABLE runs ADD COLUMN final_pick TEXT;
`;

export const migrations: readonly Migration[] = [
  { version: 1, description: "initial schema", up: (db) => db.exec(v1InitialSchema) },
  { version: 2, description: "agents.top_stage/top_score with a leaderboard index", up: (db) => db.exec(v2TopScore) },
  { version: 3, description: "evaluations.grading (channel, flags, tampering)", up: (db) => db.exec(v3Grading) },
  {
    version: 4,
    description: "model_calls.cached_tokens/usage_estimated, runs/attempts.estimated_calls",
    up: (db) => db.exec(v4CachedAndEstimatedUsage),
  },
  {
    version: 5,
    description: "evaluations.stage 'test' (held-out split), runs.final_pick",
    up: (db) => db.exec(v5HeldOutAndFinalPick),
  },
];

export const latestVersion = migrations.at(-1)?.version ?? 0;

/** Brings `db` up to `target` (default: latest). Safe when several processes open the same database at once. */
export function migrate(db: Database.Database, file: string, target = latestVersion): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > latestVersion) {
    throw new ArchiveError(
      `The archive ${file} has schema version ${current}, newer than this dgm understands (${latestVersion}). ` +
        "Upgrade dgm, or point --home at another directory.",
    );
  }
  if (current >= target) return;
  // Re-read the version under the write lock: another process may have migrated while we waited.
  db.transaction(() => {
    const locked = db.pragma("user_version", { simple: true }) as number;
    for (const migration of migrations) {
      if (migration.version <= locked || migration.version > target) continue;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).exclusive();
}
