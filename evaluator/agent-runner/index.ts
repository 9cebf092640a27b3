// Running any agent in the sandbox: which agent a reference names, compiling it (typecheck, bundle and
// its own tests, in a container), the run itself with its model session, and diffing the workspace it
// leaves behind.

export {
  AGENT_REF_FORMS,
  AgentRefError,
  type AgentSource,
  checkoutAgentSource,
  importAgentSource,
  resolveAgentSource,
  resolveArchivedAgent,
  SEED_AGENT_DIR,
} from "./agent-source.ts";
export { agentTestsVerdict, runAgentTestsIn } from "./agent-tests.ts";
export { type ArchivedBundle, bundleOfArchivedAgent, treeBundlePath } from "./archived-bundle.ts";
export { buildAgent } from "./build.ts";
export { diffWorkspaces, type WorkspaceDiff } from "./diff.ts";
export { agentEndReason } from "./end-reason.ts";
export { type AgentGate, GATE_STAGES, type GateStage } from "./gate.ts";
export { type AgentLimits, type AgentRunResult, runAgent } from "./run.ts";
export { type RunInSessionResult, runAgentInSession } from "./run-in-session.ts";
export { formatTscErrors, typecheckVerdict } from "./tsc-errors.ts";
