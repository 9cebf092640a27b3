// Docker-backed suites: `describeDocker` runs a suite only where an engine and the current sandbox
// image are there. In CI (CI=true) their absence FAILS the suite with the reason; locally it skips
// and prints why. `testSandbox()` gives the real Docker sandbox.
import { describe, it } from "vitest";
import {
  DockerSandbox,
  engineAnswers,
  imageExists,
  type Sandbox,
  type SessionOptions,
  sandboxImageTag,
} from "../../sandbox/index.ts";

async function whyDockerIsMissing(): Promise<string | undefined> {
  if (!(await engineAnswers())) {
    return "no Docker engine answers (run `bash scripts/setup-machine.sh` as root, or start dockerd)";
  }
  const tag = sandboxImageTag();
  if (!(await imageExists(tag))) return `the sandbox image ${tag} is missing (run \`node bin/dgm.mjs sandbox build\`)`;
  return undefined;
}

/** Why Docker suites cannot run here, or undefined when they can. Probed once per test file. */
export const dockerMissingReason: string | undefined = await whyDockerIsMissing();

export function describeDocker(name: string, fn: () => void): void {
  if (dockerMissingReason === undefined) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      it("needs Docker", () => {
        throw new Error(`${name}: Docker is required in CI but ${dockerMissingReason}`);
      });
    });
    return;
  }
  console.warn(`[skip] ${name}: ${dockerMissingReason}`);
  describe.skip(name, fn);
}

export function testSandbox(): Sandbox {
  return new DockerSandbox();
}

/** Session options for tests: labelled as test sessions, limits overridable. */
export function testSessionOptions(overrides: Partial<SessionOptions> = {}): SessionOptions {
  return { labels: { purpose: "test", run: "vitest" }, ...overrides };
}
