// The lowest room: what every other room may use and that belongs to none of them — the error base
// and the configuration file (`dgm.config.json`), whose sections the rooms read for themselves.
export { ConfigError, readConfigFile } from "./config-file.ts";
export { DgmError, UsageError } from "./errors.ts";
