// The image recipe and the tag derived from it: a change to any recipe file, to the node version
// copied in, or to the jest version gives a new tag, so a stale image is never reused.
import { createHash } from "node:crypto";
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

export function jestVersion(): string {
  const [version] = readRecipeLines("jest-version.txt");
  if (!version) throw new Error("sandbox/recipe/jest-version.txt is empty: put a jest version in it, e.g. 29.7.0");
  return version;
}

/** Twelve hex digits over every recipe file (sorted by name), the node version and the jest version. */
export function recipeHash(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(RECIPE_DIR).sort()) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(join(RECIPE_DIR, name)));
    hash.update("\0");
  }
  hash.update(`node ${process.version}\0jest ${jestVersion()}`);
  return hash.digest("hex").slice(0, 12);
}

/** `dgm-sandbox:<hash12>`: the image every session uses by default. */
export function sandboxImageTag(): string {
  return `${SANDBOX_IMAGE_REPOSITORY}:${recipeHash()}`;
}

/** The intermediate base image (debootstrap or online) of the current recipe. */
export function sandboxBaseTag(mode: "online" | "offline"): string {
  return `${SANDBOX_BASE_REPOSITORY}:${recipeHash()}-${mode}`;
}
