// Making an image present on an engine before its first session there: the image built on this
// machine (same tag, so the same recipe hash) is streamed from the local engine with `docker save`
// into the engine's `docker load`, once per engine and tag, with progress shown as it goes. An image
// that is not ours and not here (a SWE-bench instance's) is pulled by name onto the engine.
import { Transform } from "node:stream";
import type Docker from "dockerode";
import { dockerClient, dockerStatusCode } from "../docker.ts";
import { SandboxError } from "../errors.ts";
import type { Engine } from "./engine.ts";
import { oncePerEngine } from "./once-per-engine.ts";

export type ProgressLog = (line: string) => void;

const MB = 1_000_000;
const PROGRESS_EVERY_MS = 2_000;

export async function imagePresent(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (error) {
    if (dockerStatusCode(error) === 404) return false;
    throw error;
  }
}

const copies = oncePerEngine<void>();

/** Makes `tag` present on `engine` (copied from the local engine when missing); once per engine and tag. */
export function ensureImageOn(engine: Engine, tag: string, log: ProgressLog): Promise<void> {
  return copies(engine, tag, () => copyIfMissing(engine, tag, log));
}

async function copyIfMissing(engine: Engine, tag: string, log: ProgressLog): Promise<void> {
  if (await imagePresent(engine.docker, tag)) return;
  const source = dockerClient();
  const here = await imagePresent(source, tag).catch(() => false);
  // An image that is not ours (a benchmark's environment image, gigabytes) comes from its registry when
  // the engine reaches one, rather than through this machine; failing that, from here when it is here.
  if (!isOurImage(tag)) {
    const failure = await pullOnto(engine, tag, log);
    if (failure === undefined) return;
    if (!here) {
      throw new SandboxError(
        `the image ${tag} is not on engine ${engine.name} and pulling it failed: ${failure}. Fix: where a registry ` +
          `is reachable, \`docker pull ${tag}\`; without one, \`docker save ${tag} -o image.tar\` on a machine ` +
          "that has it and `docker load -i image.tar` here, or build the image under that name.",
      );
    }
    log(`pulling ${tag} onto engine ${engine.name} failed (${failure}); copying it from this machine instead`);
  }
  if (!here) {
    throw new SandboxError(
      `the image ${tag} is on neither engine ${engine.name} nor this machine's engine to copy it from. ` +
        "Fix: `dgm sandbox build` (add `--languages …` for a language image) on this machine.",
    );
  }
  const size = (await source.getImage(tag).inspect()).Size;
  const started = Date.now();
  log(`copying ${tag} (${Math.round(size / MB)} MB) to engine ${engine.name}…`);
  const saved = (await source.getImage(tag).get()) as NodeJS.ReadableStream;
  let sent = 0;
  let lastShown = Date.now();
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      if (Date.now() - lastShown >= PROGRESS_EVERY_MS) {
        lastShown = Date.now();
        log(`  ${engine.name}: ${Math.round(sent / MB)} of ~${Math.round(size / MB)} MB`);
      }
      done(null, chunk);
    },
  });
  saved.pipe(counter);
  const reply = (await engine.docker.loadImage(counter as unknown as NodeJS.ReadableStream, {
    quiet: true,
  })) as NodeJS.ReadableStream;
  const failure = await loadFailure(reply);
  if (failure) throw new SandboxError(`loading ${tag} into engine ${engine.name} failed: ${failure}`);
  if (!(await imagePresent(engine.docker, tag))) {
    throw new SandboxError(`loading ${tag} into engine ${engine.name} reported success but the image is not there`);
  }
  log(`copied ${tag} to engine ${engine.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Our images are built here (`dgm sandbox build`), never pulled: dgm-sandbox, its language images, test fixtures. */
function isOurImage(tag: string): boolean {
  return tag.startsWith("dgm-");
}

interface PullEvent {
  status?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** Pulls `tag` by name onto the engine (from the registry it reaches), with progress now and then; why it failed, or undefined. */
async function pullOnto(engine: Engine, tag: string, log: ProgressLog): Promise<string | undefined> {
  const started = Date.now();
  log(`pulling ${tag} onto engine ${engine.name}…`);
  try {
    const stream = (await engine.docker.pull(tag)) as NodeJS.ReadableStream;
    let lastShown = Date.now();
    const events = await new Promise<PullEvent[]>((resolve, reject) => {
      engine.docker.modem.followProgress(
        stream,
        (error: Error | null, output: PullEvent[]) => (error ? reject(error) : resolve(output)),
        (event: PullEvent) => {
          if (Date.now() - lastShown < PROGRESS_EVERY_MS || !event.status) return;
          lastShown = Date.now();
          log(`  ${engine.name}: ${event.id ? `${event.id} ` : ""}${event.status}`);
        },
      );
    });
    const failure = events.find((event) => event.error);
    if (failure) return failure.errorDetail?.message ?? failure.error;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (!(await imagePresent(engine.docker, tag))) return "the pull reported success but the image is not there";
  log(`pulled ${tag} onto engine ${engine.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return undefined;
}

/** Reads the load reply (JSON lines) to its end; the first error it reports, if any. */
async function loadFailure(reply: NodeJS.ReadableStream): Promise<string | undefined> {
  let text = "";
  for await (const chunk of reply) {
    // Only the beginning and the errors matter; the reply is a few lines.
    if (text.length < 64 * 1024) text += chunk.toString();
  }
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const message = JSON.parse(line) as { error?: string; errorDetail?: { message?: string } };
      if (message.error || message.errorDetail) return message.errorDetail?.message ?? message.error;
    } catch {
      // Not JSON: older engines answer in plain text; only an "error" line counts.
      if (/error/i.test(line)) return line.trim();
    }
  }
  return undefined;
}
