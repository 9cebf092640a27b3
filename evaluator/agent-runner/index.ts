// Running any agent in the sandbox: compiling it (typecheck, bundle and its own tests, in a container), the run
// itself, and diffing the workspace it leaves behind.

export { type AgentTestsResult, agentTestsVerdict, runAgentTestsIn } from "./agent-tests.ts";
export { type ArchivedBundle, bundleOfArchivedAgent, treeBundlePath } from "./archived-bundle.ts";
export { type BuildAgentOptions, type BuildDurations, type BuildResult, type BuildStage, buildAgent } from "./build.ts";
export { diffWorkspaces, type WorkspaceDiff } from "./diff.ts";
export { type AgentGate, GATE_STAGES, type GateStage, type GateVerdict } from "./gate.ts";
export { type AgentLimits, type AgentRunResult, type RunAgentOptions, runAgent } from "./run.ts";
export {
  AgentRunError,
  type RunOnDirectoryOptions,
  type RunOnDirectoryResult,
  runAgentOnDirectory,
  SEED_AGENT_DIR,
} from "./run-directory.ts";
export { type RunOnCopyOptions, type RunOnCopyResult, runOnCopy } from "./run-on-copy.ts";
export { formatTscErrors, typecheckVerdict } from "./tsc-errors.ts";
