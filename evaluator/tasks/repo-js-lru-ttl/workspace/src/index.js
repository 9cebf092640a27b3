export { manualClock, systemClock } from "./clock.js";
export { LRUCache } from "./lru.js";
export { memoize } from "./memoize.js";
