// Filling a session's writable image directories (SessionOptions.imageDirs). The session's tmpfs at
// the directory's path hides what the image holds there, so the content comes from a second container
// of the same image that is created and never started: `docker cp` out of it streams the image's
// directory, which `tar -x` inside the session unpacks as the agent (so the agent owns its copy).
// Nothing is written on the host, and it works the same on every engine.
import { randomBytes } from "node:crypto";
import { posix } from "node:path";
import type Docker from "dockerode";
import { labelsFor } from "./container-spec.ts";
import { untarInto } from "./container-tar.ts";
import { SandboxError } from "./errors.ts";
import type { ImageDir, SessionLabels } from "./types.ts";

/** A directory of the image that could not be copied into a session: the message says why and what to change. */
export class ImageDirError extends SandboxError {}

/** The tar options that drop the directory's own name (docker cp's archive starts with it) and the excluded paths. */
function extractArgs(dir: ImageDir): string[] {
  const top = posix.basename(dir.path);
  return ["--strip-components=1", ...(dir.exclude ?? []).map((path) => `--exclude=${top}/${path}`)];
}

/** Copies each of the image's directories into the running session container `target`. */
export async function fillImageDirs(
  docker: Docker,
  target: Docker.Container,
  image: string,
  dirs: readonly ImageDir[],
  labels: SessionLabels,
  engine: string,
): Promise<void> {
  if (dirs.length === 0) return;
  const source = await docker.createContainer({
    name: `dgm-source-${randomBytes(4).toString("hex")}`,
    Image: image,
    Cmd: ["true"],
    NetworkDisabled: true,
    Labels: labelsFor(labels, engine),
    HostConfig: { NetworkMode: "none" },
  });
  try {
    for (const dir of dirs) {
      const archive = await source.getArchive({ path: dir.path }).catch((error: unknown) => {
        throw new SandboxError(
          `the image ${image} has no directory ${dir.path} to copy (${error instanceof Error ? error.message : error}); check the image is the one this task needs`,
        );
      });
      await untarInto(target, dir.path, archive, `copying the image's ${dir.path}`, {
        tarArgs: extractArgs(dir),
      }).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const full = /no space left/i.test(message)
          ? `: it does not fit in ${Math.round(dir.bytes / 2 ** 20)} MiB; raise the cap (sandbox limits workspaceBytes)`
          : "";
        throw new ImageDirError(`copying the image's ${dir.path} into the session failed${full}: ${message}`, {
          cause: error,
        });
      });
    }
  } finally {
    await source.remove({ force: true }).catch(() => {});
  }
}
