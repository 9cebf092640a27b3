// The bash tool: runs one command in the workspace with a deadline, keeping the head and the tail
// of its output (the middle of a long log is rarely what matters).
import { spawn } from "node:child_process";

export const BASH_TOOL = {
  type: "function",
  function: {
    name: "bash",
    description: "Run a bash command in the workspace and return its exit code and output (stdout and stderr).",
    parameters: {
      type: "object",
      properties: {
        command: { type: "string", description: "The command to run." },
        timeout: { type: "number", description: "Seconds before the command is killed (default 120)." },
      },
      required: ["command"],
    },
  },
} as const;

export interface BashOptions {
  cwd: string;
  timeoutMs: number;
  /** Characters of output kept: half from the start, half from the end. */
  maxOutputChars?: number;
}

export interface BashResult {
  exitCode: number | null;
  timedOut: boolean;
  output: string;
}

/** Keeps the first and last `limit / 2` characters of a stream without holding all of it. */
class HeadTail {
  private head = "";
  private tail = "";
  private dropped = 0;
  constructor(private readonly limit: number) {}

  push(chunk: string): void {
    const half = Math.floor(this.limit / 2);
    if (this.head.length < half) {
      const take = half - this.head.length;
      this.head += chunk.slice(0, take);
      chunk = chunk.slice(take);
    }
    this.tail += chunk;
    if (this.tail.length > half) {
      this.dropped += this.tail.length - half;
      this.tail = this.tail.slice(this.tail.length - half);
    }
  }

  text(): string {
    if (this.dropped === 0) return this.head + this.tail;
    return `${this.head}\n[... ${this.dropped} characters truncated ...]\n${this.tail}`;
  }
}

export function runBash(command: string, options: BashOptions): Promise<BashResult> {
  const output = new HeadTail(options.maxOutputChars ?? 20_000);
  return new Promise((resolve) => {
    // detached: the command gets its own process group, so a timeout kills its children too.
    const child = spawn("bash", ["-c", command], {
      cwd: options.cwd,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let timedOut = false;
    let settled = false;
    const finish = (exitCode: number | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ exitCode, timedOut, output: output.text() });
    };
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
      setTimeout(() => finish(null), 200);
    }, options.timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
    child.on("error", (error) => {
      output.push(`failed to start bash: ${error.message}`);
      finish(null);
    });
    child.on("close", (code) => finish(timedOut ? null : code));
    // A backgrounded process may hold the pipes open after bash exits; do not wait for it forever.
    child.on("exit", (code) => setTimeout(() => finish(timedOut ? null : code), 500).unref());
  });
}

export function formatBashResult(result: BashResult, timeoutMs: number): string {
  const status = result.timedOut
    ? `timed out after ${Math.round(timeoutMs / 1000)}s (killed)`
    : `exit code ${result.exitCode ?? "unknown"}`;
  return `${status}\n${result.output}`;
}
