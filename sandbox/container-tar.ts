// Streaming a tar into a container (`tar -x` under a deadline, as any user): what sessions and the
// copying of read-only trees to an engine both use.
import { pipeline } from "node:stream/promises";
import type { Container } from "dockerode";
import { SandboxError } from "./errors.ts";
import { DockerDemux, HeadTailBuffer } from "./output.ts";
import type { TarSource } from "./tar-pack.ts";

/** Copies are bounded too: a tar that has not finished after this long is abandoned. */
export const COPY_TIMEOUT_MS = 10 * 60_000;

export interface UntarOptions {
  /** Who extracts, and so owns the files (default: the container's user, the agent). */
  user?: string;
  /** More of GNU tar's extraction options, e.g. --strip-components=1 or --exclude=… */
  tarArgs?: string[];
}

/** Streams a tar into `tar -x` inside the container (directory created, modes kept, owned by the extracting user). */
export async function untarInto(
  container: Container,
  containerDir: string,
  tarStream: TarSource | NodeJS.ReadableStream,
  what: string,
  { user, tarArgs = [] }: UntarOptions = {},
): Promise<void> {
  const stderr = new HeadTailBuffer(16 * 1024);
  const exec = await container.exec({
    Cmd: [
      "timeout",
      "-s",
      "KILL",
      `${COPY_TIMEOUT_MS / 1000}s`,
      "sh",
      "-c",
      'dir="$1"; shift; mkdir -p -- "$dir" && exec tar -x -p --no-same-owner -C "$dir" -f - "$@"',
      "sh",
      containerDir,
      ...tarArgs,
    ],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    ...(user ? { User: user } : {}),
  });
  const stream = await exec.start({ hijack: true, stdin: true });
  const demux = new DockerDemux((chunk) => stderr.push(chunk));
  demux.on("data", (chunk: Buffer) => stderr.push(chunk));
  const done = new Promise<void>((resolve) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", resolve);
  });
  stream.pipe(demux);
  await pipeline(tarStream, stream).catch((error: unknown) => {
    throw new SandboxError(`${what} failed while streaming: ${error instanceof Error ? error.message : error}`, {
      cause: error,
    });
  });
  await done;
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0) throw new SandboxError(`${what} failed (tar exit ${ExitCode}): ${stderr.text().trim()}`);
}
