// The figures of bench:engines as one object (what --json writes) and as the printed tables.
import type { RoundTrips } from "./gateway-round-trip.ts";
import { PHASES, type SessionMeasurements, type SessionTimes } from "./session-phases.ts";
import { formatMs, formatRatio, ratio, type Spread, spread } from "./stats.ts";
import type { Variant } from "./targets.ts";
import type { ThroughputResult } from "./throughput.ts";

/** The target for the gateway over a remote engine, as a ratio to the bind-mounted socket. */
export const GATEWAY_TARGET = 1.2;

type Figure = Spread & { ratioToA: number };
const ROWS = [...PHASES, "total"] as const;

export interface TripSummary {
  requestsPerVariant: number;
  perVariant: Record<string, { keepAlive: Figure; fresh: Figure }>;
  /** (c)/(a) of the kept-alive medians, against GATEWAY_TARGET. */
  remoteRatio: number;
  targetMet: boolean;
}

export interface EnginesSummary {
  source: string;
  variants: Array<{ key: string; label: string }>;
  sessions: {
    perVariant: number;
    firstUseMs: Record<string, SessionTimes>;
    phases: Record<string, Record<(typeof ROWS)[number], Figure>>;
    /** Median total per session: bind-mounting against copying on the same engine (b/a), when b ran. */
    copyOverBind: number | null;
  };
  /** The round trip to a stand-in server (the transport alone) and to the real gateway. */
  gateway: { transport: TripSummary; realGateway: TripSummary };
  throughput: Array<ThroughputResult & { ratioToSingle: number }>;
}

function withRatio(values: number[], baseline: number): Figure {
  const figures = spread(values);
  return { ...figures, ratioToA: ratio(figures.median, baseline) };
}

function summarizeTrips(variants: Variant[], trips: Record<string, RoundTrips>): TripSummary {
  const keptA = spread(trips.a?.keepAlive ?? []).median;
  const freshA = spread(trips.a?.fresh ?? []).median;
  const perVariant: TripSummary["perVariant"] = {};
  for (const { key } of variants) {
    perVariant[key] = {
      keepAlive: withRatio(trips[key]?.keepAlive ?? [], keptA),
      fresh: withRatio(trips[key]?.fresh ?? [], freshA),
    };
  }
  const remoteRatio = perVariant.c?.keepAlive.ratioToA ?? Number.NaN;
  return {
    requestsPerVariant: trips.a?.keepAlive.length ?? 0,
    perVariant,
    remoteRatio,
    targetMet: remoteRatio <= GATEWAY_TARGET,
  };
}

export function summarize(parts: {
  source: string;
  variants: Variant[];
  sessions: SessionMeasurements;
  trips: { transport: Record<string, RoundTrips>; realGateway: Record<string, RoundTrips> };
  throughput: ThroughputResult[];
}): EnginesSummary {
  const { sessions } = parts;
  const baselineOf = (row: (typeof ROWS)[number]) => spread((sessions.samples.a ?? []).map((t) => t[row])).median;
  const phases: EnginesSummary["sessions"]["phases"] = {};
  for (const { key } of parts.variants) {
    const samples = sessions.samples[key] ?? [];
    phases[key] = Object.fromEntries(
      ROWS.map((row) => [
        row,
        withRatio(
          samples.map((t) => t[row]),
          baselineOf(row),
        ),
      ]),
    ) as Record<(typeof ROWS)[number], Figure>;
  }
  const single = parts.throughput[0]?.tasksPerMinute ?? Number.NaN;
  return {
    source: parts.source,
    variants: parts.variants.map(({ key, label }) => ({ key, label })),
    sessions: {
      perVariant: sessions.samples.a?.length ?? 0,
      firstUseMs: sessions.firstUse,
      phases,
      copyOverBind: phases.b ? phases.b.total.ratioToA : null,
    },
    gateway: {
      transport: summarizeTrips(parts.variants, parts.trips.transport),
      realGateway: summarizeTrips(parts.variants, parts.trips.realGateway),
    },
    throughput: parts.throughput.map((result) => ({ ...result, ratioToSingle: ratio(result.tasksPerMinute, single) })),
  };
}

