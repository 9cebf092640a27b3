// Ctrl-C in a terminal sends SIGINT to the whole foreground process group: not only to `dgm` but to
// every tsc, esbuild and git it has running, which would then fail half-way and turn healthy children
// into "invalid" ones. So an interactive long-running command re-runs itself in a process group of
// its own and this process forwards each Ctrl-C to it alone; the command's handler then decides what
// an interrupt means (finish in-flight work, or abort).
import { spawn } from "node:child_process";

const workerFlag = "DGM_SHIELDED_WORKER";

/**
 * In a terminal, runs this same command line again as a shielded worker and resolves with its exit
 * code. Returns undefined when the caller should do the work itself (not a terminal, or already the worker).
 */
export function runShieldedFromTerminal(): Promise<number> | undefined {
  if (!process.stdin.isTTY || process.env[workerFlag] === "1") return undefined;
  const worker = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: "inherit",
    env: { ...process.env, [workerFlag]: "1" },
  });
  const forward = (signal: NodeJS.Signals) => worker.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    worker.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 128 + 2 : 1));
    });
  });
}
