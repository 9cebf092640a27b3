// The agent's record of what it did: one JSON object per line, appended synchronously so that a
// crash or a kill from the host still leaves every line written so far.
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

export type TrajectoryEvent = { type: string } & Record<string, unknown>;

export class Trajectory {
  private readonly startedAt = Date.now();

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  write(event: TrajectoryEvent): void {
    const line = JSON.stringify({ ...event, ms: Date.now() - this.startedAt });
    try {
      appendFileSync(this.file, `${line}\n`);
    } catch (error) {
      // A full or vanished output directory must not stop the agent; stderr is still captured.
      process.stderr.write(`trajectory write failed: ${String(error)}\n`);
    }
  }
}
