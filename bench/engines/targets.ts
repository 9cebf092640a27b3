// The engines bench:engines compares: (a) the baseline engine with files bind-mounted, (b) the same
// engine with files copied and the gateway tunnelled, (c) a second engine, reached over the network.
// By default (c) is a second dockerd this process starts on this machine (the test fixture, over
// TCP with mutual TLS); with --config, the first two engines a dgm.config.json names.
import { randomBytes } from "node:crypto";
import { ConfigError } from "../../common/index.ts";
import {
  defaultLocalSlots,
  describeOurContainers,
  Engine,
  type EngineSpec,
  parseEngineSection,
} from "../../sandbox/index.ts";
import { configuredEngineSpecs } from "../../src/run/index.ts";
import { startTestEngine } from "../../tests/support/second-engine.ts";
import { onCleanup } from "./cleanup.ts";

export type VariantKey = "a" | "b" | "c";

export interface Variant {
  key: VariantKey;
  label: string;
  spec: EngineSpec;
}

export interface BenchTargets {
  /** Where the engines came from, for the report. */
  source: string;
  /** a, c, and b when the baseline can also be used with files copied. */
  variants: Variant[];
  /** The pools of the throughput comparison: the baseline alone, then baseline + second engine. */
  single: EngineSpec[];
  pair: EngineSpec[];
}

/** Every container this process makes carries this owner label, so that cleanup removes exactly ours. */
export const BENCH_OWNER = `bench-engines-${process.pid}-${randomBytes(3).toString("hex")}`;

function describe(spec: EngineSpec): string {
  const where =
    spec.connection.kind === "default"
      ? "local engine"
      : spec.connection.kind === "unix"
        ? `unix socket ${spec.connection.socketPath}`
        : `${spec.connection.kind} ${spec.connection.host}:${spec.connection.port}`;
  return `${spec.name} (${where}, files ${spec.files})`;
}

function targetsFrom(baseline: EngineSpec, second: EngineSpec, source: string, copying?: EngineSpec): BenchTargets {
  const variants: Variant[] = [{ key: "a", label: describe(baseline), spec: baseline }];
  // A bind-mounting engine can also be used the way a remote one is: that isolates what copying costs.
  const baselineCopying = copying ?? (baseline.files === "bind" ? { ...baseline, files: "copy" as const } : undefined);
  if (baselineCopying) variants.push({ key: "b", label: describe(baselineCopying), spec: baselineCopying });
  variants.push({ key: "c", label: describe(second), spec: second });
  return { source, variants, single: [baseline], pair: [baseline, second] };
}

/** Starts a second engine on this machine (stopped by cleanUp) and compares it with the local one. */
export async function startFixtureTargets(): Promise<BenchTargets> {
  const slots = defaultLocalSlots();
  console.error("starting a second Docker engine (TCP + mutual TLS) on this machine…");
  const engine = await startTestEngine();
  onCleanup(`stopping the second engine ${engine.name}`, () => engine.stop());
  const parse = (section: unknown): EngineSpec => {
    const [spec] = parseEngineSection(section, { source: "bench:engines", baseDir: "/", localSlots: slots });
    if (!spec) throw new Error("bench:engines: an engine section parsed to no engine");
    return spec;
  };
  const local = parse({ engines: [{ name: "local" }] });
  const box2 = parse({ engines: [{ name: "box2", host: engine.tcpHost, tls: engine.tls, slots }] });
  // The local engine with files copied, spelled the way a user would write it in dgm.config.json.
  const copying = parse({ engines: [{ name: "local", files: "copy" }] });
  return targetsFrom(
    local,
    box2,
    `the local engine and a second dockerd (${engine.name}) at ${engine.tcpHost}`,
    copying,
  );
}

/** The first two engines of a configuration file: the first is the baseline, the second is measured. */
export function configTargets(file: string): BenchTargets {
  const specs = configuredEngineSpecs(file);
  const [baseline, second] = specs;
  if (!baseline || !second) {
    throw new ConfigError(
      `${file} names ${specs.length} engine(s); bench:engines needs two in "sandbox.engines": the baseline first, then the engine to measure`,
      {
        fix: 'e.g. "sandbox": {"engines": [{"name": "local"}, {"name": "box2", "host": "tcp://box2:2376", "tls": {…}}]}',
      },
    );
  }
  return targetsFrom(baseline, second, `${file}: ${baseline.name} vs ${second.name}`);
}

/** Removes the containers this process left on the given engines (only ours, by owner label). */
export async function removeOurContainers(specs: EngineSpec[]): Promise<void> {
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.host ?? "")) continue;
    seen.add(spec.host ?? "");
    const { docker } = new Engine(spec);
    const ours = await describeOurContainers({ owner: BENCH_OWNER }, docker).catch(() => []);
    await Promise.allSettled(
      ours.map((container) => docker.getContainer(container.id).remove({ force: true, v: true })),
    );
  }
}
