// Small helpers over better-sqlite3: cached prepared statements and one-transaction writes.
import type Database from "better-sqlite3";

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection. */
export function stmt(db: Database.Database, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/**
 * Runs `fn` as one write transaction. BEGIN IMMEDIATE takes the write lock up front, so a concurrent writer waits
 * (busy_timeout) instead of failing with SQLITE_BUSY when it later tries to upgrade a read lock.
 */
export function write<T>(db: Database.Database, fn: () => T): T {
  if (db.inTransaction) return fn();
  return db.transaction(fn).immediate();
}

export type SqlRow = Record<string, unknown>;

export function str(row: SqlRow, key: string): string {
  return String(row[key]);
}
export function strOrNull(row: SqlRow, key: string): string | null {
  const value = row[key];
  return value === null || value === undefined ? null : String(value);
}
export function num(row: SqlRow, key: string): number {
  return Number(row[key]);
}
export function numOrNull(row: SqlRow, key: string): number | null {
  const value = row[key];
  return value === null || value === undefined ? null : Number(value);
}
export function json<T>(row: SqlRow, key: string): T {
  return JSON.parse(String(row[key])) as T;
}
