// The evolution room's public entry: the loop and its services (on Docker, or in process), the run's
// options, the live view of its events, the estimate of what a run costs, and the validation gate.
export {
  callsRealModel,
  type EstimateSummary,
  estimateRun,
  formatEstimate,
  formatSummary,
  type RunEstimate,
  summaryOf,
} from "./estimate/index.ts";
export { EventBus, type EvolveEvent, type Phase } from "./events.ts";
export { runFinalists } from "./finalists.ts";
export { agentGate } from "./gate/index.ts";
export { chooseViewMode, LiveView } from "./live-view.ts";
export { EvolutionLoop, type LoopResult } from "./loop.ts";
export {
  admissionPolicies,
  defaultStages,
  demoOptions,
  type EvolveOptions,
  type EvolveOptionsInput,
  parseEvolveOptions,
  type SchedulerName,
  schedulerNames,
} from "./options.ts";
export {
  type AgentResults,
  bestOfRun,
  compareByLowerBound,
  rankByLowerBound,
  resultsFromTally,
} from "./picks.ts";
export type { ServicesWiring } from "./services.ts";
export { exitCodeOfStop } from "./stop-reason.ts";
export { createEvolveServices } from "./wiring.ts";
