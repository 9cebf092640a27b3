// The engine pool: which Docker engines sessions run on (dgm.config.json's "sandbox" section), how a
// session is placed, what each engine needs first (the image, our read-only trees), and health.

export { Engine, type EngineHealth, type EngineIdentity } from "./engine.ts";
export {
  defaultEngineSpecs,
  type EngineConnection,
  type EngineSpec,
  type FileDelivery,
  parseEngineSection,
} from "./engine-config.ts";
export { ensureImageOn, imagePresent, type ProgressLog } from "./images.ts";
export { EnginePool, type Lease } from "./pool.ts";
export { type EngineReport, reportEngines } from "./report.ts";
export {
  configureEngines,
  defaultLocalSlots,
  enginePool,
  engineProgressLog,
  setEngineProgressLog,
} from "./shared-pool.ts";
export { ensureTreeVolume, TREE_LABEL, treeHash } from "./tree-volumes.ts";
