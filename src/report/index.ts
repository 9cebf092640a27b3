// The report room's public entry: views over the archive for people — the terminal tree, agent
// details, the offline HTML report, the local web UI, exporting an agent and reusing it on a repo.
export { type AgentDetail, colorDiff, loadAgentDetail, renderAgentDetailText, stageScores } from "./agent-detail.ts";
export { cachedNote, estimatedMark, estimateNote, formatCost } from "./cost-text.ts";
export { ExportError, type ExportManifest, type ExportOptions, exportAgent } from "./export-agent.ts";
export { describeBest, type ReportOptions, renderHtmlReport } from "./html-report.ts";
export { buildForest, type Forest, formatScore, formatUsd, shortId } from "./lineage.ts";
export { type ProgressPoint, progressSeries, renderProgressSvg } from "./progress.ts";
export { type Resolved, resolveAgentRef, resolveRun, runKind } from "./resolve.ts";
export { type CostLine, loadRunView, type RunView, summarizeCosts, type TaskResult, toTaskResult } from "./run-view.ts";
export { type ReportServer, startReportServer } from "./server/http-server.ts";
export {
  SolveError,
  type SolveOutput,
  type SolveRepoOptions,
  type SolveRepoResult,
  solveOnRepository,
} from "./solve-repo.ts";
export { renderTreeSvg, scoreColor } from "./svg-tree.ts";
export { renderCostTable, renderGradingFlags, renderSolveMatrix } from "./tables.ts";
export { layoutTree, type PlacedAgent, type TreeLayout } from "./tree-layout.ts";
export { renderTreeText, type TreeJsonNode, type TreeTextOptions, treeJson } from "./tree-text.ts";
