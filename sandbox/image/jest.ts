// Stages jest (from the npm registry, on the host) into <contextDir>/jest so the image can COPY it
// to /opt/jest: the image build itself never needs the network. The staging is cached per version.
import { cp, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { SandboxError } from "../errors.ts";

function cacheDir(version: string): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "dgm", `jest-${version}`);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function stageJest(version: string, contextDir: string, log: (line: string) => void): Promise<void> {
  const cached = cacheDir(version);
  if (!(await exists(join(cached, "node_modules", ".bin", "jest")))) {
    log(`installing jest@${version} from the npm registry into ${cached}`);
    await rm(cached, { recursive: true, force: true });
    await mkdir(cached, { recursive: true });
    await writeFile(join(cached, "package.json"), `${JSON.stringify({ private: true, name: "dgm-sandbox-jest" })}\n`);
    try {
      await execa("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `jest@${version}`], {
        cwd: cached,
      });
    } catch (error) {
      await rm(cached, { recursive: true, force: true });
      throw new SandboxError(
        `could not install jest@${version} from the npm registry: ${error instanceof Error ? error.message : error}. ` +
          "Fix: check that `npm view jest version` works on this machine (registry/proxy settings).",
        { cause: error },
      );
    }
  }
  // verbatimSymlinks keeps node_modules/.bin/jest a relative link, valid at /opt/jest in the image.
  await cp(cached, join(contextDir, "jest"), { recursive: true, verbatimSymlinks: true });
}
