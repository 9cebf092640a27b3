// The report room's public entry: views over the archive for people — the terminal tree, agent
// details, the offline HTML report and the local web UI.
export { colorDiff, loadAgentDetail, renderAgentDetailText } from "./agent-detail.ts";
export { formatInterval } from "./confidence.ts";
export { cachedNote, estimatedMark, estimateNote, formatCost } from "./cost-text.ts";
export { describeFinalPick } from "./final-pick-text.ts";
export { escapeHtml } from "./html.ts";
export { describeBest, renderHtmlReport } from "./html-report.ts";
export { formatScore, formatUsd } from "./lineage.ts";
export { runKind } from "./run-kind.ts";
export { loadRunView } from "./run-view.ts";
export { type ReportServer, startReportServer } from "./server/http-server.ts";
export { layoutTree } from "./tree-layout.ts";
export { renderTreeText, type TreeJsonNode, treeJson } from "./tree-text.ts";
