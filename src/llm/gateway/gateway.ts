// The metering gateway: every model call of a run goes through here, from agents in containers
// (over a per-session unix socket) and from the host (the diagnoser, in process). Each call is cut
// down to the fields the gateway forwards (request-policy.ts), checked against its session's limits
// and the run budget with its worst case reserved in both, sent to the role's provider with
// retries, settled at its real cost, and recorded in the archive — failures too.
import type { Archive, CallerIdentity } from "../../../archive/index.ts";
import type { RunBudget } from "../budget.ts";
import { agentFacingStatus, classifyModelFailure, isFinalFailure, type ModelFailure } from "../model-failure.ts";
import type { Pricing } from "../pricing.ts";
import { requestHash } from "../request-hash.ts";
import { errorMessage, type RetryOptions, withRetries } from "../retry.ts";
import type { ChatRequest, ChatResponse, Provider, Role, SessionLimits, SessionUsage } from "../types.ts";
import { callUsage } from "../usage.ts";
import { GatewayError } from "./errors.ts";
import { type SessionHttpLimits, serveSession } from "./http.ts";
import { applyRequestPolicy, DEFAULT_MAX_OUTPUT_TOKENS_PER_CALL } from "./request-policy.ts";
import { SessionMeter } from "./session-meter.ts";
import { worstCase } from "./worst-case.ts";

/** A provider that costs nothing (replay, scripted) says so; everything else is priced. */
type MaybeFreeProvider = Provider & { free?: boolean };

export interface GatewayDeps {
  archive: Pick<Archive, "recordModelCall">;
  providers: Partial<Record<Role, MaybeFreeProvider>>;
  pricing: Pricing;
  budget?: RunBudget;
  /** The run's seed, handed to providers (the sim's determinism). */
  seed?: number;
  retry?: RetryOptions;
  /** Where session directories are created (default: the OS temp dir). Keep it short: socket paths max ~107 bytes. */
  socketRoot?: string;
  /** Connection, timeout and body limits of every session's socket (defaults: DEFAULT_SESSION_HTTP_LIMITS). */
  http?: Partial<SessionHttpLimits>;
}

export interface OpenSessionOptions {
  identity: CallerIdentity;
  role: Role;
  limits?: SessionLimits;
  /** Overrides the gateway's seed for this session. */
  seed?: number;
}

export interface GatewaySession {
  /** The private directory holding the socket (0755, so uid 1000 in a container may reach it). */
  readonly socketDir: string;
  /** The session's socket: a sandbox makes it reachable inside a container (see SessionOptions.gateway). */
  readonly socketPath: string;
  usage(): SessionUsage;
  close(): Promise<void>;
}

