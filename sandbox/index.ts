// The sandbox room's public API: the contract types, the Docker implementation, the image builder.
export {
  AGENT_HOME,
  AGENT_USER,
  DEFAULT_LIMITS,
  labelsFor,
  OWNER_LABEL,
  PROJECT_LABEL,
  resolveLimits,
  WORKSPACE,
} from "./container-spec.ts";
export { type EngineInfo, engineAnswers, engineInfo } from "./docker.ts";
export {
  type ContainerFilter,
  DockerSandbox,
  describeOurContainers,
  listOurContainers,
  type OurContainer,
  withSession,
} from "./docker-sandbox.ts";
export { SandboxError } from "./errors.ts";
export { DEFAULT_MAX_OUTPUT_BYTES, HOST_DEADLINE_GRACE_MS } from "./exec.ts";
export {
  isFileInside,
  linkStaysInside,
  MAX_SOURCE_BYTES,
  readFileInside,
  readTextInside,
  resolveInside,
  UnsafePathError,
} from "./host-files.ts";
export {
  type BuildMode,
  type BuildOptions,
  type BuildOutcome,
  buildSandboxImage,
  ensureSandboxImage,
  imageExists,
  listSandboxImages,
} from "./image/build.ts";
export { recipeHash, sandboxImageTag } from "./image/recipe.ts";
export * from "./toolchain.ts";
export type * from "./types.ts";
