// The process-wide placement of sessions on engines: each session goes to the least loaded engine
// that answers (busy share of its slots), and holds that slot until it is destroyed. While sessions run, the engines they run on are asked regularly whether they still
// answer; one that stops is marked down and its sessions are told, so their work fails fast as an
// infrastructure error (to be run again elsewhere) instead of hanging or counting against an agent.
import { SandboxError } from "../errors.ts";
import type { Engine } from "./engine.ts";

export interface Lease {
  readonly engine: Engine;
  /** Gives the slot back. Idempotent. */
  release(): void;
}

type DownListener = (reason: string) => void;

/** How often engines with sessions on them are asked whether they still answer. */
const WATCH_INTERVAL_MS = 3_000;

export class EnginePool {
  private readonly listeners = new Map<Engine, Set<DownListener>>();
  private watchTimer: NodeJS.Timeout | undefined;

  constructor(readonly engines: readonly Engine[]) {
    if (engines.length === 0) throw new SandboxError("an engine pool needs at least one engine");
  }

  /** The global container limit: every engine's slots together. */
  get totalSlots(): number {
    return this.engines.reduce((sum, engine) => sum + engine.slots, 0);
  }

  byName(name: string): Engine | undefined {
    return this.engines.find((engine) => engine.name === name);
  }

  /**
   * A slot on the least loaded engine that answers; fails with a SandboxError when none answers.
   * Placement never waits: the process-wide ContainerSlots (the sum of every engine's slots) bounds
   * how many sessions exist, so an engine over its own slots only means every engine is as full.
   * `exclude` keeps a session off engines (a retry after one stopped answering).
   */
  async acquire(options: { exclude?: ReadonlySet<string> } = {}): Promise<Lease> {
    const candidates = this.engines
      .filter((engine) => !options.exclude?.has(engine.name) && engine.placeable())
      .sort(byLoad);
    for (const engine of candidates) {
      if (engine.health !== "up" && !(await engine.probe())) continue;
      return this.lease(engine);
    }
    throw this.noEngineError(options.exclude);
  }

  /** Calls `listener` if `engine` is marked down while the returned function has not been called. */
  onDown(engine: Engine, listener: DownListener): () => void {
    let set = this.listeners.get(engine);
    if (!set) {
      set = new Set();
      this.listeners.set(engine, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * Something failed on `engine`: ask it whether it still answers. When it does not, it is marked down,
   * its sessions are told, and this returns false.
   */
  async confirm(engine: Engine): Promise<boolean> {
    if (await engine.probe()) return true;
    this.announceDown(engine);
    return false;
  }

  private lease(engine: Engine): Lease {
    engine.active += 1;
    this.watch();
    let released = false;
    return {
      engine,
      release: () => {
        if (released) return;
        released = true;
        engine.active -= 1;
      },
    };
  }

  private announceDown(engine: Engine): void {
    const reason = engine.lossReason();
    for (const listener of this.listeners.get(engine) ?? []) listener(reason);
  }

  /** Probes the engines that have sessions, every few seconds, while any has. */
  private watch(): void {
    if (this.watchTimer) return;
    this.watchTimer = setInterval(() => {
      const busy = this.engines.filter((engine) => engine.active > 0 && engine.health !== "down");
      if (busy.length === 0) {
        clearInterval(this.watchTimer);
        this.watchTimer = undefined;
        return;
      }
      for (const engine of busy) void this.confirm(engine);
    }, WATCH_INTERVAL_MS);
    this.watchTimer.unref();
  }

  private noEngineError(exclude: ReadonlySet<string> | undefined): SandboxError {
    const lines = this.engines
      .filter((engine) => !exclude?.has(engine.name))
      .map((engine) => `${engine.name}: ${engine.lastError ?? engine.health}`);
    return new SandboxError(
      `no Docker engine answers (${lines.join("; ") || "every engine was excluded"}). ` +
        "Fix: `dgm doctor` shows each engine; start the engine or fix sandbox.engines in dgm.config.json.",
    );
  }
}

/** Least loaded first (busy share of slots), then the most free slots, then configuration order. */
function byLoad(a: Engine, b: Engine): number {
  return a.active / a.slots - b.active / b.slots || b.freeSlots - a.freeSlots;
}
