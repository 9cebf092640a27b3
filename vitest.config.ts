import { defineConfig } from "vitest/config";

// Docker-backed tests are slow to start and share one engine: run files in a few forks, generous timeouts.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 120_000,
    hookTimeout: 300_000,
    globalSetup: ["tests/global-setup.ts"],
    reporters: ["default"],
  },
});
