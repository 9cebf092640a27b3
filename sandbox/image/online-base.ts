// The base for machines whose engine reaches a registry: pull node:20-bookworm-slim, add python3
// and git. Fails within seconds when no registry answers, so `auto` can fall back to offline.
import { dockerClient } from "../docker.ts";
import { SandboxError } from "../errors.ts";
import { dockerBuild } from "./docker-build.ts";
import { RECIPE_DIR } from "./recipe.ts";

export const ONLINE_FROM = "node:20-bookworm-slim";
/** A pull that shows no progress for this long counts as "no registry". */
const PULL_STALL_MS = 8_000;

export async function buildOnlineBase(tag: string, log: (line: string) => void): Promise<void> {
  log(`pulling ${ONLINE_FROM}`);
  await pullFailingFast(ONLINE_FROM);
  await dockerBuild({ contextDir: RECIPE_DIR, dockerfile: "Dockerfile.online", tag, log });
}

async function pullFailingFast(image: string): Promise<void> {
  const docker = dockerClient();
  const abort = new AbortController();
  let stallTimer: NodeJS.Timeout | undefined;
  const armStallTimer = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => abort.abort(), PULL_STALL_MS);
  };
  armStallTimer();
  try {
    const stream: NodeJS.ReadableStream = await docker.pull(image, { abortSignal: abort.signal });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (error: Error | null, output: Array<{ error?: string }>) => {
          const failure = output?.find((event) => event.error);
          if (error || failure) reject(error ?? new Error(failure?.error));
          else resolve();
        },
        armStallTimer,
      );
      abort.signal.addEventListener("abort", () => reject(new Error(`no progress for ${PULL_STALL_MS} ms`)));
    });
  } catch (error) {
    throw new SandboxError(
      `cannot pull ${image} (${error instanceof Error ? error.message : String(error)}): no registry answers. ` +
        "Fix: build offline with `dgm sandbox build --offline` (needs debootstrap and Debian's mirror).",
      { cause: error },
    );
  } finally {
    clearTimeout(stallTimer);
  }
}
