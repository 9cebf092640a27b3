// The validation gate: typecheck, bundle and test (in the sandbox), then smoke-run an agent before it may be evaluated.
export { SMOKE_CONTENT, SMOKE_FILE, smokeTestAgent } from "./smoke.ts";
export type { GateResult, GateStage, ModelCallRecorder } from "./types.ts";
export { agentGate, type ValidateAgentOptions, validateAgent } from "./validate.ts";
