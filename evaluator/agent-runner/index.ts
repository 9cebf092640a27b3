// Running any agent bundle in the sandbox: bundling (host, never executes agent code), the run
// itself, and diffing the workspace it leaves behind.
export { type BundleResult, bundleAgent } from "./bundle.ts";
export { diffWorkspaces, type WorkspaceDiff } from "./diff.ts";
export { type AgentLimits, type AgentRunResult, type RunAgentOptions, runAgent } from "./run.ts";
export {
  AgentRunError,
  type RunOnDirectoryOptions,
  type RunOnDirectoryResult,
  runAgentOnDirectory,
  SEED_AGENT_DIR,
} from "./run-directory.ts";
export { type RunOnCopyOptions, type RunOnCopyResult, runOnCopy } from "./run-on-copy.ts";
