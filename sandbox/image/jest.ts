// Stages the JavaScript test toolchain (jest with Exercism's babel preset, from the npm registry, on
// the host) into <contextDir>/jest, with our jest config, so the image can COPY it to /opt/jest: the
// image build itself never needs the network. The staging is cached per package list.
import { createHash } from "node:crypto";
import { cp, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { SandboxError } from "../errors.ts";
import { RECIPE_DIR } from "./recipe.ts";

function cacheDir(packages: string[]): string {
  const key = createHash("sha256").update(packages.join("\n")).digest("hex").slice(0, 12);
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "dgm", `jest-${key}`);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function stageJest(packages: string[], contextDir: string, log: (line: string) => void): Promise<void> {
  const cached = cacheDir(packages);
  if (!(await exists(join(cached, "node_modules", ".bin", "jest")))) {
    log(`installing ${packages.join(" ")} from the npm registry into ${cached}`);
    await rm(cached, { recursive: true, force: true });
    await mkdir(cached, { recursive: true });
    await writeFile(join(cached, "package.json"), `${JSON.stringify({ private: true, name: "dgm-sandbox-jest" })}\n`);
    try {
      await execa("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packages], { cwd: cached });
    } catch (error) {
      await rm(cached, { recursive: true, force: true });
      throw new SandboxError(
        `could not install ${packages.join(" ")} from the npm registry: ${error instanceof Error ? error.message : error}`,
        { cause: error, fix: "check that `npm view jest version` works on this machine (registry/proxy settings)" },
      );
    }
  }
  // verbatimSymlinks keeps node_modules/.bin/jest a relative link, valid at /opt/jest in the image.
  await cp(cached, join(contextDir, "jest"), { recursive: true, verbatimSymlinks: true });
  await cp(join(RECIPE_DIR, "jest.config.cjs"), join(contextDir, "jest", "jest.config.cjs"));
}
