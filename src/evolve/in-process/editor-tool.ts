// The one tool an agent gets when it modifies itself in process: an editor over the scratch copy of
// its source that can view, replace a unique string and insert after a line — never create, delete or
// run anything. Failures come back as "Error: …" text for the model, as the seed's own editor does.
import { lstat, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { MAX_SOURCE_BYTES, readTextInside, resolveInside, UnsafePathError } from "../../../sandbox/index.ts";
import type { ToolDefinition } from "../../llm/index.ts";

export type EditorCommand = "view" | "create" | "str_replace" | "insert" | "undo_edit";

/** An editor schema in the seed's shape; `ranged` adds view_range. The sim reads skills from exactly these. */
export function editorToolDefinition(commands: EditorCommand[], ranged: boolean): ToolDefinition {
  const properties: Record<string, unknown> = {
    command: { type: "string", enum: commands },
    path: { type: "string", description: "File or directory, relative to the workspace." },
    old_str: { type: "string", description: "Exact text to replace (str_replace)." },
    new_str: { type: "string", description: "Replacement (str_replace) or text to insert (insert)." },
    insert_line: { type: "number", description: "Line after which to insert (insert; 0 = top)." },
  };
  if (commands.includes("create")) properties.file_text = { type: "string", description: "Content for create." };
  if (ranged) {
    properties.view_range = {
      type: "array",
      items: { type: "number" },
      description: "[start, end] lines to view, 1-based and inclusive; end -1 means to the end.",
    };
  }
  return {
    type: "function",
    function: {
      name: "editor",
      description: `View and edit files of the workspace. Commands: ${commands.join(", ")}.`,
      parameters: { type: "object", properties, required: ["command", "path"] },
    },
  };
}

/** What the self-modifying agent is offered: view, str_replace, insert. */
export const selfModifyEditor = editorToolDefinition(["view", "str_replace", "insert"], true);

class EditorError extends Error {}

function requireString(value: unknown, name: string): string {
  if (typeof value !== "string") throw new EditorError(`${name} must be a string`);
  return value;
}

function numbered(lines: string[], first: number): string {
  return lines.map((line, index) => `${String(first + index).padStart(6)}\t${line}`).join("\n");
}

export class WorkspaceEditor {
  /** Files written at least once (relative paths), for reporting what changed. */
  readonly touched = new Set<string>();

  constructor(private readonly root: string) {}

  /** Runs one command; never throws for the model's mistakes or refused paths. */
  async run(args: Record<string, unknown>): Promise<string> {
    try {
      const path = requireString(args.path, "path");
      switch (args.command) {
        case "view":
          return await this.view(path, args.view_range);
        case "str_replace":
          return await this.strReplace(path, requireString(args.old_str, "old_str"), args.new_str);
        case "insert":
          return await this.insert(path, args.insert_line, requireString(args.new_str, "new_str"));
        default:
          throw new EditorError(`unknown command ${JSON.stringify(args.command)}; use view, str_replace or insert`);
      }
    } catch (error) {
      if (error instanceof EditorError || error instanceof UnsafePathError) return `Error: ${error.message}`;
      if ((error as NodeJS.ErrnoException).code) return `Error: ${(error as Error).message}`;
      throw error;
    }
  }

  private async view(path: string, range: unknown): Promise<string> {
    const full = await resolveInside(this.root, path);
    const stats = await lstat(full).catch(() => undefined);
    if (!stats) throw new EditorError(`${path} does not exist`);
    if (stats.isDirectory()) {
      const entries = await readdir(full, { withFileTypes: true });
      return entries
        .filter((entry) => !entry.name.startsWith("."))
        .map((entry) => `${relative(this.root, join(full, entry.name))}${entry.isDirectory() ? "/" : ""}`)
        .sort()
        .join("\n");
    }
    const lines = (await readTextInside(this.root, path)).split("\n");
    if (Array.isArray(range) && range.length === 2 && range.every((n) => typeof n === "number")) {
      const [start, end] = range as [number, number];
      const last = end === -1 ? lines.length : Math.min(end, lines.length);
      if (start < 1 || start > last)
        throw new EditorError(`view_range ${JSON.stringify(range)} is outside 1..${lines.length}`);
      return numbered(lines.slice(start - 1, last), start);
    }
    return numbered(lines, 1);
  }

  private async write(path: string, content: string): Promise<void> {
    if (Buffer.byteLength(content) > MAX_SOURCE_BYTES)
      throw new EditorError(`${path} would exceed ${MAX_SOURCE_BYTES} bytes`);
    const full = await resolveInside(this.root, path);
    await writeFile(full, content);
    this.touched.add(relative(this.root, full));
  }

  private async strReplace(path: string, oldStr: string, newStr: unknown): Promise<string> {
    if (oldStr === "") throw new EditorError("old_str must not be empty");
    const text = await readTextInside(this.root, path);
    const count = text.split(oldStr).length - 1;
    if (count !== 1) throw new EditorError(`old_str occurs ${count} times in ${path}; it must occur exactly once`);
    await this.write(
      path,
      text.replace(oldStr, () => (typeof newStr === "string" ? newStr : "")),
    );
    return `Replaced in ${path}.`;
  }

  private async insert(path: string, line: unknown, newStr: string): Promise<string> {
    const lines = (await readTextInside(this.root, path)).split("\n");
    if (typeof line !== "number" || !Number.isInteger(line) || line < 0 || line > lines.length) {
      throw new EditorError(`insert_line must be an integer from 0 to ${lines.length}`);
    }
    lines.splice(line, 0, ...newStr.split("\n"));
    await this.write(path, lines.join("\n"));
    return `Inserted after line ${line} of ${path}.`;
  }
}

/** Paths among `touched` whose content differs between the original tree and the edited one. */
export async function changedFiles(
  originalRoot: string,
  editedRoot: string,
  touched: Iterable<string>,
): Promise<string[]> {
  const changed: string[] = [];
  for (const path of touched) {
    const before = await readFile(join(originalRoot, path)).catch(() => undefined);
    const after = await readFile(join(editedRoot, path)).catch(() => undefined);
    if (!before || !after || !before.equals(after)) changed.push(path);
  }
  return changed.sort();
}
