// The editor tool: view files with line numbers (optionally a range), create files, replace a unique
// string, insert after a line, and undo the last edit of a file. Failures come back as text for the model.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";

export const EDITOR_TOOL = {
  type: "function",
  function: {
    name: "editor",
    description:
      "View and edit files. view: show a file with line numbers (or list a directory); create: write a new file; " +
      "str_replace: replace old_str, which must occur exactly once, with new_str; insert: insert new_str after " +
      "line insert_line (0 = top); undo_edit: revert the last edit of the file.",
    parameters: {
      type: "object",
      properties: {
        command: { type: "string", enum: ["view", "create", "str_replace", "insert", "undo_edit"] },
        path: { type: "string", description: "File or directory, absolute or relative to the workspace." },
        file_text: { type: "string", description: "Content for create." },
        old_str: { type: "string", description: "Exact text to replace (str_replace)." },
        new_str: { type: "string", description: "Replacement (str_replace) or text to insert (insert)." },
        insert_line: { type: "number", description: "Line after which to insert (insert)." },
        view_range: {
          type: "array",
          items: { type: "number" },
          description: "[start, end] lines to view, 1-based and inclusive; end -1 means to the end.",
        },
      },
      required: ["command", "path"],
    },
  },
} as const;

export interface EditorArgs {
  command?: unknown;
  path?: unknown;
  file_text?: unknown;
  old_str?: unknown;
  new_str?: unknown;
  insert_line?: unknown;
  view_range?: unknown;
}

class EditorError extends Error {}

export class Editor {
  /** Per file: contents before each edit (null = the file did not exist). */
  private readonly history = new Map<string, (string | null)[]>();

  constructor(private readonly workspace: string) {}

  /** Runs one editor command; never throws, errors are returned as "Error: …" text. */
  run(args: EditorArgs): string {
    try {
      const path = this.resolvePath(args.path);
      switch (args.command) {
        case "view":
          return this.view(path, args.view_range);
        case "create":
          return this.create(path, requireString(args.file_text, "file_text"));
        case "str_replace":
          return this.strReplace(path, requireString(args.old_str, "old_str"), optionalString(args.new_str));
        case "insert":
          return this.insert(path, args.insert_line, requireString(args.new_str, "new_str"));
        case "undo_edit":
          return this.undo(path);
        default:
          throw new EditorError(
            `unknown command ${JSON.stringify(args.command)}; use view, create, str_replace, insert or undo_edit`,
          );
      }
    } catch (error) {
      return `Error: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private resolvePath(path: unknown): string {
    const given = requireString(path, "path");
    const full = isAbsolute(given) ? resolve(given) : resolve(this.workspace, given);
    const inside = relative(this.workspace, full);
    if (inside.startsWith("..") || isAbsolute(inside))
      throw new EditorError(`${given} is outside the workspace ${this.workspace}`);
    return full;
  }

  private view(path: string, range: unknown): string {
    if (!existsSync(path)) throw new EditorError(`${path} does not exist`);
    if (statSync(path).isDirectory()) {
      const entries = readdirSync(path, { withFileTypes: true })
        .filter((entry) => entry.name !== ".git" && entry.name !== "node_modules")
        .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
        .sort();
      return entries.join("\n") || "(empty directory)";
    }
    const lines = readFileSync(path, "utf8").split("\n");
    let start = 1;
    let end = lines.length;
    if (range !== undefined) {
      if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isInteger(n))) {
        throw new EditorError("view_range must be two integers [start, end]");
      }
      start = range[0] as number;
      end = range[1] === -1 ? lines.length : (range[1] as number);
      if (start < 1 || start > lines.length || end < start || end > lines.length) {
        throw new EditorError(`view_range [${range.join(", ")}] is invalid: the file has ${lines.length} lines`);
      }
    }
    return lines
      .slice(start - 1, end)
      .map((line, index) => `${String(start + index).padStart(6)}\t${line}`)
      .join("\n");
  }

  private create(path: string, text: string): string {
    const before = existsSync(path) ? readFileSync(path, "utf8") : null;
    mkdirSync(dirname(path), { recursive: true });
    this.save(path, before, text);
    return `${before === null ? "Created" : "Overwrote"} ${path}`;
  }

  private strReplace(path: string, oldStr: string, newStr: string): string {
    const text = this.read(path);
    if (oldStr === "") throw new EditorError("old_str must not be empty");
    const count = text.split(oldStr).length - 1;
    if (count === 0) throw new EditorError(`old_str was not found in ${path}; view the file and copy the text exactly`);
    if (count > 1) {
      const lines = linesContaining(text, oldStr);
      throw new EditorError(
        `old_str occurs ${count} times in ${path} (lines ${lines.join(", ")}); include more context to make it unique`,
      );
    }
    const at = text.indexOf(oldStr);
    this.save(path, text, text.slice(0, at) + newStr + text.slice(at + oldStr.length));
    const firstLine = text.slice(0, at).split("\n").length;
    return `Replaced in ${path}. Lines around the edit:\n${this.view(path, window(firstLine, newStr, this.read(path)))}`;
  }

  private insert(path: string, line: unknown, newStr: string): string {
    const text = this.read(path);
    const lines = text.split("\n");
    if (typeof line !== "number" || !Number.isInteger(line) || line < 0 || line > lines.length) {
      throw new EditorError(`insert_line must be an integer from 0 to ${lines.length}`);
    }
    lines.splice(line, 0, ...newStr.split("\n"));
    this.save(path, text, lines.join("\n"));
    return `Inserted ${newStr.split("\n").length} line(s) after line ${line} of ${path}`;
  }

  private undo(path: string): string {
    const previous = this.history.get(path)?.pop();
    if (previous === undefined) throw new EditorError(`no edit of ${path} to undo`);
    if (previous === null) rmSync(path, { force: true });
    else writeFileSync(path, previous);
    return `Undid the last edit of ${path}`;
  }

  private read(path: string): string {
    if (!existsSync(path) || statSync(path).isDirectory()) throw new EditorError(`${path} is not a file`);
    return readFileSync(path, "utf8");
  }

  private save(path: string, before: string | null, after: string): void {
    const stack = this.history.get(path) ?? [];
    stack.push(before);
    this.history.set(path, stack);
    writeFileSync(path, after);
  }
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== "string") throw new EditorError(`${name} is required and must be a string`);
  return value;
}

function optionalString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function linesContaining(text: string, needle: string): number[] {
  const found: number[] = [];
  let at = text.indexOf(needle);
  while (at !== -1) {
    found.push(text.slice(0, at).split("\n").length);
    at = text.indexOf(needle, at + 1);
  }
  return found;
}

/** A few lines around an edit that starts at `firstLine` and spans `inserted`. */
function window(firstLine: number, inserted: string, text: string): [number, number] {
  const total = text.split("\n").length;
  const last = firstLine + inserted.split("\n").length - 1;
  return [Math.max(1, firstLine - 3), Math.min(total, last + 3)];
}
