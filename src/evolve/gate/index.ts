// The validation gate: typecheck, bundle and test (in the sandbox), then smoke-run an agent before it may be evaluated.
export { smokeTestAgent } from "./smoke.ts";
export type { GateStage } from "./types.ts";
export { agentGate, validateAgent } from "./validate.ts";
