// What this archive has measured: the tokens of every real-model session it recorded (model calls
// grouped by session), and how often children were evaluated and reached the next stage. The
// simulator, scripted and replayed calls are not history: their tokens say nothing about a model.
import type { Archive, ModelCallRow, RunRow } from "../../../archive/index.ts";
import type { Spread, TokenSplit, UnitFigures, UnitKind } from "./types.ts";

/** Fewer sessions than this of a kind, and the estimate falls back (other models, then the prior). */
export const MIN_SESSIONS = 5;
/**
 * Plenty for a mean. Reading stops there, newest first, so that an estimate costs about the same on
 * any archive: reading calls is what costs, since each brings its request and response (measured on a
 * 2-core machine: 1.4 s for 316 sessions of 15 calls with requests growing to 45 kB).
 */
const ENOUGH_SESSIONS: Record<UnitKind, number> = { task: 200, "self-modify": 50, diagnose: 50 };

const notModels = new Set(["sim", "scripted", "replay"]);
const purposeKind: Partial<Record<ModelCallRow["caller"]["purpose"], UnitKind>> = {
  solve: "task",
  "self-modify": "self-modify",
  diagnose: "diagnose",
};

export interface SessionRecord {
  kind: UnitKind;
  model: string;
  tokens: TokenSplit;
}

/** Of a share (children evaluated, evaluations reaching the next stage): how many of how many. */
export interface ShareCount {
  of: number;
  hits: number;
}

export interface History {
  sessions: SessionRecord[];
  childEvaluated: ShareCount;
  advance: ShareCount;
}

/** One record per session (keyed by run and session id) of real-model calls that used any tokens (a refused key uses none). */
export function sessionsOf(calls: ModelCallRow[]): Map<string, SessionRecord> {
  const bySession = new Map<string, SessionRecord>();
  for (const call of calls) {
    const kind = purposeKind[call.caller.purpose];
    if (!kind || notModels.has(call.provider)) continue;
    const key = `${call.caller.runId ?? ""}/${call.caller.sessionId}`;
    const session = bySession.get(key) ?? { kind, model: call.model, tokens: { prompt: 0, cached: 0, completion: 0 } };
    session.tokens.prompt += call.promptTokens;
    session.tokens.cached += Math.min(call.cachedTokens, call.promptTokens);
    session.tokens.completion += call.completionTokens;
    bySession.set(key, session);
  }
  for (const [key, session] of bySession) {
    if (session.tokens.prompt + session.tokens.completion === 0) bySession.delete(key);
  }
  return bySession;
}

interface StoredRunConfig {
  options?: { stages?: { name?: string }[] };
  models?: { solve?: { provider?: string } };
}

/** Runs of `dgm evolve` with a real solve model: only their children's fates are history. */
function realEvolveRun(run: RunRow): StoredRunConfig | undefined {
  const config = run.config as StoredRunConfig;
  const provider = config.models?.solve?.provider;
  if (!Array.isArray(config.options?.stages) || !provider || notModels.has(provider)) return undefined;
  return config;
}

function countShares(archive: Archive, run: RunRow, config: StoredRunConfig, history: History): void {
  const stages = (config.options?.stages ?? []).map((stage) => stage.name);
  const agents = new Map(archive.listAgents(run.id).map((agent) => [agent.id, agent]));
  for (const attempt of archive.listAttempts(run.id)) {
    if (attempt.status !== "succeeded" && attempt.status !== "failed") continue;
    const child = attempt.childId ? agents.get(attempt.childId) : undefined;
    history.childEvaluated.of++;
    if (child && Object.keys(child.scores).length > 0) history.childEvaluated.hits++;
  }
  const [first, second] = stages;
  if (!first || !second) return;
  for (const agent of agents.values()) {
    const scores = agent.scores as Record<string, number | undefined>;
    if (scores[first] === undefined || agent.status === "evaluating" || agent.status === "pending") continue;
    history.advance.of++;
    if (scores[second] !== undefined) history.advance.hits++;
  }
}

