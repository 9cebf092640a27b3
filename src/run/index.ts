// The use cases: each command's work from start to end, wiring the rooms below (archive, sandbox,
// evaluator, models, the loop, the views). The command line parses flags and prints; this does the rest.
export { type AgentRunOutput, runAgentOnDirectory } from "./agent-run.ts";
export { configuredEngineSpecs, useConfiguredEngines } from "./engines.ts";
export { CommandError } from "./errors.ts";
export { evaluateOnSuite } from "./eval.ts";
export { estimateEvolution, type RunEvolutionOptions, runEvolution } from "./evolve.ts";
export { exportAgent } from "./export.ts";
export { type FetchOutcome, fetchPolyglot, POLYGLOT_COMMIT } from "./fetch-benchmark.ts";
export { type ConfidentPick, type PickCandidate, PickInterrupted, pickWithConfidence } from "./final-pick.ts";
export { type SolveOutput, solveOnRepository } from "./solve.ts";
