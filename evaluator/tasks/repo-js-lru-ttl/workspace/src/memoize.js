import { LRUCache } from "./lru.js";

export function memoize(fn, { cache = new LRUCache({ maxSize: 1000 }), key = (...args) => JSON.stringify(args) } = {}) {
  const memoized = function (...args) {
    const k = key(...args);
    if (cache.has(k)) return cache.get(k);
    const result = fn.apply(this, args);
    cache.set(k, result);
    return result;
  };
  memoized.cache = cache;
  return memoized;
}