const cell = (figure: Figure | undefined): string =>
  figure ? `${formatMs(figure.median)} [${formatMs(figure.p90)}]` : "—";

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (row: string[]) =>
    row
      .map((text, column) => text.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].map((text) => `  ${text}`).join("\n");
}

export function formatSummary(summary: EnginesSummary): string {
  const keys = summary.variants.map((v) => v.key);
  const ratioKeys = keys.filter((key) => key !== "a");
  const out: string[] = [`bench:engines — ${summary.source}`];
  for (const variant of summary.variants) out.push(`  (${variant.key}) ${variant.label}`);

  const { sessions } = summary;
  out.push(
    "",
    `per-session overhead: ${sessions.perVariant} agent-like sessions per engine, median [p90] ms; ratios of medians to (a)`,
  );
  const sessionRows = ROWS.map((row) => [
    row,
    ...keys.map((key) => cell(sessions.phases[key]?.[row])),
    ...ratioKeys.map((key) => formatRatio(sessions.phases[key]?.[row].ratioToA ?? Number.NaN)),
  ]);
  sessionRows.push([
    "first use",
    ...keys.map((key) => `${((sessions.firstUseMs[key]?.total ?? 0) / 1000).toFixed(1)} s`),
    ...ratioKeys.map(() => ""),
  ]);
  out.push(table(["phase", ...keys.map((k) => `(${k})`), ...ratioKeys.map((k) => `${k}/a`)], sessionRows));
  out.push("  first use: the run's first session on the engine, copying the image and trees there if it lacks them");
  if (sessions.copyOverBind !== null) {
    const faster = sessions.copyOverBind > 1;
    out.push(
      `  on the baseline engine, bind-mounting is ${faster ? "faster" : "not faster"} than copying (copy/bind ${formatRatio(sessions.copyOverBind)} per session):` +
        ` ${faster ? "bind stays the default for an engine on this machine" : "copying could be the default there too"}`,
    );
  }

  out.push(
    "",
    `gateway round trip: chat requests timed inside the container, median [p90] ms; ${summary.gateway.realGateway.requestsPerVariant} per engine and series`,
  );
  const tripRows = (["transport", "realGateway"] as const).flatMap((kind) =>
    (["keepAlive", "fresh"] as const).map((series) => [
      `${kind === "transport" ? "stand-in server" : "real gateway"}, ${series === "keepAlive" ? "kept-alive connection" : "new connection each"}`,
      ...keys.map((key) => cell(summary.gateway[kind].perVariant[key]?.[series])),
      ...ratioKeys.map((key) => formatRatio(summary.gateway[kind].perVariant[key]?.[series].ratioToA ?? Number.NaN)),
    ]),
  );
  out.push(table(["host end, connection", ...keys.map((k) => `(${k})`), ...ratioKeys.map((k) => `${k}/a`)], tripRows));
  const verdict = (trips: TripSummary) => `${formatRatio(trips.remoteRatio)} ${trips.targetMet ? "met" : "MISSED"}`;
  out.push(
    `  target (c) ≤ ${GATEWAY_TARGET}× (a), kept-alive connection (how agents call): real gateway ${verdict(summary.gateway.realGateway)}; transport alone ${verdict(summary.gateway.transport)}`,
  );

  out.push("", "evaluation throughput: the scripted evaluation (6 built-in tasks), seed agent's build not counted");
  const throughputRows = summary.throughput.map((result) => [
    `[${result.engines.join(", ")}]`,
    String(result.containers),
    result.rounds.map((r) => `${(r.ms / 1000).toFixed(1)} s`).join(", "),
    result.tasksPerMinute.toFixed(1),
    formatRatio(result.ratioToSingle),
    Object.entries(result.sessionsByEngine)
      .map(([engine, count]) => `${engine} ${count}`)
      .join(", "),
  ]);
  out.push(table(["engines", "containers", "rounds", "tasks/min", "ratio", "sessions on"], throughputRows));
  return out.join("\n");
}
