// One global limit on live containers, shared by everything in the process (evaluation, grading,
// self-modification, the gate): two cores cannot usefully run more containers than that at once.
import { availableParallelism } from "node:os";
import pLimit, { type LimitFunction } from "p-limit";

export class ContainerSlots {
  readonly size: number;
  private readonly limit: LimitFunction;

  constructor(size = defaultSlotCount()) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`container slots must be a positive integer, got ${size}`);
    this.size = size;
    this.limit = pLimit(size);
  }

  /** Runs `work` once a slot is free; hold a slot exactly as long as one container lives. Never nest. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.limit(work);
  }

  get active(): number {
    return this.limit.activeCount;
  }

  get waiting(): number {
    return this.limit.pendingCount;
  }
}

/** $DGM_CONTAINERS, else one container per core. */
export function defaultSlotCount(): number {
  const fromEnv = Number(process.env.DGM_CONTAINERS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.max(1, availableParallelism());
}

let shared: ContainerSlots | undefined;

/** The process-wide slots every caller should share unless it has a reason not to. */
export function sharedContainerSlots(): ContainerSlots {
  shared ??= new ContainerSlots();
  return shared;
}
