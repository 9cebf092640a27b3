// The image recipe and the tags derived from it: a change to any recipe file or to the node version
// copied in gives a new tag, so a stale image is never reused. The base (debootstrap or online) has
// its own, narrower hash, so changing the agent layer (e.g. the jest packages) does not redo it.
import { createHash, type Hash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const SANDBOX_IMAGE_REPOSITORY = "dgm-sandbox";
export const SANDBOX_BASE_REPOSITORY = "dgm-sandbox-base";

/** sandbox/recipe/: the Dockerfiles and package lists. */
export const RECIPE_DIR = fileURLToPath(new URL("../recipe/", import.meta.url));

export function readRecipeLines(file: string): string[] {
  return readFileSync(join(RECIPE_DIR, file), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/** The npm packages staged into /opt/jest (name@version lines). */
export function jestPackages(): string[] {
  const packages = readRecipeLines("jest-packages.txt");
  if (!packages.some((line) => line.startsWith("jest@")))
    throw new Error("sandbox/recipe/jest-packages.txt names no jest@<version>: put one in, e.g. jest@29.7.0");
  return packages;
}

/** Files the base image is made from (the rest of the recipe is the agent layer). */
const BASE_RECIPE_FILES = ["debootstrap-packages.txt", "Dockerfile.online"];

/** Feeds files of `dir` into a hash, by sorted name, each name and content separated, so no two sets collide. */
export function hashFiles(hash: Hash, dir: string, names: readonly string[]): Hash {
  for (const name of [...names].sort()) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(join(dir, name)));
    hash.update("\0");
  }
  return hash;
}

function hashOf(files: string[]): string {
  return hashFiles(createHash("sha256"), RECIPE_DIR, files)
    .update(`node ${process.version}`)
    .digest("hex")
    .slice(0, 12);
}

/** Twelve hex digits over every recipe file (sorted by name) and the node version. */
export function recipeHash(): string {
  return hashOf(readdirSync(RECIPE_DIR));
}

/** `dgm-sandbox:<hash12>`: the image every session uses by default. */
export function sandboxImageTag(): string {
  return `${SANDBOX_IMAGE_REPOSITORY}:${recipeHash()}`;
}

/** The intermediate base image (debootstrap or online) of the current recipe. */
export function sandboxBaseTag(mode: "online" | "offline"): string {
  return `${SANDBOX_BASE_REPOSITORY}:${hashOf(BASE_RECIPE_FILES)}-${mode}`;
}
