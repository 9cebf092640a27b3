// The lowest room: what every other room may use and that belongs to none of them — the error base
// and the configuration file (`dgm.config.json`), whose sections the rooms read for themselves — and the
// small statistics (intervals, paired tests, Beta draws) that search and final picks share.
export { ConfigError, readConfigFile } from "./config-file.ts";
export { DgmError, UsageError } from "./errors.ts";
export type { Interval, Uniform } from "./statistics.ts";
export {
  bootstrapInterval,
  CONFIDENCE,
  mcnemarExact,
  median,
  normalQuantile,
  pairResults,
  sampleBeta,
  sampleGamma,
  wilsonInterval,
} from "./statistics.ts";
