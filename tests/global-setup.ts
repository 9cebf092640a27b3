// Once per `vitest run`: make sure Docker suites have an engine and the current sandbox image, and
// afterwards fail the run if any sandbox container was left behind (tests must clean up after
// themselves; nothing is pruned for them).
import { randomBytes } from "node:crypto";
import { describeOurContainers, engineAnswers, ensureSandboxImage, sandboxImageTag } from "../sandbox/index.ts";
import { stopStaleTestEngines } from "./support/second-engine.ts";

export async function setup(): Promise<void> {
  // Every container made during this run (in any worker) carries this owner label.
  process.env.DGM_SANDBOX_OWNER ??= `vitest-${process.pid}-${randomBytes(3).toString("hex")}`;
  // A canary secret in every test worker's initial environment (so in its /proc/self/environ, what a
  // hostile agent aims at): tests/security/ asserts it never reaches a bundle, output, archive or reason.
  process.env.DGM_TEST_CANARY_KEY ??= `sk-canary-${randomBytes(12).toString("hex")}`;
  if (process.env.DGM_TEST_TIER === "fast") return; // `npm run test:fast`: no *.docker.test.ts file runs
  await stopStaleTestEngines(); // second engines and sshds left by test processes that died
  if (!(await engineAnswers())) {
    console.warn("[global-setup] no Docker engine answers: Docker-backed suites will skip (or fail under CI=true).");
    return;
  }
  const started = Date.now();
  const tag = await ensureSandboxImage({
    mode: "offline",
    log: (line) => console.log(`[sandbox image] ${line}`),
  });
  if (Date.now() - started > 1_000) console.log(`[global-setup] built ${tag} in ${Date.now() - started} ms`);
}

export async function teardown(): Promise<void> {
  if (!(await engineAnswers())) return;
  // In CI the engine is ours alone: any container of the project counts. Locally other runs may be
  // using the engine at the same time, so only this run's containers are held against it.
  const owner = process.env.CI === "true" ? undefined : process.env.DGM_SANDBOX_OWNER;
  const leftovers = await describeOurContainers(owner ? { owner } : {});
  if (leftovers.length > 0) {
    const list = leftovers
      .map((c) => `${c.id} ${c.name} (${c.state}, purpose=${c.labels["dgm.purpose"]})`)
      .join("\n  ");
    throw new Error(
      `${leftovers.length} sandbox container(s) were left behind by the tests (image ${sandboxImageTag()}):\n  ${list}\n` +
        "Every test must destroy its sessions (use withSession or a finally). Clean up with `node bin/dgm.mjs sandbox prune`.",
    );
  }
}
