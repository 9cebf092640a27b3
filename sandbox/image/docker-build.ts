// Runs `docker build` through the engine API (the classic builder: works with local-only base
// images and without buildx), streaming a tar of the context directory made by the host's tar.
import { execa } from "execa";
import { dockerClient } from "../docker.ts";
import { SandboxError } from "../errors.ts";

export interface DockerBuildOptions {
  contextDir: string;
  dockerfile: string;
  tag: string;
  buildArgs?: Record<string, string>;
  /** Whether the engine may pull the FROM image (false for our local bases). */
  pull?: boolean;
  /** "host" lets RUN steps reach a package mirror the way the host does (the default is the bridge). */
  network?: "host";
  /** Build every step anew (for timing a build, or after a mirror fix). */
  noCache?: boolean;
  log: (line: string) => void;
}

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

export async function dockerBuild(options: DockerBuildOptions): Promise<void> {
  const docker = dockerClient();
  const tar = execa("tar", ["-C", options.contextDir, "-c", "."], { buffer: false, encoding: "buffer" });
  const stream = await docker.buildImage(tar.stdout, {
    t: options.tag,
    dockerfile: options.dockerfile,
    buildargs: options.buildArgs ?? {},
    rm: true,
    forcerm: true,
    pull: options.pull ? "true" : undefined,
    networkmode: options.network,
    nocache: options.noCache === true,
    labels: { "dgm.image": "sandbox" },
  } as Parameters<typeof docker.buildImage>[1]);
  const events = await new Promise<BuildEvent[]>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: BuildEvent[]) => (error ? reject(error) : resolve(output)),
      (event: BuildEvent) => {
        const text = event.stream?.trimEnd();
        if (text) options.log(text);
      },
    );
  });
  await tar;
  const failure = events.find((event) => event.error);
  if (failure) {
    throw new SandboxError(`docker build of ${options.tag} failed: ${failure.errorDetail?.message ?? failure.error}`);
  }
}
