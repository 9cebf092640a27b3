// The web UI's JSON endpoints: plain functions from the archive and a URL to a status and a body,
// so the HTTP layer stays a thin shell.

import type { Archive } from "../../../archive/index.ts";
import { headlineScore } from "../../../archive/index.ts";
import { loadAgentDetail } from "../agent-detail.ts";
import { confidencePhrases } from "../confidence.ts";
import { estimateNote } from "../cost-text.ts";
import { describeFinalPick } from "../final-pick-text.ts";
import { gradingNotes } from "../grading-notes.ts";
import { describeBest } from "../html-report.ts";
import { runKind } from "../run-kind.ts";
import { summarizeCosts } from "../run-view.ts";
import { renderTreeSvg } from "../svg-tree.ts";
import { layoutTree } from "../tree-layout.ts";

export interface ApiResponse {
  status: number;
  body: unknown;
}

const notFound = (what: string): ApiResponse => ({ status: 404, body: { error: `${what} not found` } });
const clip = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text;

export async function handleApi(archive: Archive, url: URL): Promise<ApiResponse> {
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  // parts[0] === "api"
  const [, kind, id, sub] = parts;
  if (kind === "runs" && !id) {
    return {
      status: 200,
      body: archive.listRuns().map((run) => {
        const agents = archive.listAgents(run.id);
        const best = archive.bestAgent(run.id);
        return {
          id: run.id,
          kind: runKind(run),
          status: run.status,
          createdAt: run.createdAt,
          agents: agents.length,
          bestId: best?.id ?? null,
          bestScore: best ? (headlineScore(best) ?? null) : null,
          costUsd: run.costUsd,
          estimatedCalls: run.estimatedCalls,
        };
      }),
    };
  }
  if (kind === "runs" && id && !sub) {
    const run = archive.getRun(id);
    if (!run) return notFound(`run ${id}`);
    const agents = archive.listAgents(id);
    const best = archive.bestAgent(id);
    const bestId = best?.id;
    const lastEvent = latestEventId(archive, id);
    const pickText = run.finalPick ? describeFinalPick(run.finalPick, best) : null;
    return {
      status: 200,
      body: {
        run,
        agentCount: agents.length,
        bestId: bestId ?? null,
        best: describeBest({ agents, bestId }),
        finalPick: pickText
          ? `${run.finalPick!.agentId}, ${pickText.how}${pickText.highestObserved ? `; ${pickText.highestObserved}` : ""}`
          : null,
        costNote: run.estimatedCalls > 0 ? estimateNote(run.estimatedCalls, archive.costOf({ runId: id }).calls) : null,
        lastEventId: lastEvent,
        attempts: archive
          .listAttempts(id)
          .map((a) => ({ id: a.id, phase: a.phase, status: a.status, childId: a.childId, parentId: a.parentId })),
        svg: agents.length > 0 ? renderTreeSvg(layoutTree(agents, bestId), { bestId, id: "tree" }) : "",
      },
    };
  }
  if (kind === "runs" && id && sub === "events") {
    if (!archive.getRun(id)) return notFound(`run ${id}`);
    const after = Number(url.searchParams.get("after") ?? 0) || 0;
    return { status: 200, body: { events: archive.eventsSince(id, after, 500), status: archive.getRun(id)?.status } };
  }
  if (kind === "agents" && id) {
    const agent = archive.resolveAgent(id);
    if (!agent) return notFound(`agent ${id}`);
    const detail = await loadAgentDetail(archive, agent);
    const calls = archive.listModelCalls({ agentId: agent.id });
    const creationCalls = detail.attempt ? archive.listModelCalls({ attemptId: detail.attempt.id }) : [];
    return {
      status: 200,
      body: {
        agent,
        lineage: detail.lineage.map((row) => ({ id: row.id, status: row.status, score: headlineScore(row) ?? null })),
        children: detail.children.map((row) => ({ id: row.id, status: row.status, score: headlineScore(row) ?? null })),
        attempt: detail.attempt ?? null,
        diff: clip(detail.diff, 400_000),
        cost: detail.cost,
        costNote: estimateNote(detail.cost.estimatedCalls, detail.cost.calls) || null,
        confidence: detail.confidence,
        confidenceText: confidencePhrases(detail.confidence),
        evaluations: detail.evaluations.map((row) => ({
          ...row,
          patch: clip(row.patch, 20_000),
          testOutput: clip(row.testOutput, 8_000),
          gradingNotes: gradingNotes(row.grading),
        })),
        modelCalls: [...creationCalls, ...calls.filter((call) => !creationCalls.some((c) => c.id === call.id))]
          .slice(0, 200)
          .map((call) => ({
            id: call.id,
            purpose: call.caller.purpose,
            taskId: call.caller.taskId,
            role: call.role,
            provider: call.provider,
            model: call.model,
            promptTokens: call.promptTokens,
            cachedTokens: call.cachedTokens,
            completionTokens: call.completionTokens,
            usageEstimated: call.usageEstimated,
            costUsd: call.costUsd,
            latencyMs: call.latencyMs,
            error: call.error,
            createdAt: call.createdAt,
          })),
        costByPurpose: summarizeCosts(calls),
      },
    };
  }
  if (kind === "blobs" && id) {
    const blob = archive.readBlob(id);
    if (!blob) return notFound(`blob ${id}`);
    return { status: 200, body: { ref: id, text: clip(blob.toString("utf8"), 2_000_000) } };
  }
  return notFound(url.pathname);
}

function latestEventId(archive: Archive, runId: string): number {
  let last = 0;
  for (;;) {
    const page = archive.eventsSince(runId, last, 1000);
    if (page.length === 0) return last;
    last = page.at(-1)!.id;
    if (page.length < 1000) return last;
  }
}
