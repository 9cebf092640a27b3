// Building and finding the sandbox image. `auto` tries a registry first and falls back to the
// offline (debootstrap) base; the final agent layer is the same Dockerfile for both.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { dockerClient, dockerStatusCode } from "../docker.ts";
import { SandboxError } from "../errors.ts";
import { dockerBuild } from "./docker-build.ts";
import { stageJest } from "./jest.ts";
import { buildOfflineBase } from "./offline-base.ts";
import { buildOnlineBase } from "./online-base.ts";
import { jestPackages, RECIPE_DIR, sandboxBaseTag, sandboxImageTag } from "./recipe.ts";

export type BuildMode = "auto" | "online" | "offline";

export interface BuildOptions {
  mode?: BuildMode;
  /** Progress lines for people; silent by default. */
  log?: (line: string) => void;
  /** Rebuild even when the current tag exists. */
  force?: boolean;
}

export interface BuildOutcome {
  tag: string;
  /** "reused" when the current image already existed. */
  built: "online" | "offline" | "reused";
  durationMs: number;
}

export async function imageExists(tag: string): Promise<boolean> {
  try {
    await dockerClient().getImage(tag).inspect();
    return true;
  } catch (error) {
    if (dockerStatusCode(error) === 404) return false;
    throw error;
  }
}

/** The image's size in bytes, as `docker images` reports it. */
export async function imageSizeBytes(tag: string): Promise<number> {
  return (await dockerClient().getImage(tag).inspect()).Size;
}

/** Makes sure the current image exists, building it if not. Returns its tag. */
export async function ensureSandboxImage(options: BuildOptions = {}): Promise<string> {
  return (await buildSandboxImage({ ...options, force: false })).tag;
}

export async function buildSandboxImage(options: BuildOptions = {}): Promise<BuildOutcome> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const tag = sandboxImageTag();
  if (!options.force && (await imageExists(tag))) return { tag, built: "reused", durationMs: 0 };
  const mode = options.mode ?? "auto";
  let base: { tag: string; mode: "online" | "offline" } | undefined;
  if (mode !== "offline") {
    try {
      base = { tag: sandboxBaseTag("online"), mode: "online" };
      await buildOnlineBase(base.tag, log);
    } catch (error) {
      if (mode === "online") throw error;
      log(
        `online build not possible (${error instanceof Error ? error.message.split(". Fix")[0] : error}); building offline`,
      );
      base = undefined;
    }
  }
  if (!base) {
    base = { tag: sandboxBaseTag("offline"), mode: "offline" };
    if (options.force || !(await imageExists(base.tag))) await buildOfflineBase(base.tag, log);
    else log(`reusing base ${base.tag}`);
  }
  await buildAgentLayer(base.tag, tag, log);
  return { tag, built: base.mode, durationMs: Date.now() - started };
}

async function buildAgentLayer(baseTag: string, tag: string, log: (line: string) => void): Promise<void> {
  const contextDir = await mkdtemp(join(process.env.DGM_BUILD_DIR ?? "/var/tmp", "dgm-image-"));
  try {
    await cp(join(RECIPE_DIR, "Dockerfile"), join(contextDir, "Dockerfile"));
    await stageJest(jestPackages(), contextDir, log);
    log(`building ${tag} from ${baseTag}`);
    await dockerBuild({ contextDir, dockerfile: "Dockerfile", tag, buildArgs: { BASE: baseTag }, log });
  } catch (error) {
    if (error instanceof SandboxError) throw error;
    throw new SandboxError(`building ${tag} failed: ${error instanceof Error ? error.message : error}`, {
      cause: error,
    });
  } finally {
    await rm(contextDir, { recursive: true, force: true });
  }
}