export interface Gateway {
  openSession(options: OpenSessionOptions): Promise<GatewaySession>;
  /** A host-side call (the diagnoser) with the same limits, metering and recording. */
  call(identity: CallerIdentity, role: Role, request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse>;
  /**
   * The first failure that every further call would repeat (401, 403, 404, an endpoint where nothing
   * answers; a 400 on the diagnoser's own request), with its fix; null while the models answer. Runs
   * stop when it is set.
   */
  modelFailure(): ModelFailure | null;
  /** Usage of a session by id (socket sessions and host-side ones). */
  usageOf(sessionId: string): SessionUsage | undefined;
  /** Closes every open socket session. */
  close(): Promise<void>;
}

interface SessionState {
  identity: CallerIdentity;
  role: Role;
  meter: SessionMeter;
  seed: number;
}

/** The answer with the gateway's notes on the request, replacing any a replayed answer carried. */
function withNotes(response: ChatResponse, notes: string[]): ChatResponse {
  const reply: ChatResponse = { ...response };
  delete reply.gateway_notes;
  return notes.length > 0 ? { ...reply, gateway_notes: notes } : reply;
}

export function createGateway(deps: GatewayDeps): Gateway {
  const sessions = new Map<string, SessionState>();
  // The first failure of each role that every further call would repeat (a bad key, an unknown model):
  // later calls of that role fail at once, without reaching the server, and the run is told to stop.
  const fatalByRole = new Map<Role, ModelFailure>();

  const failWith = (state: SessionState, failure: ModelFailure): GatewayError => {
    state.meter.failed(failure);
    if (failure.fatal && !fatalByRole.has(state.role)) fatalByRole.set(state.role, failure);
    const code = failure.status !== null ? `upstream_${failure.status}` : `upstream_${failure.kind}`;
    return new GatewayError(
      failure.message,
      agentFacingStatus(failure),
      "upstream_error",
      code,
      isFinalFailure(failure),
    );
  };
  const open = new Set<GatewaySession>();

  const providerFor = (role: Role): MaybeFreeProvider => {
    const provider = deps.providers[role];
    if (!provider)
      throw new GatewayError(`no provider configured for role ${role}`, 500, "upstream_error", "no_provider");
    return provider;
  };

  async function invoke(state: SessionState, body: unknown, signal?: AbortSignal): Promise<ChatResponse> {
    const provider = providerFor(state.role);
    // The tighter of the session's cap and the role's configured one; the default when neither is set.
    const caps = [state.meter.limits.maxOutputTokensPerCall, provider.maxOutputTokens].filter(
      (cap): cap is number => cap !== undefined,
    );
    const cap = caps.length > 0 ? Math.min(...caps) : DEFAULT_MAX_OUTPUT_TOKENS_PER_CALL;
    const { request, outputLimit, notes } = applyRequestPolicy(body, cap);
    const fatal = fatalByRole.get(state.role);
    if (fatal)
      throw failWith(state, { ...fatal, message: `${fatal.message} [not sent: an earlier call failed this way]` });
    // From the checks to the holds nothing awaits: concurrent calls see each other's holds.
    const refusal = state.meter.refusal();
    if (refusal) throw new GatewayError(refusal.message, 429, "limit_reached", refusal.code);
    const worst = worstCase(request, outputLimit, provider.free ? undefined : deps.pricing.priceOf(provider.model));
    // Hashed before anything is held: past the holds, only the provider call may fail (and releases them).
    const hash = requestHash(request);
    const reservation = deps.budget?.reserve(worst);
    if (reservation && "refused" in reservation) {
      state.meter.countBudgetRefusal();
      throw new GatewayError(reservation.refused, 429, "budget_exhausted", "run_budget");
    }
    const budgetHold = reservation?.hold;
    const { seq, hold } = state.meter.admit(worst);

    const started = performance.now();
    const context = { caller: state.identity, role: state.role, seed: state.seed, seq, signal };
    const base = {
      caller: state.identity,
      role: state.role,
      provider: provider.name,
      requestHash: hash,
      seq,
      request,
    };
    let response: ChatResponse;
    try {
      ({ value: response } = await withRetries(() => provider.complete(request, context), deps.retry, signal));
    } catch (error) {
      hold.release();
      budgetHold?.release();
      deps.archive.recordModelCall({
        ...base,
        model: provider.model,
        response: null,
        promptTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        latencyMs: Math.round(performance.now() - started),
        error: errorMessage(error),
      });
      if (signal?.aborted) {
        state.meter.failed();
        throw new GatewayError("model call aborted: the caller went away", 502, "upstream_error", "aborted");
      }
      throw failWith(state, classifyModelFailure(error, state.identity.purpose === "diagnose"));
    }
    // Cached prompt tokens at their own rate; a server that sent no usage gets an estimate, marked as one.
    const usage = callUsage(request, response);
    const model = provider.free ? (response.model ?? provider.model) : provider.model;
    const costUsd = provider.free ? 0 : deps.pricing.cost(provider.model, usage);
    hold.settle(usage, costUsd);
    budgetHold?.settle(usage.promptTokens + usage.completionTokens, costUsd);
    const reply = withNotes(response, notes);
    deps.archive.recordModelCall({
      ...base,
      model,
      response: reply,
      promptTokens: usage.promptTokens,
      cachedTokens: usage.cachedTokens,
      completionTokens: usage.completionTokens,
      usageEstimated: usage.estimated,
      costUsd,
      latencyMs: Math.round(performance.now() - started),
      error: null,
    });
    return reply;
  }

  const stateFor = (identity: CallerIdentity, role: Role, limits?: SessionLimits, seed?: number): SessionState => {
    let state = sessions.get(identity.sessionId);
    if (!state) {
      state = { identity, role, meter: new SessionMeter(limits), seed: seed ?? deps.seed ?? 0 };
      sessions.set(identity.sessionId, state);
    }
    return state;
  };

  return {
    async openSession(options) {
      if (sessions.has(options.identity.sessionId)) {
        throw new Error(`gateway session ${options.identity.sessionId} is already open: give every session a fresh id`);
      }
      const state = stateFor(options.identity, options.role, options.limits, options.seed);
      const served = await serveSession((body, signal) => invoke(state, body, signal), deps.socketRoot, deps.http);
      const session: GatewaySession = {
        socketDir: served.socketDir,
        socketPath: served.socketPath,
        usage: () => state.meter.usage(),
        close: async () => {
          open.delete(session);
          await served.close();
        },
      };
      open.add(session);
      return session;
    },
    call(identity, role, request, signal) {
      return invoke(stateFor(identity, role), request, signal);
    },
    usageOf: (sessionId) => sessions.get(sessionId)?.meter.usage(),
    modelFailure: () => fatalByRole.get("solve") ?? fatalByRole.get("diagnose") ?? null,
    async close() {
      await Promise.all([...open].map((session) => session.close()));
    },
  };
}
