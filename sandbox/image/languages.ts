// The toolchain image of each language the sandbox can run. JavaScript and Python run in the base
// sandbox image; Go, Rust, Java and C++ each have their own image layered on it, built from
// sandbox/languages/<language>/ with Debian's packages (the build reaches Debian's mirror through the
// host's network; the containers made from it never have one). A language tag hashes the base recipe
// and its own directory, so a change to either gives a new tag.
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dockerClient } from "../docker.ts";
import { SandboxError } from "../errors.ts";
import { type BuildOptions, type BuildOutcome, ensureSandboxImage, imageExists } from "./build.ts";
import { dockerBuild } from "./docker-build.ts";
import { hashFiles, recipeHash, SANDBOX_IMAGE_REPOSITORY, sandboxImageTag } from "./recipe.ts";

export const SANDBOX_LANGUAGES = ["javascript", "python", "go", "rust", "java", "cpp"] as const;
export type SandboxLanguage = (typeof SANDBOX_LANGUAGES)[number];

/** Languages with an image of their own (the others run in the base image). */
export const TOOLCHAIN_LANGUAGES = ["go", "rust", "java", "cpp"] as const satisfies readonly SandboxLanguage[];
type ToolchainLanguage = (typeof TOOLCHAIN_LANGUAGES)[number];

/** sandbox/languages/: one directory per toolchain image (Dockerfile and the scripts it copies in). */
export const LANGUAGES_DIR = fileURLToPath(new URL("../languages/", import.meta.url));

export function isSandboxLanguage(name: string): name is SandboxLanguage {
  return (SANDBOX_LANGUAGES as readonly string[]).includes(name);
}

function hasOwnImage(language: SandboxLanguage): language is ToolchainLanguage {
  return (TOOLCHAIN_LANGUAGES as readonly string[]).includes(language);
}

/** Parses a comma-separated language list ("go,rust" or "all"); throws on a name it does not know. */
export function parseLanguages(list: string): SandboxLanguage[] {
  if (list.trim() === "all") return [...SANDBOX_LANGUAGES];
  const names = list
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isSandboxLanguage(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new SandboxError(
      `unknown language(s) ${unknown.join(", ") || "(none given)"}: choose from ${SANDBOX_LANGUAGES.join(", ")} or all`,
    );
  }
  return [...new Set(names as SandboxLanguage[])];
}

function languageHash(language: ToolchainLanguage): string {
  const dir = join(LANGUAGES_DIR, language);
  const hash = createHash("sha256").update(`${recipeHash()}\0${language}\0`);
  return hashFiles(hash, dir, readdirSync(dir)).digest("hex").slice(0, 12);
}

/** The image a language's tasks run in: the base sandbox image, or `dgm-sandbox-<language>:<hash12>`. */
export function languageImageTag(language: SandboxLanguage): string {
  if (!hasOwnImage(language)) return sandboxImageTag();
  return `${SANDBOX_IMAGE_REPOSITORY}-${language}:${languageHash(language)}`;
}

/** Every sandbox image tag present in the engine, base and toolchain images, current and stale. */
export async function listSandboxImages(): Promise<string[]> {
  const repositories = [
    SANDBOX_IMAGE_REPOSITORY,
    ...TOOLCHAIN_LANGUAGES.map((language) => `${SANDBOX_IMAGE_REPOSITORY}-${language}`),
  ];
  const images = await dockerClient().listImages({ filters: { reference: repositories.map((name) => `${name}:*`) } });
  return images.flatMap((image) => image.RepoTags ?? []);
}

/** The tags of the current recipe: the base image and every toolchain image. */
export function currentSandboxTags(): string[] {
  return [sandboxImageTag(), ...TOOLCHAIN_LANGUAGES.map(languageImageTag)];
}

/** The command that builds these languages' images (what an error about a missing one says). */
export function buildCommandFor(languages: readonly SandboxLanguage[]): string {
  return `dgm sandbox build --languages ${languages.join(",")}`;
}

/**
 * Builds a language's image on top of the current base (built first when missing). The base languages
 * need nothing more than the base.
 */
export async function buildLanguageImage(language: SandboxLanguage, options: BuildOptions = {}): Promise<BuildOutcome> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const base = await ensureSandboxImage({ ...options, force: false });
  if (!hasOwnImage(language)) return { tag: base, built: "reused", durationMs: Date.now() - started };
  const tag = languageImageTag(language);
  if (!options.force && (await imageExists(tag))) return { tag, built: "reused", durationMs: 0 };
  log(`building ${tag} from ${base} (Debian's ${language} toolchain; about a minute)`);
  try {
    await dockerBuild({
      contextDir: join(LANGUAGES_DIR, language),
      dockerfile: "Dockerfile",
      tag,
      buildArgs: { BASE: base },
      // apt-get inside the build reaches Debian's mirror the way the host does.
      network: "host",
      noCache: options.force === true,
      log,
    });
  } catch (error) {
    if (error instanceof SandboxError) throw error;
    throw new SandboxError(`building ${tag} failed: ${error instanceof Error ? error.message : error}`, {
      cause: error,
    });
  }
  return { tag, built: "offline", durationMs: Date.now() - started };
}

export interface LanguageImageState {
  language: SandboxLanguage;
  tag: string;
  present: boolean;
}

/** Whether each language's image (the base one for JavaScript and Python) is present. */
export async function languageImageStates(
  languages: readonly SandboxLanguage[] = SANDBOX_LANGUAGES,
): Promise<LanguageImageState[]> {
  return Promise.all(
    languages.map(async (language) => {
      const tag = languageImageTag(language);
      return { language, tag, present: await imageExists(tag) };
    }),
  );
}

/** Throws, naming the command that builds them, when a toolchain image these languages need is missing. */
export async function requireLanguageImages(languages: readonly SandboxLanguage[]): Promise<void> {
  const wanted = [...new Set(languages)].filter(hasOwnImage);
  const missing = (await languageImageStates(wanted)).filter((state) => !state.present);
  if (missing.length === 0) return;
  const names = missing.map((state) => state.language);
  throw new SandboxError(
    `the ${names.join(", ")} toolchain image${names.length > 1 ? "s are" : " is"} missing (${missing.map((state) => state.tag).join(", ")})`,
    { fix: `\`${buildCommandFor(names)}\` (about a minute each; needs Debian's mirror)` },
  );
}