/** Reads the archive's history, newest first, until it has plenty of each kind of session. */
export function readHistory(archive: Archive): History {
  const sessions = new Map<string, SessionRecord>();
  const counts: Record<UnitKind, number> = { task: 0, "self-modify": 0, diagnose: 0 };
  const enough = (kind: UnitKind) => counts[kind] >= ENOUGH_SESSIONS[kind];
  const take = (calls: ModelCallRow[]) => {
    for (const [key, session] of sessionsOf(calls)) {
      if (sessions.has(key)) continue;
      sessions.set(key, session);
      counts[session.kind]++;
    }
  };
  const history: History = { sessions: [], childEvaluated: { of: 0, hits: 0 }, advance: { of: 0, hits: 0 } };
  for (const run of archive.listRuns().reverse()) {
    // A task session is recorded under the agent evaluated; a diagnosis and a self-modification under their attempt.
    for (const agent of archive.listAgents(run.id).reverse()) {
      if (enough("task")) break;
      take(archive.listModelCalls({ agentId: agent.id }));
    }
    for (const attempt of archive.listAttempts(run.id).reverse()) {
      if (enough("self-modify") && enough("diagnose")) break;
      take(archive.listModelCalls({ attemptId: attempt.id }));
    }
    const config = realEvolveRun(run);
    if (config) countShares(archive, run, config, history);
  }
  history.sessions = [...sessions.values()];
  return history;
}

/**
 * Mean, and the means of the cheaper and the dearer half: a run's hundreds of sessions average out,
 * so the bracket is "as if this run's agents behaved like the cheaper (dearer) half of those recorded",
 * not one session's extremes. Always low ≤ expected ≤ high.
 */
function columnSpread(values: number[]): Spread<number> {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = (part: number[]) => part.reduce((sum, value) => sum + value, 0) / Math.max(1, part.length);
  const half = Math.ceil(sorted.length / 2);
  return { low: mean(sorted.slice(0, half)), expected: mean(sorted), high: mean(sorted.slice(sorted.length - half)) };
}

export function spreadOfSessions(sessions: SessionRecord[]): Spread<TokenSplit> {
  const prompt = columnSpread(sessions.map((s) => s.tokens.prompt));
  const cached = columnSpread(sessions.map((s) => s.tokens.cached));
  const completion = columnSpread(sessions.map((s) => s.tokens.completion));
  const at = (key: keyof Spread<number>): TokenSplit => ({
    prompt: prompt[key],
    cached: Math.min(cached[key], prompt[key]),
    completion: completion[key],
  });
  return { low: at("low"), expected: at("expected"), high: at("high") };
}

const kindWords: Record<UnitKind, string> = {
  task: "task sessions",
  "self-modify": "self-modification sessions",
  diagnose: "diagnosis calls",
};

/** The figures of one kind of unit from history: the same model's sessions when there are enough, else any model's. */
export function historyFigures(history: History, kind: UnitKind, model: string): UnitFigures | undefined {
  const ofKind = history.sessions.filter((session) => session.kind === kind);
  const same = ofKind.filter((session) => session.model === model);
  if (same.length >= MIN_SESSIONS) {
    return {
      tokens: spreadOfSessions(same),
      basis: "history",
      describe: `history: ${same.length} ${kindWords[kind]} of ${model} in this archive`,
    };
  }
  if (ofKind.length >= MIN_SESSIONS) {
    const models = [...new Set(ofKind.map((session) => session.model))].join(", ");
    return {
      tokens: spreadOfSessions(ofKind),
      basis: "history",
      describe: `history: ${ofKind.length} ${kindWords[kind]} of other models (${models}) in this archive; ${same.length} of ${model}`,
    };
  }
  return undefined;
}

/** A share from history as a bracket: the observed rate ± its 90% sampling error, at least ± 0.1. */
export function shareSpread(count: ShareCount): Spread<number> | undefined {
  if (count.of < MIN_SESSIONS) return undefined;
  const rate = count.hits / count.of;
  const margin = Math.max(0.1, 1.645 * Math.sqrt((rate * (1 - rate)) / count.of));
  return { low: Math.max(0, rate - margin), expected: rate, high: Math.min(1, rate + margin) };
}
