// The single place that creates a dockerode client; everything else in this room asks for it here.
import Docker from "dockerode";
import { SandboxError } from "./errors.ts";

let client: Docker | undefined;

/** The shared client. Honours DOCKER_HOST like the docker CLI (dockerode reads it itself). */
export function dockerClient(): Docker {
  client ??= new Docker();
  return client;
}

export interface EngineInfo {
  version: string;
  apiVersion: string;
  cgroupVersion: string;
}

/** Asks the engine who it is; throws SandboxError with a fix when nothing answers. */
export async function engineInfo(timeoutMs = 3_000): Promise<EngineInfo> {
  const docker = dockerClient();
  try {
    const version = await withTimeout(docker.version(), timeoutMs, "the Docker engine did not answer");
    const info = (await withTimeout(docker.info(), timeoutMs, "the Docker engine did not answer")) as {
      CgroupVersion?: string;
    };
    return { version: version.Version, apiVersion: version.ApiVersion, cgroupVersion: info.CgroupVersion ?? "1" };
  } catch (error) {
    throw new SandboxError(
      `no Docker engine answers (${error instanceof Error ? error.message : String(error)}). ` +
        "Fix: run `bash scripts/setup-machine.sh` as root (installs docker.io and starts dockerd), " +
        "or start your engine and check DOCKER_HOST.",
      { cause: error },
    );
  }
}

/** True when an engine answers; never throws. */
export async function engineAnswers(timeoutMs = 3_000): Promise<boolean> {
  try {
    await engineInfo(timeoutMs);
    return true;
  } catch {
    return false;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** HTTP status of a dockerode error, if it carries one. */
export function dockerStatusCode(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "statusCode" in error) {
    const code = (error as { statusCode: unknown }).statusCode;
    return typeof code === "number" ? code : undefined;
  }
  return undefined;
}
