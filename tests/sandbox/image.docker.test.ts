// The image: tag derived from the recipe, and the tools the tasks rely on are inside.
import { expect, it } from "vitest";
import { recipeHash, sandboxImageTag, withSession } from "../../sandbox/index.ts";
import { describeDocker, testSandbox, testSessionOptions } from "../support/docker.ts";

describeDocker("sandbox image", () => {
  it("is tagged with the recipe hash and carries node, python3 + pytest, git and jest", async () => {
    expect(sandboxImageTag()).toBe(`dgm-sandbox:${recipeHash()}`);
    expect(recipeHash()).toMatch(/^[0-9a-f]{12}$/);
    await withSession(testSandbox(), testSessionOptions(), async (session) => {
      const result = await session.exec({
        cmd: [
          "sh",
          "-c",
          "node --version; python3 -m pytest --version 2>&1 | head -1; git --version; /opt/jest/node_modules/.bin/jest --version; echo $HOME",
        ],
        timeoutMs: 30_000,
      });
      expect(result.status).toBe("ok");
      const lines = result.stdout.trim().split("\n");
      expect(lines[0]).toBe(process.version);
      expect(lines[1]).toMatch(/^pytest \d/);
      expect(lines[2]).toMatch(/^git version 2\./);
      expect(lines[3]).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lines[4]).toBe("/home/agent");
    });
  });
});
