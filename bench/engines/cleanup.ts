// What bench:engines started is stopped whatever happens: each resource registers how it is undone,
// and both the normal end (finally) and Ctrl-C or SIGTERM run those undo steps, newest first. A
// signal would otherwise end Node at once, skipping every finally and leaving a second dockerd behind.
// (If the process is killed with SIGKILL, the next test run's global setup sweeps the engine: its
// owner process is gone.)

type Undo = () => Promise<void>;

const pending: Array<{ what: string; undo: Undo }> = [];
let running: Promise<void> | undefined;

/** Registers an undo step; the returned function drops it (the resource was released normally). */
export function onCleanup(what: string, undo: Undo): () => void {
  const entry = { what, undo };
  pending.push(entry);
  return () => {
    const index = pending.indexOf(entry);
    if (index >= 0) pending.splice(index, 1);
  };
}

/** Runs every registered step once, newest first; a failing step is reported and the rest still run. */
export function cleanUp(): Promise<void> {
  running ??= (async () => {
    while (pending.length > 0) {
      const entry = pending.pop();
      if (!entry) break;
      try {
        await entry.undo();
      } catch (error) {
        console.error(`cleanup: ${entry.what} failed: ${error instanceof Error ? error.message : error}`);
      }
    }
  })();
  return running;
}

let interrupted = false;

/** True once a signal asked the benchmark to stop (work failing after that is the cleanup's doing). */
export function wasInterrupted(): boolean {
  return interrupted;
}

/** On the first SIGINT or SIGTERM: clean up, then exit 130; a second signal exits at once. */
export function cleanUpOnSignals(): void {
  const handler = (signal: NodeJS.Signals): void => {
    if (interrupted) {
      console.error(`${signal} again: exiting without finishing the cleanup`);
      process.exit(130);
    }
    interrupted = true;
    console.error(`\n${signal}: stopping what the benchmark started…`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
