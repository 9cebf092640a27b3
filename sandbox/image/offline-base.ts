// The base for machines without a registry: debootstrap a minimal bookworm from Debian's mirror,
// copy the host's node binary in, and `docker import` the tree. Needs root and debootstrap.
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { dockerClient } from "../docker.ts";
import { SandboxError } from "../errors.ts";
import { readRecipeLines } from "./recipe.ts";

const DEFAULT_MIRROR = "http://deb.debian.org/debian";

export async function buildOfflineBase(tag: string, log: (line: string) => void): Promise<void> {
  await requireDebootstrap();
  const workDir = await mkdtemp(join(process.env.DGM_BUILD_DIR ?? "/var/tmp", "dgm-rootfs-"));
  const root = join(workDir, "root");
  try {
    const packages = readRecipeLines("debootstrap-packages.txt");
    const mirror = process.env.DGM_DEBIAN_MIRROR ?? DEFAULT_MIRROR;
    log(`debootstrap --variant=minbase bookworm (${packages.join(", ")}) from ${mirror} — about a minute`);
    const debootstrap = execa(
      "debootstrap",
      ["--variant=minbase", `--include=${packages.join(",")}`, "bookworm", root, mirror],
      { all: true, reject: false },
    );
    debootstrap.all?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.startsWith("I: Base system installed")) log(line);
    });
    const result = await debootstrap;
    if (result.exitCode !== 0) {
      throw new SandboxError(
        `debootstrap failed (exit ${result.exitCode}): ${String(result.all).split("\n").slice(-8).join("\n")}\n` +
          "Fix: check that Debian's mirror answers (or set DGM_DEBIAN_MIRROR) and that you run as root.",
      );
    }
    log(`copying the host's node ${process.version} (${process.execPath}) into the image`);
    await execa("install", ["-m", "0755", process.execPath, join(root, "usr/local/bin/node")]);
    // Package caches and lists are dead weight in a sandbox that has no network anyway.
    await execa("sh", [
      "-c",
      'rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/*',
      "sh",
      root,
    ]);
    log(`docker import → ${tag}`);
    await importTree(root, tag);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function importTree(root: string, tag: string): Promise<void> {
  const docker = dockerClient();
  const [repo, version] = tag.split(":");
  const tar = execa("tar", ["--numeric-owner", "-C", root, "-c", "."], { buffer: false, encoding: "buffer" });
  const stream = await docker.importImage(tar.stdout, { repo, tag: version });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: Array<{ error?: string }>) => {
      const failure = output?.find((event) => event.error);
      if (error || failure) reject(new SandboxError(`docker import failed: ${error?.message ?? failure?.error}`));
      else resolve();
    });
  });
  await tar;
}

async function requireDebootstrap(): Promise<void> {
  const found = await execa("sh", ["-c", "command -v debootstrap"], { reject: false });
  if (found.exitCode !== 0) {
    throw new SandboxError(
      "debootstrap is not installed, and the offline image builder needs it. Fix: `apt-get install -y debootstrap` (as root), or run `bash scripts/setup-machine.sh`.",
    );
  }
}
