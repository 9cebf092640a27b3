// Opens the archive's SQLite database with the settings every process must share.
import Database from "better-sqlite3";
import { ArchiveError } from "./errors.ts";
import { migrate } from "./migrations.ts";

/** How long a writer waits for another process's write transaction before failing (ms). */
export const busyTimeoutMs = 15_000;

export function openDatabase(file: string, options: { migrateTo?: number } = {}): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw new ArchiveError(
      `Cannot open the archive database ${file}: ${(error as Error).message}. Check the path and permissions.`,
      {
        cause: error,
      },
    );
  }
  try {
    // busy_timeout first: switching to WAL and migrating take locks that a concurrent opener may hold.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma("journal_mode = WAL");
    // NORMAL in WAL mode never corrupts and survives any process crash (SIGKILL included); only an OS crash or
    // power loss can drop the last few commits, which a run resumes from. FULL would fsync every model call.
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    migrate(db, file, options.migrateTo);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`Cannot prepare the archive database ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
