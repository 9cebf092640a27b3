import { defineConfig } from "vitest/config";

// Two forks: the Docker-backed files mostly wait on containers (each holds at most two at once), so
// two files side by side keep both cores busy without starving each other; more forks on 2 cores
// only stretched every file (measured: see the CI notes of issue 11). Timeouts are about 4× the
// slowest time measured on a quiet 2-core machine, so a busy machine slows tests down, never fails them.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 120_000,
    hookTimeout: 300_000,
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/support/cleanup-setup.ts"],
    reporters: ["default"],
  },
});
