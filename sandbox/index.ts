// The sandbox room's public API: the contract types, the Docker implementation, the image builder.
export { DEFAULT_LIMITS, WORKSPACE } from "./container-spec.ts";
export { engineAnswers, engineInfo } from "./docker.ts";
export { DockerSandbox, withSession } from "./docker-sandbox.ts";
export {
  configureEngines,
  defaultEngineSpecs,
  defaultLocalSlots,
  Engine,
  type EngineHealth,
  type EngineIdentity,
  EnginePool,
  type EngineReport,
  type EngineSpec,
  enginePool,
  type FileDelivery,
  imagePresent,
  parseEngineSection,
  reportEngines,
  setEngineProgressLog,
  TREE_LABEL,
} from "./engines/index.ts";
export { EngineLostError, SandboxError } from "./errors.ts";
export { HOST_DEADLINE_GRACE_MS } from "./exec.ts";
export {
  isFileInside,
  linkStaysInside,
  MAX_SOURCE_BYTES,
  readFileInside,
  readTextInside,
  resolveInside,
  UnsafePathError,
} from "./host-files.ts";
export { buildSandboxImage, ensureSandboxImage, imageExists, imageSizeBytes } from "./image/build.ts";
export {
  buildCommandFor,
  buildLanguageImage,
  currentSandboxTags,
  isSandboxLanguage,
  type LanguageImageState,
  languageImageStates,
  languageImageTag,
  listSandboxImages,
  parseLanguages,
  requireLanguageImages,
  SANDBOX_LANGUAGES,
  type SandboxLanguage,
  TOOLCHAIN_LANGUAGES,
} from "./image/languages.ts";
export { recipeHash, sandboxImageTag } from "./image/recipe.ts";
export { ImageDirError } from "./image-dirs.ts";
export { NODE_RUNTIME_BIN, NODE_RUNTIME_ROOT, prepareNodeRuntime } from "./node-runtime.ts";
export { describeOurContainers } from "./our-containers.ts";
export * from "./toolchain.ts";
export type * from "./types.ts";
