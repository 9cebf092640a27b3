// One global limit on live containers, shared by everything in the process (evaluation, grading,
// self-modification, the gate): by default the slots of every engine together, so work never queues
// on the host for a container an engine has room for.
import pLimit, { type LimitFunction } from "p-limit";
import { enginePool } from "../sandbox/index.ts";

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

/** Every engine's slots together ($DGM_CONTAINERS or one per core for the local engine alone). */
export function defaultSlotCount(): number {
  return enginePool().totalSlots;
}

let shared: ContainerSlots | undefined;

/** The process-wide slots every caller should share unless it has a reason not to. */
export function sharedContainerSlots(): ContainerSlots {
  shared ??= new ContainerSlots();
  return shared;
}
