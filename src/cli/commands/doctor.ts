// `dgm doctor`: one line per check, a concrete fix for each failure, exit 1 if a required one fails.
import { existsSync, statfsSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import { execa } from "execa";
import pc from "picocolors";
import {
  buildCommandFor,
  type EngineReport,
  engineInfo,
  enginePool,
  imageExists,
  languageImageStates,
  listSandboxImages,
  reportEngines,
  sandboxImageTag,
} from "../../../sandbox/index.ts";
import { describeModelConfig, loadModelsConfig } from "../../llm/index.ts";
import { homeFrom, printJson } from "../shared.ts";

interface CheckResult {
  name: string;
  ok: boolean;
  required: boolean;
  detail: string;
  fix?: string;
}

const MIN_FREE_BYTES = 5 * 1024 ** 3;

function checkNode(): CheckResult {
  const major = Number(process.versions.node.split(".")[0]);
  return major >= 20
    ? { name: "node", ok: true, required: true, detail: process.version }
    : {
        name: "node",
        ok: false,
        required: true,
        detail: `${process.version} is too old`,
        fix: "install Node.js 20 or newer",
      };
}

async function checkEngineAndImage(): Promise<CheckResult[]> {
  let engine: Awaited<ReturnType<typeof engineInfo>>;
  try {
    engine = await engineInfo();
  } catch (error) {
    return [
      {
        name: "docker engine",
        ok: false,
        required: true,
        detail: "no engine answers",
        fix: "run `bash scripts/setup-machine.sh` as root (installs docker.io, starts dockerd), or start your engine / set DOCKER_HOST",
      },
      {
        name: "sandbox image",
        ok: false,
        required: true,
        detail: `cannot check without an engine (${error instanceof Error ? error.message.split(" (")[0] : error})`,
        fix: "start the engine first",
      },
    ];
  }
  const tag = sandboxImageTag();
  const present = await imageExists(tag);
  const stale = (await listSandboxImages()).filter((image) => image.startsWith("dgm-sandbox:") && image !== tag);
  const languages = await languageImageStates();
  const ready = languages.filter((state) => state.present).map((state) => state.language);
  const missing = languages.filter((state) => !state.present).map((state) => state.language);
  return [
    {
      name: "docker engine",
      ok: true,
      required: true,
      detail: `Docker ${engine.version}, API ${engine.apiVersion}, cgroup v${engine.cgroupVersion}`,
    },
    present
      ? { name: "sandbox image", ok: true, required: true, detail: `${tag} (current recipe)` }
      : {
          name: "sandbox image",
          ok: false,
          required: true,
          detail: stale.length > 0 ? `${tag} missing; only stale ${stale.join(", ")}` : `${tag} missing`,
          fix: "run `dgm sandbox build` (offline build takes about a minute)",
        },
    {
      // Optional: only polyglot suites in these languages need them.
      name: "languages",
      ok: missing.length === 0,
      required: false,
      detail: `ready: ${ready.join(", ") || "none"}` + (missing.length > 0 ? `; not built: ${missing.join(", ")}` : ""),
      ...(missing.length > 0 ? { fix: `\`${buildCommandFor(missing)}\` for polyglot suites in those languages` } : {}),
    },
  ];
}

/** One line per engine of the pool; the pool needs at least one that answers. */
async function checkEnginePool(): Promise<CheckResult[]> {
  let reports: EngineReport[];
  try {
    reports = await reportEngines(enginePool(), [sandboxImageTag()]);
  } catch (error) {
    return [
      {
        name: "engine pool",
        ok: false,
        required: true,
        detail: error instanceof Error ? error.message : String(error),
        fix: "correct the sandbox section of dgm.config.json (see README: Running on several engines)",
      },
    ];
  }
  const answering = reports.filter((report) => report.health === "up");
  const total = reports.reduce((sum, report) => sum + report.slots, 0);
  const lines: CheckResult[] = reports.map((report) => ({
    name: `engine ${report.name}`,
    ok: report.health === "up",
    required: false,
    detail: describeEngine(report),
    ...(report.health === "up" ? {} : { fix: `start the engine at ${report.host}, or remove it from sandbox.engines` }),
  }));
  lines.unshift({
    name: "engine pool",
    ok: answering.length > 0,
    required: true,
    detail: `engines answering: ${answering.length} of ${reports.length}; ${total} slots in all`,
    ...(answering.length > 0 ? {} : { fix: "start at least one engine (see the lines below)" }),
  });
  return lines;
}

function describeEngine(report: EngineReport): string {
  if (report.health === "down") return `${report.host}: does not answer (${report.error})`;
  const images = report.images
    .map((image) => `${image.tag} ${image.present ? "present" : "missing (copied on first use)"}`)
    .join(", ");
  const warnings = report.warnings.map((warning) => `; ${warning}`).join("");
  return `${report.host}, Docker ${report.version} (API ${report.apiVersion}), ${report.cpus} CPUs, ${report.slots} slots, files ${report.files === "bind" ? "bind-mounted" : "copied, gateway tunnelled"}; ${images}${warnings}`;
}

function checkDisk(home: string): CheckResult {
  let path = home;
  while (!existsSync(path) && dirname(path) !== path) path = dirname(path);
  const stats = statfsSync(path);
  const free = stats.bavail * stats.bsize;
  const detail = `${(free / 1024 ** 3).toFixed(1)} GiB free at ${path} (archive home ${home})`;
  return free >= MIN_FREE_BYTES
    ? { name: "free disk", ok: true, required: true, detail }
    : {
        name: "free disk",
        ok: false,
        required: true,
        detail,
        fix: "free at least 5 GiB there, or point --home / DGM_HOME at a roomier disk",
      };
}

/** The model configuration, described by the llm room (kept in this one function). */
function checkModelConfiguration(): CheckResult {
  try {
    const lines = describeModelConfig(loadModelsConfig());
    const missingKey = lines.find((line) => line.includes("NOT set"));
    return missingKey
      ? {
          name: "model configuration",
          ok: false,
          required: true,
          detail: lines.join("; "),
          fix: "export the named API key variable, or use the offline simulator with --model sim",
        }
      : { name: "model configuration", ok: true, required: true, detail: lines.join("; ") };
  } catch (error) {
    return {
      name: "model configuration",
      ok: false,
      required: true,
      detail: error instanceof Error ? error.message : String(error),
      fix: "correct the models section of your config file (see README)",
    };
  }
}

async function checkChromium(): Promise<CheckResult> {
  for (const binary of ["chromium", "chromium-browser", "google-chrome"]) {
    const found = await execa(binary, ["--version"], { reject: false, timeout: 10_000 });
    if (found.exitCode === 0) return { name: "chromium", ok: true, required: false, detail: found.stdout.trim() };
  }
  return {
    name: "chromium",
    ok: false,
    required: false,
    detail: "not found (only the web UI tests need it)",
    fix: "apt-get install -y chromium",
  };
}

export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description(
      "check this machine: node, Docker engine, sandbox image, every engine of the pool, free disk, model configuration, chromium",
    )
    .option("--config <file>", "configuration file (default: ./dgm.config.json when present)")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      const results = [
        checkNode(),
        ...(await checkEngineAndImage()),
        ...(await checkEnginePool()),
        checkDisk(homeFrom(command)),
        checkModelConfiguration(),
        await checkChromium(),
      ];
      const failed = results.some((result) => result.required && !result.ok);
      process.exitCode = failed ? 1 : 0;
      if (options.json) return printJson({ ok: !failed, checks: results });
      for (const result of results) {
        const mark = result.ok ? pc.green("✓") : result.required ? pc.red("✗") : pc.yellow("!");
        const fix = result.ok || !result.fix ? "" : pc.dim(` — fix: ${result.fix}`);
        console.log(`${mark} ${result.name}: ${result.detail}${fix}`);
      }
    });
}
