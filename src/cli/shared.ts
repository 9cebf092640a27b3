// What every command shares: where the archive home is, opening it, reading flag values, printing JSON.
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { archiveExists, openArchive, type SqliteArchive } from "../../archive/index.ts";
import { DgmError, UsageError } from "../../common/index.ts";

/** The help of a command's optional run argument. */
export const runArgHelp = 'run id, unique prefix, or "latest" (default: the latest run)';

/** The archive home: --home, else $DGM_HOME, else ./.dgm. */
export function homeFrom(command: Command): string {
  const opts = command.optsWithGlobals<{ home?: string }>();
  return resolve(opts.home ?? process.env.DGM_HOME ?? ".dgm");
}

/**
 * Opens the archive for the length of `use`. Commands that only read refuse a home without one (a
 * typo in --home should not create an empty archive); commands that record something create it.
 */
export async function withArchive<T>(
  command: Command,
  use: (archive: SqliteArchive) => Promise<T> | T,
  options: { create: boolean } = { create: false },
): Promise<T> {
  const home = homeFrom(command);
  if (!options.create && !archiveExists(home))
    throw new DgmError(`no archive at ${home}`, {
      fix: "start a run with `dgm evolve`, or point --home / DGM_HOME at an archive",
    });
  const archive = await openArchive(home);
  try {
    return await use(archive);
  } finally {
    archive.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Commander's parser for a flag that takes a count: refused before the command runs (exit 2). */
export function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError("must be a positive integer");
  return parsed;
}

/** Commander's parser for a flag that takes a whole number, 0 included. */
export function wholeNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError("must be a whole number (0 or more)");
  return parsed;
}

/** A flag that takes a file or the text itself: a file when one exists at that path. */
export async function fileOrText(value: string, flag: string): Promise<string> {
  const path = resolve(value);
  const text = existsSync(path) && statSync(path).isFile() ? await readFile(path, "utf8") : value;
  if (!text.trim()) throw new UsageError(`${flag} is empty: give a file or the text itself`);
  return text;
}

/** Colour when writing to a terminal that supports it (picocolors also honours NO_COLOR and FORCE_COLOR). */
export function useColor(): boolean {
  return pc.isColorSupported && process.stdout.isTTY === true;
}
