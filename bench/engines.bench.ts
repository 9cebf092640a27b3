// bench:engines — what running sandboxes on another Docker engine costs, against the local engine in
// the same run (issue 17):
//   1. per-session overhead, phase by phase: (a) the local engine bind-mounting, (b) the local engine
//      copying files and tunnelling the gateway, (c) a second engine over TCP + mutual TLS;
//   2. the gateway round trip from inside a container: bind-mounted socket (a) against the tunnel (b, c);
//   3. evaluation throughput with one engine and with two.
// By default it starts the second engine itself (a second dockerd on this machine, needs root) and
// stops it at the end, on Ctrl-C too; with --config, it uses the first two engines a dgm.config.json
// names (the first is the baseline).
//
//   npm run bench:engines -- [--sessions 20] [--requests 200] [--eval-rounds 2] [--config dgm.config.json] [--json out.json]
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DgmError } from "../common/index.ts";
import { DockerSandbox, Engine, EnginePool, ensureSandboxImage, prepareToolchain } from "../sandbox/index.ts";
import { type HostGateway, startChatServer } from "./engines/chat-server.ts";
import { cleanUp, cleanUpOnSignals, onCleanup, wasInterrupted } from "./engines/cleanup.ts";
import { measureRoundTrips, requestsSent } from "./engines/gateway-round-trip.ts";
import { startScriptedGateway } from "./engines/scripted-gateway.ts";
import { agentLikeSession, measureSessions, writeBundle, writeWorkspace } from "./engines/session-phases.ts";
import { formatSummary, summarize } from "./engines/summary.ts";
import {
  BENCH_OWNER,
  type BenchTargets,
  configTargets,
  removeOurContainers,
  startFixtureTargets,
} from "./engines/targets.ts";
import { measureThroughput, warmGrading } from "./engines/throughput.ts";

const USAGE =
  "usage: npm run bench:engines -- [--sessions N] [--requests N] [--eval-rounds N] [--config <dgm.config.json>] [--json <file>]";
/** Request loops per engine in part 2, taking turns across engines (so drift falls on each alike). */
const TRIP_ROUNDS = 2;

function options() {
  try {
    const { values } = parseArgs({
      options: {
        sessions: { type: "string", default: "20" },
        requests: { type: "string", default: "200" },
        "eval-rounds": { type: "string", default: "2" },
        config: { type: "string" },
        json: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const count = (flag: "sessions" | "requests" | "eval-rounds", min: number): number => {
      const value = Number(values[flag]);
      if (!Number.isInteger(value) || value < min) {
        throw new Error(`--${flag} takes a whole number of at least ${min}, got "${values[flag]}"`);
      }
      return value;
    };
    return {
      sessions: count("sessions", 1),
      requests: count("requests", TRIP_ROUNDS),
      evalRounds: count("eval-rounds", 1),
      config: values.config,
      json: values.json,
    };
  } catch (error) {
    console.error(`bench:engines: ${error instanceof Error ? error.message : error}\n${USAGE}`);
    process.exit(2);
  }
}

async function run(settings: ReturnType<typeof options>): Promise<void> {
  const progress = (line: string) => console.error(line);
  // A configuration is read first, so that a mistake in it is told before anything starts.
  const configured = settings.config ? configTargets(settings.config) : undefined;
  const image = await ensureSandboxImage({ log: progress });
  const targets: BenchTargets = configured ?? (await startFixtureTargets());
  const allSpecs = [...targets.variants.map((v) => v.spec), ...targets.pair];
  onCleanup("removing this benchmark's containers", () => removeOurContainers(allSpecs));
  const scratch = await mkdtemp(join(tmpdir(), "dgm-bench-engines-"));
  onCleanup(`removing ${scratch}`, () => rm(scratch, { recursive: true, force: true }));
  const requestsPerRound = Math.ceil(settings.requests / TRIP_ROUNDS);
  const started = async (what: string, gateway: Promise<HostGateway>) => {
    const running = await gateway;
    onCleanup(`closing the ${what}`, () => running.close());
    return running;
  };
  const standIn = await started("stand-in gateway", startChatServer());
  const realGateway = await started(
    "scripted gateway",
    startScriptedGateway(requestsSent(targets.variants.length, requestsPerRound, TRIP_ROUNDS)),
  );

  const workspace = join(scratch, "workspace");
  await writeWorkspace(workspace);
  const bundleFile = join(scratch, "agent.mjs");
  await writeBundle(bundleFile);
  const toolchainTree = (await prepareToolchain()).tree;
  const sessionWith = (gateway: HostGateway) =>
    agentLikeSession({ image, toolchainTree, bundleFile, gatewaySocketPath: gateway.socketPath });
  const variants = targets.variants.map(({ key, spec }) => ({
    key,
    sandbox: new DockerSandbox(new EnginePool([new Engine(spec)])),
  }));

  progress(`part 1: ${settings.sessions} sessions on each of ${variants.map((v) => `(${v.key})`).join(" ")}`);
  const sessions = await measureSessions(
    variants,
    sessionWith(realGateway),
    settings.sessions,
    { workspace, scratch },
    progress,
  );
  progress(`part 2: ${settings.requests} gateway requests per engine, series and host end`);
  const trips = {
    transport: await measureRoundTrips(variants, sessionWith(standIn), standIn, requestsPerRound, TRIP_ROUNDS),
    realGateway: await measureRoundTrips(
      variants,
      sessionWith(realGateway),
      realGateway,
      requestsPerRound,
      TRIP_ROUNDS,
    ),
  };
  progress(`part 3: ${settings.evalRounds} scripted evaluation(s) on [${targets.single[0]?.name}] and on two engines`);
  await warmGrading(targets.pair);
  const throughput = await measureThroughput([targets.single, targets.pair], settings.evalRounds, scratch, progress);

  const summary = summarize({ source: targets.source, variants: targets.variants, sessions, trips, throughput });
  console.log(formatSummary(summary));
  if (settings.json) {
    await writeFile(settings.json, `${JSON.stringify(summary, null, 1)}\n`);
    console.log(`figures: ${settings.json}`);
  }
}

const settings = options();
// Every container made from here on carries this owner, so cleanup removes exactly this run's.
process.env.DGM_SANDBOX_OWNER = BENCH_OWNER;
cleanUpOnSignals();
try {
  await run(settings);
} catch (error) {
  if (error instanceof DgmError) {
    // A configuration the benchmark cannot use: what is wrong and how to fix it, no stack.
    console.error(`bench:engines: ${error.message}${error.fix ? `\nFix: ${error.fix}` : ""}`);
  } else if (!wasInterrupted()) {
    // (After Ctrl-C the work in flight fails because its engine is being stopped: not worth a stack.)
    console.error(`bench:engines failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  }
  process.exitCode = 1;
} finally {
  await cleanUp();
}
