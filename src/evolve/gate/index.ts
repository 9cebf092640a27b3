// The validation gate: typecheck, bundle and smoke-run an agent before it may be evaluated.
export { SMOKE_CONTENT, SMOKE_FILE, smokeTestAgent } from "./smoke.ts";
export { formatTscErrors, typecheckAgent } from "./typecheck.ts";
export type { GateResult, GateStage, ModelCallRecorder } from "./types.ts";
export { type ValidateAgentOptions, validateAgent } from "./validate.ts";
