// The simulator acts only through the tools the agent declares. This reads the request's tool
// schemas and says how to list, view, write, replace and run with them — or that it cannot.
import type { ToolDefinition } from "../types.ts";

export interface CallSpec {
  name: string;
  args: Record<string, unknown>;
}

interface Props {
  [name: string]: { type?: unknown; enum?: unknown[] } | undefined;
}

function propsOf(tool: ToolDefinition): Props {
  return ((tool.function.parameters as { properties?: Props }).properties ?? {}) as Props;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export class Toolkit {
  private readonly shell?: { name: string; param: string };
  private readonly editor?: { name: string; commands: Set<string>; ranged: boolean };
  private readonly writer?: { name: string; pathParam: string; contentParam: string };

  constructor(tools: ToolDefinition[] = []) {
    for (const tool of tools) {
      const props = propsOf(tool);
      const name = tool.function.name;
      const command = props.command;
      if (command && Array.isArray(command.enum) && "path" in props) {
        this.editor ??= { name, commands: new Set(command.enum.map(String)), ranged: "view_range" in props };
      } else if (
        command &&
        (command.type === "string" || command.type === undefined) &&
        /bash|shell|exec|run|terminal|command/i.test(name)
      ) {
        this.shell ??= { name, param: "command" };
      } else if ("path" in props) {
        const contentParam = ["content", "file_text", "text", "contents"].find((key) => key in props);
        if (contentParam) this.writer ??= { name, pathParam: "path", contentParam };
      }
    }
  }

  get hasShell(): boolean {
    return this.shell !== undefined;
  }

  canWrite(): boolean {
    return this.shell !== undefined || this.writer !== undefined || this.editor?.commands.has("create") === true;
  }

  private editorCall(command: string, args: Record<string, unknown>): CallSpec | undefined {
    if (!this.editor?.commands.has(command)) return undefined;
    return { name: this.editor.name, args: { command, ...args } };
  }

  run(command: string): CallSpec | undefined {
    return this.shell ? { name: this.shell.name, args: { [this.shell.param]: command } } : undefined;
  }

  list(): CallSpec | undefined {
    return (
      this.run("find . -type f -not -path '*/node_modules/*' -not -path '*/.git/*' | sort | head -200") ??
      this.editorCall("view", { path: "." })
    );
  }

  view(path: string, lines?: [number, number]): CallSpec | undefined {
    if (this.editor?.commands.has("view")) {
      const range = lines && this.editor.ranged ? { view_range: lines } : {};
      return this.editorCall("view", { path, ...range });
    }
    return this.run(lines ? `sed -n '${lines[0]},${lines[1]}p' ${shellQuote(path)}` : `cat -n ${shellQuote(path)}`);
  }

  write(path: string, content: string): CallSpec | undefined {
    const viaEditor = this.editorCall("create", { path, file_text: content });
    if (viaEditor) return viaEditor;
    if (this.writer)
      return { name: this.writer.name, args: { [this.writer.pathParam]: path, [this.writer.contentParam]: content } };
    const dir = path.includes("/") ? `mkdir -p ${shellQuote(path.slice(0, path.lastIndexOf("/")))} && ` : "";
    return this.run(`${dir}cat > ${shellQuote(path)} <<'DGM_SIM_EOF'\n${content.replace(/\n$/, "")}\nDGM_SIM_EOF`);
  }

  /** Replaces the line equal to `anchor` by `anchor` followed by `addition` lines. */
  insertAfterLine(path: string, anchor: string, addition: string, anchorLine?: number): CallSpec | undefined {
    const viaReplace = this.editorCall("str_replace", { path, old_str: anchor, new_str: `${anchor}\n${addition}` });
    if (viaReplace) return viaReplace;
    if (anchorLine !== undefined) {
      const viaInsert = this.editorCall("insert", { path, insert_line: anchorLine, new_str: addition });
      if (viaInsert) return viaInsert;
    }
    const escapeSedText = (text: string) => text.replace(/[\\/&]/g, "\\$&").replaceAll("'", `'\\''`);
    const anchorPattern = anchor.replace(/[.[\]*^$\\/]/g, "\\$&").replaceAll("'", `'\\''`);
    return this.run(
      `sed -i '/^${anchorPattern}$/a\\\n${escapeSedText(addition).replace(/\n/g, "\\\n")}' ${shellQuote(path)}`,
    );
  }
}
