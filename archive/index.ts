// The archive room's public entry: open an archive home, plus the pure parts (selection, seeded RNG).
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { openDatabase } from "./database.ts";
import { GitAgentStore } from "./git-store.ts";
import { SqliteArchive } from "./sqlite-archive.ts";

export type * from "./api.ts";
export { callerIdentity } from "./caller-identity.ts";
export { ArchiveError } from "./errors.ts";
export { GitAgentStore } from "./git-store.ts";
export { latestVersion as archiveSchemaVersion } from "./migrations.ts";
export { deriveSeed, mulberry32 } from "./random.ts";
export { resolveAgentRef, resolveRunRef } from "./refs.ts";
export {
  compareAgents,
  headlineScore,
  scoreChildPropWeights,
  selectionStrategyNames,
  selectParents,
  sigmoid,
} from "./selection.ts";
export { SqliteArchive } from "./sqlite-archive.ts";
export type * from "./types.ts";
export { type ResultRow, verdicts } from "./verdicts.ts";

/** Whether `home` holds an archive already (its database), without creating anything. */
export function archiveExists(home: string): boolean {
  return existsSync(join(resolve(home), "archive.db"));
}

/**
 * Opens (creating if needed) the archive at `home`: <home>/archive.db and <home>/agents.git.
 * An older database is migrated; a newer one is refused with an ArchiveError.
 */
export async function openArchive(home: string): Promise<SqliteArchive> {
  const dir = resolve(home);
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, "archive.db"));
  try {
    const store = await GitAgentStore.open(join(dir, "agents.git"));
    return new SqliteArchive(dir, db, store);
  } catch (error) {
    db.close();
    throw error;
  }
}
