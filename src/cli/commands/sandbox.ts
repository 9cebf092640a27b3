// `dgm sandbox build|prune|status`: the sandbox image and leftover containers.
import type { Command } from "commander";
import pc from "picocolors";
import { UsageError } from "../../../common/index.ts";
import {
  buildLanguageImage,
  buildSandboxImage,
  currentSandboxTags,
  DockerSandbox,
  describeOurContainers,
  type EngineReport,
  engineInfo,
  enginePool,
  imageExists,
  languageImageStates,
  listSandboxImages,
  parseLanguages,
  reportEngines,
  SANDBOX_LANGUAGES,
  sandboxImageTag,
} from "../../../sandbox/index.ts";
import { printJson } from "../shared.ts";

function parseLanguagesOption(list: string) {
  try {
    return parseLanguages(list);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function registerSandboxCommands(program: Command): void {
  const sandbox = program
    .command("sandbox")
    .description("the hardened Docker sandbox: build its image, see its state, remove leftovers");

  sandbox
    .command("build")
    .description(
      "build the sandbox image for the current recipe (reused when already present), and with --languages the toolchain images",
    )
    .option("--offline", "build from debootstrap + the host's node (no registry needed)")
    .option("--online", "build from node:20-bookworm-slim (needs a registry)")
    .option(
      "--languages <list>",
      `also build these languages' toolchain images, comma-separated, or all (${SANDBOX_LANGUAGES.join(", ")}; javascript and python are in the base image)`,
    )
    .option("--force", "rebuild even if the current image exists")
    .action(async (options: { offline?: boolean; online?: boolean; force?: boolean; languages?: string }) => {
      if (options.offline && options.online)
        throw new UsageError("choose one of --offline and --online (or neither: try online, then offline)");
      const languages = options.languages === undefined ? [] : parseLanguagesOption(options.languages);
      const mode = options.offline ? "offline" : options.online ? "online" : "auto";
      await engineInfo();
      const log = (line: string) => console.error(pc.dim(line));
      const outcomes = [await buildSandboxImage({ mode, force: options.force, log })];
      for (const language of languages) {
        // The base was (re)built above; a language build only adds its own layer.
        outcomes.push(await buildLanguageImage(language, { mode, force: options.force, log }));
      }
      const seen = new Set<string>();
      for (const outcome of outcomes) {
        if (seen.has(outcome.tag)) continue;
        seen.add(outcome.tag);
        if (outcome.built === "reused") console.log(`${outcome.tag} is up to date`);
        else console.log(`built ${outcome.tag} (${outcome.built}) in ${(outcome.durationMs / 1000).toFixed(1)} s`);
      }
    });

  sandbox
    .command("prune")
    .description("remove every sandbox container left by a crashed process (all of ours, or one run's)")
    .option("--run <id>", "only the containers of this run")
    .option("--engine <name>", "only on this engine of the pool (default: every engine that answers)")
    .option("--config <file>", "configuration file naming the engines (default: ./dgm.config.json when present)")
    .action(async (options: { run?: string; engine?: string }) => {
      const pool = enginePool();
      if (options.engine && !pool.byName(options.engine)) {
        throw new UsageError(
          `no engine named "${options.engine}"; the engines are ${pool.engines.map((engine) => engine.name).join(", ")}`,
        );
      }
      const answering = await Promise.all(pool.engines.map((engine) => engine.probe()));
      if (!answering.some(Boolean)) await engineInfo();
      const removed = await new DockerSandbox().prune({
        ...(options.run ? { run: options.run } : {}),
        ...(options.engine ? { engine: options.engine } : {}),
      });
      console.log(`removed ${removed} sandbox container${removed === 1 ? "" : "s"}`);
    });

  sandbox
    .command("status")
    .description(
      "the current image tag, whether it is built, stale images, our containers, and every engine of the pool",
    )
    .option("--config <file>", "configuration file naming the engines (default: ./dgm.config.json when present)")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const engine = await engineInfo();
      const tag = sandboxImageTag();
      const images = await listSandboxImages();
      const current = new Set(currentSandboxTags());
      const status = {
        engine: { version: engine.version, apiVersion: engine.apiVersion },
        image: { tag, present: await imageExists(tag) },
        languages: await languageImageStates(),
        staleImages: images.filter((image) => !current.has(image)),
        engines: await reportEngines(enginePool(), [tag]),
        // Every answering engine's containers, each labelled with its engine.
        containers: (
          await Promise.all(
            enginePool().engines.map((pooled) => describeOurContainers({}, pooled.docker).catch(() => [])),
          )
        ).flat(),
      };
      if (options.json) return printJson(status);
      console.log(`engine      Docker ${status.engine.version} (API ${status.engine.apiVersion})`);
      for (const report of status.engines) console.log(`  ${describeEngineLine(report)}`);
      console.log(
        `image       ${status.image.tag} ${status.image.present ? pc.green("present") : pc.red("missing — run `dgm sandbox build`")}`,
      );
      for (const language of status.languages) {
        const state = language.present
          ? pc.green("ready")
          : pc.red(`missing — run \`dgm sandbox build --languages ${language.language}\``);
        console.log(`  ${language.language.padEnd(10)} ${language.tag} ${state}`);
      }
      if (status.staleImages.length > 0)
        console.log(`stale       ${status.staleImages.join(", ")} (docker rmi to free space)`);
      console.log(`containers  ${status.containers.length}`);
      for (const c of status.containers) {
        const labels = ["engine", "purpose", "run", "agent", "task"]
          .map((key) => (c.labels[`dgm.${key}`] ? `${key}=${c.labels[`dgm.${key}`]}` : ""))
          .filter(Boolean)
          .join(" ");
        console.log(`  ${c.id} ${c.state.padEnd(8)} ${c.createdAt.toISOString()} ${labels}`);
      }
    });
}

/** One engine of the pool on one line: name, health, version, slots in use, image, containers. */
function describeEngineLine(report: EngineReport): string {
  const name = report.name.padEnd(10);
  if (report.health === "down") return `${name} ${pc.red("down")} ${report.host}: ${report.error}`;
  const image = report.images[0];
  const imageState = image?.present ? pc.green("image present") : pc.yellow("image copied on first use");
  return `${name} ${pc.green("up")}   ${report.host}, Docker ${report.version}, ${report.slots} slots, files ${report.files}, ${imageState}, ${report.containers} containers`;
}
