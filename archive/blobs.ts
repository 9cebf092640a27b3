// Content-addressed, compressed blobs (trajectories, model request/response bodies), kept out of the hot tables.
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type Database from "better-sqlite3";
import { stmt, write } from "./sql.ts";

/** Below this size compression costs more than it saves. */
const compressAbove = 256;

export function writeBlob(db: Database.Database, data: string | Buffer): string {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const ref = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  const gzip = bytes.length > compressAbove;
  write(db, () =>
    stmt(db, "INSERT OR IGNORE INTO blobs (ref, encoding, size, data) VALUES (?, ?, ?, ?)").run(
      ref,
      gzip ? "gzip" : "identity",
      bytes.length,
      gzip ? gzipSync(bytes, { level: 6 }) : bytes,
    ),
  );
  return ref;
}

export function readBlob(db: Database.Database, ref: string): Buffer | undefined {
  const row = stmt(db, "SELECT encoding, data FROM blobs WHERE ref = ?").get(ref) as
    | { encoding: string; data: Buffer }
    | undefined;
  if (!row) return undefined;
  return row.encoding === "gzip" ? gunzipSync(row.data) : row.data;
}

export function writeJsonBlob(db: Database.Database, value: unknown): string {
  return writeBlob(db, JSON.stringify(value ?? null));
}

export function readJsonBlob(db: Database.Database, ref: string): unknown {
  const bytes = readBlob(db, ref);
  return bytes ? JSON.parse(bytes.toString("utf8")) : undefined;
}
