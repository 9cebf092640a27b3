// Running the real `dgm` CLI as a child process, reading its --json event stream.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describeOurContainers } from "../../sandbox/index.ts";

const cli = fileURLToPath(new URL("../../bin/dgm.mjs", import.meta.url));

export interface CliRun {
  child: ChildProcess;
  events: Record<string, unknown>[];
  stderr: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves when an event of this type (and, if given, matching `where`) has been printed. */
  waitFor(type: string, where?: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

export function startCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, ...env, FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const events: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  type Waiter = {
    accepts: (event: Record<string, unknown>) => boolean;
    resolve: (event: Record<string, unknown>) => void;
  };
  const waiters: Waiter[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (!line.startsWith("{")) return;
    const event = JSON.parse(line) as Record<string, unknown>;
    events.push(event);
    for (const waiter of waiters.filter((w) => w.accepts(event))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  });
  createInterface({ input: child.stderr! }).on("line", (line) => stderr.push(line));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    events,
    stderr,
    exited,
    waitFor(type, where = () => true) {
      const accepts = (event: Record<string, unknown>) => event.type === type && where(event);
      const seen = events.find(accepts);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ accepts, resolve }));
    },
  };
}

/** Containers of one run still on the engine (running or not). */
export async function containersOfRun(runId: string): Promise<string[]> {
  return (await describeOurContainers({ run: runId })).map((container) => container.id);
}
